// Markers in test formulas: `‸` is the cursor, `⟦...⟧` a range. Neither character can occur in a
// formula outside strings and comments, so the cases read as the formula itself. `markRanges` draws
// ranges back into a text, so expectations about ranges are written (and diffed) as marked text.

import type { Range } from '@autoscale/language-service';

export const CURSOR = '‸';

export interface Marked {
  text: string;
  /** Offset of `‸` (-1 when absent). */
  cursor: number;
  ranges: Range[];
}

export function parseMarked(marked: string): Marked {
  let text = '';
  let cursor = -1;
  const ranges: Range[] = [];
  const open: number[] = [];
  for (const ch of marked) {
    if (ch === CURSOR) cursor = text.length;
    else if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') ranges.push({ start: open.pop() ?? 0, end: text.length });
    else text += ch;
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursor, ranges };
}

/** The text with each range wrapped in ⟦ ⟧ (ranges must not overlap). */
export function markRanges(text: string, ranges: readonly Range[]): string {
  let out = text;
  for (const r of [...ranges].sort((a, b) => b.start - a.start))
    out = `${out.slice(0, r.start)}⟦${out.slice(r.start, r.end)}⟧${out.slice(r.end)}`;
  return out;
}

/** Parses a case that must have a cursor. */
export function withCursor(marked: string): { text: string; offset: number } {
  const m = parseMarked(marked);
  if (m.cursor < 0) throw new Error(`test case has no cursor marker: ${marked}`);
  return { text: m.text, offset: m.cursor };
}
