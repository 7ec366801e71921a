// Folding ranges, in offsets (adapters fold the lines they span): blocks of two or more comment
// lines, and statements written over several lines.

import type { FormulaDocument } from './document.ts';

export interface FoldingRange {
  start: number;
  end: number;
  kind: 'comment' | 'statement';
}

export function foldingRanges(doc: FormulaDocument): FoldingRange[] {
  return [...commentBlocks(doc), ...multiLineStatements(doc)].sort((a, b) => a.start - b.start);
}

function lineOf(doc: FormulaDocument, offset: number): number {
  return doc.lines.positionAt(offset).line;
}

/** Runs of comments each alone on its line, on consecutive lines. */
function commentBlocks(doc: FormulaDocument): FoldingRange[] {
  const blocks: FoldingRange[] = [];
  let first: { start: number; line: number } | undefined;
  let last: { end: number; line: number } | undefined;
  const close = () => {
    if (first && last && last.line > first.line) blocks.push({ start: first.start, end: last.end, kind: 'comment' });
    first = undefined;
    last = undefined;
  };
  for (const c of doc.formula.comments) {
    const line = lineOf(doc, c.range.start);
    const ownLine = doc.text.slice(doc.lines.lineStart(line), c.range.start).trim() === '';
    if (!ownLine) {
      close();
      continue;
    }
    if (!last || line !== last.line + 1) {
      close();
      first = { start: c.range.start, line };
    }
    last = { end: c.range.end, line };
  }
  close();
  return blocks;
}

function multiLineStatements(doc: FormulaDocument): FoldingRange[] {
  return doc.formula.statements
    .filter((s) => s.range.end > s.range.start && lineOf(doc, s.range.end) > lineOf(doc, s.range.start))
    .map((s) => ({ start: s.range.start, end: s.range.end, kind: 'statement' as const }));
}
