// Splits text that arrives in chunks into lines (Node file streams and browser File streams alike):
// 1-based line numbers, CRLF or LF endings, a leading byte order mark removed. The callback runs
// synchronously per line and returns false to stop early (e.g. after too many errors). Imports
// nothing from node:*, so the playground's replay worker reads recordings with it too.

export type LineHandler = (line: string, lineNumber: number) => boolean | undefined;

/**
 * The longest line a recording may have (characters), unless the caller gives another bound: far
 * beyond any real row, and what keeps a file with no line breaks (or a device that never ends)
 * from being held in memory whole. Node's readers take it from @autoscale/node-io's INPUT_LIMITS.
 */
export const DEFAULT_MAX_LINE_CHARS = 1024 * 1024;

/** A line over the bound: where it starts, and the bound. */
export class LineTooLongError extends Error {
  readonly line: number;

  constructor(line: number, maxChars: number, raise: string) {
    super(
      `line ${line} is longer than ${maxChars.toLocaleString('en-US')} characters, the most a line of a recording may have${raise}`,
    );
    this.line = line;
  }
}

/** Feeds every line of a recording to a handler; resolves when done or stopped. */
export type LineSource = (onLine: LineHandler) => Promise<void>;

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

/** The lines of a string held in memory, as a LineSource. */
export function textLines(text: string): LineSource {
  return (onLine) => splitLines(single(text), onLine);
}

async function* single(text: string): AsyncIterable<string> {
  yield text;
}
