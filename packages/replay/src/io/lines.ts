// Splits text that arrives in chunks into lines (Node file streams and browser File streams alike):
// 1-based line numbers, CRLF or LF endings, a leading byte order mark removed. The callback runs
// synchronously per line and returns false to stop early (e.g. after too many errors). Imports
// nothing from node:*, so the playground's replay worker reads recordings with it too.

import { splitByteLines, type ByteLineSource } from './byte-lines.ts';
import { DEFAULT_MAX_LINE_CHARS, LineTooLongError } from './line-bound.ts';

export { DEFAULT_MAX_LINE_CHARS, LineTooLongError };

export type LineHandler = (line: string, lineNumber: number) => boolean | undefined;

/**
 * Feeds every line of a recording to a handler; resolves when done or stopped. A source that reads
 * bytes also offers them as byte lines (byte-lines.ts), which the CSV and JSON Lines readers parse
 * without a string per cell (the lines are the same either way), and may know its size in bytes,
 * from which readers size their arrays once instead of growing them.
 */
export type LineSource = ((onLine: LineHandler) => Promise<void>) & {
  readonly bytes?: ByteLineSource;
  readonly size?: number;
};

/**
 * Splits the chunks into lines for `onLine`; rejects with LineTooLongError as soon as a line
 * passes `maxLineChars` (`raise` ends its message: how to raise the bound, where one can).
 */
export async function splitLines(
  chunks: AsyncIterable<string>,
  onLine: LineHandler,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
  raise = '',
): Promise<void> {
  let rest = '';
  let lineNumber = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = rest + chunk;
    // An empty first chunk (a stream may start with one) must not use up the BOM check.
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lineNumber++;
      if (end - start > maxLineChars) throw new LineTooLongError(lineNumber, maxLineChars, raise);
      if (onLine(text.slice(start, end), lineNumber) === false) return;
      start = nl + 1;
    }
    rest = text.slice(start);
    // A line still without its end: stop before it grows past the bound (a file with no line breaks).
    if (rest.length > maxLineChars + 1) throw new LineTooLongError(lineNumber + 1, maxLineChars, raise);
  }
  if (rest.length > maxLineChars + (rest.endsWith('\r') ? 1 : 0))
    throw new LineTooLongError(lineNumber + 1, maxLineChars, raise);
  if (rest !== '') {
    const end = rest.charCodeAt(rest.length - 1) === 13 ? rest.length - 1 : rest.length;
    onLine(rest.slice(0, end), lineNumber + 1);
  }
}

/** The lines of a string held in memory, as a LineSource (its bytes encoded a slice at a time). */
export function textLines(text: string): LineSource {
  const bytes: ByteLineSource = (onLine) => splitByteLines(encodedSlices(text), onLine);
  return Object.assign((onLine: LineHandler) => splitLines(single(text), onLine), { bytes });
}

async function* single(text: string): AsyncIterable<string> {
  yield text;
}

/** Slices of the text as UTF-8, never cutting a surrogate pair (which would encode as two U+FFFD). */
async function* encodedSlices(text: string, slice = 1 << 20): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + slice);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield encoder.encode(text.slice(start, end));
    start = end;
  }
}
