// Reading an input file with a bound on its size, so that no input (a huge file, /dev/zero, a FIFO
// that never ends) can exhaust memory: a regular file larger than the bound is refused before a
// byte is read; anything else (a pipe, a device, stdin) is read as a stream and refused as soon
// as it passes the bound. Each kind of input has its documented bound (INPUT_LIMITS), which an
// environment variable raises; the error says which file, which bound, and how to raise it.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeUtf8 } from './utf8.ts';

export interface InputLimit {
  /** What the file is, for messages: "a formula file". */
  what: string;
  /** The bound in bytes. */
  bytes: number;
  /** The environment variable that raises it. */
  variable: string;
  /** Why the bound is where it is, for messages. */
  why?: string;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** The documented bounds (README: "Limits"). Raise one with its variable, in bytes. */
export const INPUT_LIMITS = {
  formula: {
    what: 'a formula file',
    bytes: 64 * KIB,
    variable: 'AUTOSCALE_MAX_FORMULA_BYTES',
    why: 'the Batch service takes 8,192 characters',
  },
  hostFile: {
    what: 'an ARM, Bicep, Terraform or pool JSON file',
    bytes: 16 * MIB,
    variable: 'AUTOSCALE_MAX_HOST_FILE_BYTES',
  },
  context: { what: 'a context file', bytes: 64 * MIB, variable: 'AUTOSCALE_MAX_CONTEXT_BYTES' },
  testFile: { what: 'a test file', bytes: 16 * MIB, variable: 'AUTOSCALE_MAX_TEST_FILE_BYTES' },
  recordingLine: { what: 'a line of a recording', bytes: 1 * MIB, variable: 'AUTOSCALE_MAX_RECORDING_LINE_BYTES' },
  recordingDocument: {
    what: 'a recording read as one document',
    bytes: 256 * MIB,
    variable: 'AUTOSCALE_MAX_RECORDING_DOCUMENT_BYTES',
  },
  metadata: { what: 'a metadata file', bytes: 1 * MIB, variable: 'AUTOSCALE_MAX_METADATA_BYTES' },
  // Read whole: a log export may be one JSON document, and CSV cells may span lines (formulas).
  serviceHistory: {
    what: 'a service history file',
    bytes: 256 * MIB,
    variable: 'AUTOSCALE_MAX_SERVICE_HISTORY_BYTES',
  },
} as const satisfies Record<string, InputLimit>;

export type InputKind = keyof typeof INPUT_LIMITS;

/** The bound for `kind`: its default, or the whole number of bytes its environment variable sets. */
export function inputLimit(kind: InputKind, env: NodeJS.ProcessEnv = process.env): InputLimit {
  const limit: InputLimit = INPUT_LIMITS[kind];
  const raw = env[limit.variable];
  if (raw === undefined || raw === '') return limit;
  const bytes = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(bytes) || bytes < 1) {
    throw Object.assign(new Error(`${limit.variable}=${raw} is not a whole number of bytes`), { code: 'EINVALLIMIT' });
  }
  return { ...limit, bytes };
}

function formatBytes(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes % KIB === 0) return `${bytes / KIB} KiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/** The error of an input over its bound: `fileErrorReason` prints its message. */
export function tooLargeError(limit: InputLimit): Error {
  const why = limit.why === undefined ? '' : ` (${limit.why})`;
  return Object.assign(
    new Error(
      `larger than the ${formatBytes(limit.bytes)} ${limit.what} may have${why}; set ${limit.variable} (in bytes) to raise the bound`,
    ),
    { code: 'EFBIG' },
  );
}

/** Reads at most `limit.bytes` bytes of `path`, or throws (a file error, or tooLargeError). */
export function readBoundedSync(path: string, limit: InputLimit): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A regular file says its size: refuse it before reading. Anything else may never end.
    if (stats.isFile() && stats.size > limit.bytes) throw tooLargeError(limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(MIB, limit.bytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > limit.bytes) throw tooLargeError(limit);
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A text input (strict UTF-8, byte order mark kept) read within its bound; throws like readBoundedSync. */
export function readTextSync(path: string, kind: InputKind): string {
  return decodeUtf8(readBoundedSync(path, inputLimit(kind)));
}

/** Collects a stream (e.g. stdin) within `limit`; rejects with tooLargeError past it. */
export async function readStreamBounded(stream: AsyncIterable<Buffer | string>, limit: InputLimit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > limit.bytes) throw tooLargeError(limit);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
