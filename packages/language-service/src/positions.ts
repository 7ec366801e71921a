// Conversions between the service's UTF-16 offsets and editor positions ({ line, character },
// both 0-based, character in UTF-16 code units, as LSP and Monaco count). Adapters convert at
// their edge with these; every feature works in offsets. Line breaks are LF, CRLF or a lone CR.

import type { LineMap, Position, Range } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';

export interface LineRange {
  start: Position;
  end: Position;
}

type Lines = FormulaDocument | LineMap;

function mapOf(source: Lines): LineMap {
  return 'lines' in source ? source.lines : source;
}

/** The position of an offset; offsets outside the text are clamped to it. */
export function toPosition(source: Lines, offset: number): Position {
  return mapOf(source).positionAt(Number.isFinite(offset) ? Math.trunc(offset) : 0);
}

/**
 * The offset of a position. A line past the end gives the text's length; a character past the end
 * of its line gives the line's end (as LSP specifies), never the next line.
 */
export function toOffset(source: Lines, position: Position): number {
  const lines = mapOf(source);
  const line = Number.isFinite(position.line) ? Math.trunc(position.line) : 0;
  if (line < 0) return 0;
  if (line >= lines.lineCount) return lines.text.length;
  const start = lines.lineStart(line);
  const character = Number.isFinite(position.character) ? Math.max(0, Math.trunc(position.character)) : 0;
  return start + Math.min(character, lines.lineText(line).length);
}

export function toLineRange(source: Lines, range: Range): LineRange {
  return { start: toPosition(source, range.start), end: toPosition(source, range.end) };
}

export function toOffsetRange(source: Lines, range: LineRange): Range {
  const start = toOffset(source, range.start);
  const end = toOffset(source, range.end);
  return start <= end ? { start, end } : { start: end, end: start };
}
