// LineMap against the plainest possible line splitter, on every mix of CR, LF and CRLF: a line
// ends at CR LF (one break), a lone CR or a lone LF; positions are 0-based, UTF-16.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineMap } from '@autoscale/core';

/** Line starts, one character at a time. */
function naiveStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

describe('LineMap', () => {
  it('agrees with a character-by-character splitter on any mix of line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bc', '\r', '\n', '\r\n', '✓'), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const map = new LineMap(text);
        const starts = naiveStarts(text);
        expect(map.lineCount).toBe(starts.length);
        for (const [line, start] of starts.entries()) expect(map.positionAt(start)).toEqual({ line, character: 0 });
        for (let offset = 0; offset <= text.length; offset++) {
          const line = starts.filter((s) => s <= offset).length - 1;
          expect(map.positionAt(offset)).toEqual({ line, character: offset - (starts[line] as number) });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('maps a text of many short LF lines (the usual shape) line by line', () => {
    const text = 'x;\n'.repeat(20_000);
    const map = new LineMap(text);
    expect(map.lineCount).toBe(20_001);
    expect(map.positionAt(3 * 12_345 + 1)).toEqual({ line: 12_345, character: 1 });
  });
});
