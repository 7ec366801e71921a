// Reads a text file line by line in large chunks (memory stays at one chunk plus one line), with
// the line splitting of lines.ts, and words file errors the way the C library does.

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

/** Why a file could not be read, in the words of the C library rather than Node's error codes. */
export function fileErrorReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
