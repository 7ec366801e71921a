// Where each element of a JSON document's outer array starts (1-based line), so a problem with
// the 40th pool of `az batch pool list` output reads `file:812: ...`. A linear scan over text
// JSON.parse has already accepted (so its shape can be trusted): strings are skipped whole, and a
// value starts at depth 1 after the opening `[` or a `,`. Much cheaper than a parser that
// remembers every value's location.

export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) continue;
    if (expectValue && depth === 1 && c !== 93 /* ] */) {
      lines.push(line);
      expectValue = false;
    }
    if (c === 34 /* " */) {
      // Skip the string; escapes hide a quote, and JSON strings hold no raw line breaks.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth === 1 && c === 91) expectValue = true;
    } else if (c === 93 || c === 125) {
      depth--;
    } else if (c === 44 /* , */ && depth === 1) {
      expectValue = true;
    }
  }
  return lines;
}
