// Code actions: every fix core attached to a diagnostic near the range becomes a quick fix (the
// only fix of a diagnostic is marked preferred). A "fix all" source action applies the fixes that
// never change meaning (syntax-layer fixes and legacy names to full names) across the document,
// for editors' fix-on-save; guesses such as did-you-mean are left to the user.

import type { DiagnosticCode, Range, TextEdit } from '@autoscale/core';
import { diagnostics, type ServiceDiagnostic } from './diagnostics.ts';
import type { FormulaDocument } from './document.ts';
import { touches, validRange } from './queries.ts';
import type { DiagnosticLayers } from './settings.ts';

export type CodeActionKind = 'quickfix' | 'source.fixAll';

export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  edits: TextEdit[];
  /** The diagnostics the action resolves. */
  diagnostics: ServiceDiagnostic[];
  isPreferred: boolean;
}

export interface CodeActionOptions {
  /** Layers whose diagnostics are shown (hidden diagnostics offer no fixes). */
  layers?: Partial<DiagnosticLayers>;
  /** Only these kinds (default: both). */
  only?: readonly CodeActionKind[];
}

/** Lint fixes that rename nothing and change no value: a legacy name to the same variable's full name. */
const SAFE_LINT_FIXES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['AS4009']);

export function codeActions(doc: FormulaDocument, range: Range, options: CodeActionOptions = {}): CodeAction[] {
  const within = validRange(doc, range);
  if (!within) return [];
  const only = options.only ?? ['quickfix', 'source.fixAll'];
  const shown = diagnostics(doc, options.layers);
  const actions: CodeAction[] = [];
  if (only.includes('quickfix')) {
    for (const d of shown) {
      if (!touches(d.range, within)) continue;
      for (const fix of d.fixes ?? [])
        actions.push({
          title: fix.title,
          kind: 'quickfix',
          edits: fix.edits,
          diagnostics: [d],
          isPreferred: (d.fixes ?? []).length === 1,
        });
    }
  }
  if (only.includes('source.fixAll')) {
    const all = fixAll(shown);
    if (all) actions.push(all);
  }
  return actions;
}

/** The safe fixes of the whole document as one action, skipping any whose edits overlap an earlier one. */
function fixAll(shown: ServiceDiagnostic[]): CodeAction | undefined {
  const edits: TextEdit[] = [];
  const fixed: ServiceDiagnostic[] = [];
  for (const d of shown) {
    const fix = d.fixes?.length === 1 ? d.fixes[0] : undefined;
    if (!fix || (d.layer !== 'syntax' && !SAFE_LINT_FIXES.has(d.code))) continue;
    if (fix.edits.some((e) => edits.some((x) => overlaps(e.range, x.range)))) continue;
    edits.push(...fix.edits);
    fixed.push(d);
  }
  if (fixed.length === 0) return undefined;
  edits.sort((a, b) => a.range.start - b.range.start);
  return {
    title: `Fix all safely fixable problems (${fixed.length})`,
    kind: 'source.fixAll',
    edits,
    diagnostics: fixed,
    isPreferred: false,
  };
}

/** Edits conflict when they share a character, or insert at the same point. */
function overlaps(a: Range, b: Range): boolean {
  if (a.start === a.end || b.start === b.end)
    return a.start === b.start || (a.start > b.start && a.start < b.end) || (b.start > a.start && b.start < a.end);
  return a.start < b.end && b.start < a.end;
}
