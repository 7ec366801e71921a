// Offset <-> { line, character } conversions for adapters: LF, CRLF and lone CR line breaks,
// characters past a line's end, lines past the text's end, surrogate pairs counted as two units.

import { describe, expect, it } from 'vitest';
import { analyzeDocument, toLineRange, toOffset, toOffsetRange, toPosition } from '@autoscale/language-service';

const TEXT = 'a = 1;\r\nb = "😀";\rc = 2;\n';

describe('positions', () => {
  const doc = analyzeDocument(TEXT);
  it('round-trips every offset', () => {
    for (let offset = 0; offset <= TEXT.length; offset++) {
      const p = toPosition(doc, offset);
      // The offset between CR and LF belongs to no line position; it maps to the line's end.
      if (TEXT[offset - 1] === '\r' && TEXT[offset] === '\n') continue;
      expect(toOffset(doc, p), `offset ${offset}`).toBe(offset);
    }
  });
  it('counts lines after CRLF, CR and LF', () => {
    expect(toPosition(doc, TEXT.indexOf('b'))).toEqual({ line: 1, character: 0 });
    expect(toPosition(doc, TEXT.indexOf('c'))).toEqual({ line: 2, character: 0 });
    expect(toPosition(doc, TEXT.length)).toEqual({ line: 3, character: 0 });
  });
  it('counts UTF-16 code units', () => {
    expect(toPosition(doc, TEXT.indexOf('";'))).toEqual({ line: 1, character: 7 });
  });
  it('clamps a character past the line end to the line end, not the next line', () => {
    expect(toOffset(doc, { line: 0, character: 99 })).toBe(6);
    expect(toOffset(doc, { line: 1, character: 99 })).toBe(TEXT.indexOf('\rc'));
  });
  it('clamps lines and offsets outside the text', () => {
    expect(toOffset(doc, { line: 99, character: 0 })).toBe(TEXT.length);
    expect(toOffset(doc, { line: -1, character: 5 })).toBe(0);
    expect(toOffset(doc, { line: Number.NaN, character: Number.NaN })).toBe(0);
    expect(toPosition(doc, -5)).toEqual({ line: 0, character: 0 });
    expect(toPosition(doc, 1e9)).toEqual({ line: 3, character: 0 });
    expect(toPosition(doc, Number.NaN)).toEqual({ line: 0, character: 0 });
  });
  it('converts ranges both ways', () => {
    const range = { start: TEXT.indexOf('b'), end: TEXT.indexOf('c') + 1 };
    const lineRange = toLineRange(doc, range);
    expect(lineRange).toEqual({ start: { line: 1, character: 0 }, end: { line: 2, character: 1 } });
    expect(toOffsetRange(doc, lineRange)).toEqual(range);
    expect(toOffsetRange(doc, { start: lineRange.end, end: lineRange.start })).toEqual(range);
  });
  it('works on an empty text', () => {
    const empty = analyzeDocument('');
    expect(toPosition(empty, 0)).toEqual({ line: 0, character: 0 });
    expect(toOffset(empty, { line: 0, character: 3 })).toBe(0);
  });
});
