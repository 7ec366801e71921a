// Reads a text file line by line in large chunks (memory stays at one chunk plus one line, and a
// line is bounded: node-io's INPUT_LIMITS.recordingLine), with the line splitting of lines.ts;
// file errors are worded by @autoscale/node-io, and `readFailure` words any failure of a read.

import { createReadStream } from 'node:fs';
import { fileErrorReason, inputLimit } from '@autoscale/node-io';
import type { RecordingError } from '../recording/errors.ts';
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

/** A file's lines as the readers' LineSource. */
export function fileLines(file: string): LineSource {
  return (onLine) => readLines(file, onLine);
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
