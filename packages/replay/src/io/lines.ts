// Splits text that arrives in chunks into lines (Node file streams and browser File streams alike):
// 1-based line numbers, CRLF or LF endings, a leading byte order mark removed. The callback runs
// synchronously per line and returns false to stop early (e.g. after too many errors). Imports
// nothing from node:*, so the playground's replay worker reads recordings with it too.

export type LineHandler = (line: string, lineNumber: number) => boolean | void;

/** Feeds every line of a recording to a handler; resolves when done or stopped. */
export type LineSource = (onLine: LineHandler) => Promise<void>;

export async function splitLines(chunks: AsyncIterable<string>, onLine: LineHandler): Promise<void> {
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
      if (onLine(text.slice(start, end), lineNumber) === false) return;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
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
