// Reads a text file line by line in large chunks (memory stays at one chunk plus one line), with
// 1-based line numbers, CRLF or LF endings and a leading byte order mark removed. The callback
// runs synchronously per line and returns false to stop reading early (e.g. after too many errors).

import { createReadStream } from 'node:fs';

/** Chunk size: large enough that per-chunk overhead vanishes, small enough to stay bounded. */
const CHUNK_BYTES = 1 << 20;

export type LineHandler = (line: string, lineNumber: number) => boolean | void;

/** Resolves when the file is read (or reading stopped); rejects only when the file cannot be read. */
export async function readLines(file: string, onLine: LineHandler): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  let rest = '';
  let lineNumber = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = rest + chunk;
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        lineNumber++;
        if (onLine(text.slice(start, end), lineNumber) === false) return;
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest !== '') {
      const end = rest.charCodeAt(rest.length - 1) === 13 ? rest.length - 1 : rest.length;
      onLine(rest.slice(0, end), lineNumber + 1);
    }
  } finally {
    stream.destroy();
  }
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
