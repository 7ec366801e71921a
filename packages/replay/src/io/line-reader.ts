// Reads a text file line by line in large chunks (memory stays at one chunk plus one line), with
// the line splitting of lines.ts; file errors are worded by @autoscale/node-io.

import { createReadStream } from 'node:fs';
import { splitLines, type LineHandler, type LineSource } from './lines.ts';

/** Chunk size: large enough that per-chunk overhead vanishes, small enough to stay bounded. */
const CHUNK_BYTES = 1 << 20;

/** Resolves when the file is read (or reading stopped); rejects only when the file cannot be read. */
export async function readLines(file: string, onLine: LineHandler): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    await splitLines(stream as AsyncIterable<string>, onLine);
  } finally {
    stream.destroy();
  }
}

/** A file's lines as the readers' LineSource. */
export function fileLines(file: string): LineSource {
  return (onLine) => readLines(file, onLine);
}

/** Why a file could not be read: node-io's one wording, re-exported for the readers that import it from here. */
export { fileErrorReason } from '@autoscale/node-io';
