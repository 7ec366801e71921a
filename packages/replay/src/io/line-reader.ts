// Reads a text file line by line in large chunks (memory stays at one chunk plus one line, and a
// line is bounded: node-io's INPUT_LIMITS.recordingLine), with the line splitting of lines.ts, or
// as byte lines (byte-lines.ts) for the readers that parse bytes: two buffers, the next chunk read
// while this one is parsed. File errors are worded by @autoscale/node-io, and `readFailure` words
// any failure of a read.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileErrorReason, inputLimit } from '@autoscale/node-io';
import type { RecordingError } from '../recording/errors.ts';
import { ByteLineSplitter, type ByteLineHandler } from './byte-lines.ts';
import { LineTooLongError, splitLines, type LineHandler, type LineSource } from './lines.ts';

/** Chunk size: large enough that per-chunk overhead vanishes, small enough to stay bounded. */
const CHUNK_BYTES = 1 << 20;

/** Resolves when the file is read (or reading stopped); rejects only when the file cannot be read. */
export async function readLines(file: string, onLine: LineHandler): Promise<void> {
  const limit = inputLimit('recordingLine');
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    await splitLines(
      stream as AsyncIterable<string>,
      onLine,
      limit.bytes,
      `; set ${limit.variable} to raise the bound`,
    );
  } finally {
    stream.destroy();
  }
}

/** Resolves when the file is read as byte lines (or reading stopped); rejects only when it cannot be read. */
export async function readByteLines(file: string, onLine: ByteLineHandler): Promise<void> {
  const limit = inputLimit('recordingLine');
  const splitter = new ByteLineSplitter(onLine, limit.bytes, `; set ${limit.variable} to raise the bound`);
  const handle = await open(file, 'r');
  const buffers = [new Uint8Array(CHUNK_BYTES), new Uint8Array(CHUNK_BYTES)];
  let next = handle.read(buffers[0] as Uint8Array, 0, CHUNK_BYTES, null);
  try {
    for (let i = 1; ; i++) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) break;
      // The next chunk is read into the other buffer while the splitter parses this one.
      next = handle.read(buffers[i % 2] as Uint8Array, 0, CHUNK_BYTES, null);
      if (!splitter.push(buffer.subarray(0, bytesRead))) break;
    }
    splitter.end();
  } finally {
    // The read ahead may still be running (stopped early, or a line over the bound): wait for it before closing.
    await next.catch(() => undefined);
    await handle.close();
  }
}

/**
 * A file's lines as the readers' LineSource, with its bytes for the readers that parse bytes, and
 * its size when the caller knows it (a hint: the file is read to its end whatever its size).
 */
export function fileLines(file: string, size?: number): LineSource {
  return Object.assign((onLine: LineHandler) => readLines(file, onLine), {
    bytes: (onLine: ByteLineHandler) => readByteLines(file, onLine),
    ...(size !== undefined ? { size } : {}),
  });
}

/**
 * A read of `file` that failed part-way (the file vanished, an I/O error, a line over the bound), as a recording error.
 */
export function readFailure(file: string, err: unknown): RecordingError {
  if (err instanceof LineTooLongError)
    return { file, line: err.line, message: err.message.replace(/^line \d+ is/, 'the line is') };
  return { file, message: `cannot read: ${fileErrorReason(err)}` };
}

/** Why a file could not be read: node-io's one wording, re-exported for the readers that import it from here. */
export { fileErrorReason };
