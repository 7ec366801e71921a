// Flattening of strings built by concatenation, for code that keeps many of them.

/**
 * `text`, made one flat string in memory. A string built by `+=` is a rope of its pieces, one
 * object each; a replay keeping a results string per evaluation would hold (and have the collector
 * trace) millions of them. Reading the text as a number makes V8 flatten it in place; the number
 * is kept where it is observable, so the read cannot be optimized away, and is never used.
 */
export function flattenString(text: string): string {
  flattening.last = Number(text);
  return text;
}
const flattening = { last: 0 };
