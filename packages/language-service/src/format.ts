// Formatting with core's formatter (one canonical layout): one edit replacing the whole document
// when the layout changes, none when it is already canonical. A formula with syntax errors is
// refused, as the formatter refuses it, so nothing the user typed is ever lost.

import { codeInfo, formatFormula, type TextEdit } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';

export type FormatResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

export function format(doc: FormulaDocument): FormatResult {
  if (doc.degraded) return { ok: false, reason: 'The formula is too long or too deeply nested to format.' };
  const syntaxError = doc.diagnostics.find((d) => d.severity === 'error' && codeInfo(d.code).layer === 'syntax');
  if (syntaxError) return refuse(doc, syntaxError.range.start, syntaxError.message);
  const result = formatFormula(doc.text);
  if (!result.ok) {
    const first = result.diagnostics[0];
    return first
      ? refuse(doc, first.range.start, first.message)
      : { ok: false, reason: 'The formatter refused the formula.' };
  }
  if (!result.changed || result.text === doc.text) return { ok: true, edits: [] };
  return { ok: true, edits: [{ range: { start: 0, end: doc.text.length }, newText: result.text }] };
}

function refuse(doc: FormulaDocument, offset: number, message: string): FormatResult {
  const p = doc.lines.positionAt(offset);
  return {
    ok: false,
    reason: `Not formatted: syntax error at line ${p.line + 1}, column ${p.character + 1}: ${message}`,
  };
}
