// How diagnostics are shown: `file:line:col severity code message` followed by a code frame (the
// source line and a ^~~~ underline of the range), the LSP-style JSON shape, and the summary
// line. Shared by check, eval, explain and fmt. Positions come from core's LineMap.

import type { Diagnostic, LineMap, Position } from '@autoscale/core';

export interface JsonDiagnostic {
  file: string;
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  /** 0-based line and UTF-16 character, as in the Language Server Protocol. */
  range: { start: Position; end: Position };
}

/** ANSI colours of each severity (bold red, yellow, cyan, dim). */
const SEVERITY_COLOUR: Readonly<Record<Diagnostic['severity'], string>> = {
  error: '\x1b[1;31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  hint: '\x1b[2m',
};
const RESET = '\x1b[0m';

/**
 * One diagnostic as text: a header line with 1-based line/column, then its code frame. With
 * `colour`, the severity and the underline take the severity's colour.
 */
export function formatDiagnostic(file: string, lines: LineMap, d: Diagnostic, colour = false): string {
  const start = lines.positionAt(d.range.start);
  const paint = (text: string) => (colour ? `${SEVERITY_COLOUR[d.severity]}${text}${RESET}` : text);
  const header = `${file}:${start.line + 1}:${start.character + 1} ${paint(d.severity)} ${d.code} ${d.message}`;
  const frame = codeFrame(lines, d.range.start, d.range.end);
  if (!colour) return `${header}\n${frame}`;
  const [source = '', underline = ''] = frame.split('\n');
  const caret = underline.search(/[\^]/);
  return `${header}\n${source}\n${underline.slice(0, caret)}${paint(underline.slice(caret))}\n`;
}

/**
 * The source line of `start` with a gutter, and an underline from `start` to `end` (clipped to
 * that line; at least one character). Tabs before the range are kept so the underline lines up.
 */
export function codeFrame(lines: LineMap, startOffset: number, endOffset: number): string {
  const start = lines.positionAt(startOffset);
  const end = lines.positionAt(Math.max(startOffset, endOffset));
  const source = lines.lineText(start.line);
  const lastColumn = end.line === start.line ? end.character : source.length;
  const width = Math.max(1, lastColumn - start.character);
  const padding = source.slice(0, start.character).replace(/[^\t]/g, ' ');
  const gutter = String(start.line + 1);
  const blank = ' '.repeat(gutter.length);
  return `  ${gutter} | ${source}\n  ${blank} | ${padding}^${'~'.repeat(width - 1)}\n`;
}

export function toJsonDiagnostic(file: string, lines: LineMap, d: Diagnostic): JsonDiagnostic {
  return {
    file,
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: { start: lines.positionAt(d.range.start), end: lines.positionAt(d.range.end) },
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning in 3 files`; infos and hints are mentioned only when there are some. */
export function summaryLine(diagnostics: readonly Diagnostic[], files: number): string {
  const count = (s: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === s).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('info') > 0) parts.push(plural(count('info'), 'info'));
  if (count('hint') > 0) parts.push(plural(count('hint'), 'hint'));
  return `${parts.join(', ')} in ${plural(files, 'file')}`;
}
