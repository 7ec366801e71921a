// Rename for user variables. `$x` renamed to `y` stays a `$` variable (`$y`). Refused, with the
// reason, when the new name is not one identifier, is a built-in name, differs from a service
// variable only in case, is already used in the formula, or would change what the checker
// reports (the formula is re-checked with the edits applied).

import { analyzeFormula, lex, registry, type Range, type TextEdit } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';
import { applyEdits } from './edits.ts';
import { referenceAt } from './queries.ts';

export type PrepareRenameResult = { ok: true; range: Range; placeholder: string } | { ok: false; reason: string };

export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

export function prepareRename(doc: FormulaDocument, offset: number): PrepareRenameResult {
  const ref = referenceAt(doc, offset);
  if (!ref) return { ok: false, reason: 'Only user variables can be renamed; there is no name at the cursor.' };
  if (ref.kind !== 'user')
    return { ok: false, reason: `'${ref.name}' is ${describeKind(ref.kind)}; only user variables can be renamed.` };
  return { ok: true, range: ref.range, placeholder: ref.name };
}

export function rename(doc: FormulaDocument, offset: number, requested: string): RenameResult {
  const prepared = prepareRename(doc, offset);
  if (!prepared.ok) return prepared;
  const oldName = prepared.placeholder;
  const trimmed = typeof requested === 'string' ? requested.trim() : '';
  const newName = oldName.startsWith('$') && !trimmed.startsWith('$') && trimmed !== '' ? `$${trimmed}` : trimmed;
  const refused = refusal(doc, oldName, newName);
  if (refused) return { ok: false, reason: refused };
  if (newName === oldName) return { ok: true, edits: [] };
  const edits = doc.references
    .filter((r) => r.kind === 'user' && r.name === oldName)
    .map((r) => ({ range: r.range, newText: newName }));
  const changed = changedDiagnostics(doc, edits);
  if (changed)
    return {
      ok: false,
      reason: `Renaming '${oldName}' to '${newName}' would change the formula's diagnostics: ${changed}`,
    };
  return { ok: true, edits };
}

function refusal(doc: FormulaDocument, oldName: string, newName: string): string | undefined {
  if (!isIdentifier(newName))
    return `'${newName}' is not a variable name: use letters, digits and '_', not starting with a digit (a leading '$' is allowed).`;
  if (newName === oldName) return undefined;
  const builtin = builtinKind(newName);
  if (builtin) return `'${newName}' is the name of a built-in ${builtin}.`;
  const service = registry.variableIgnoringCase(newName.startsWith('$') ? newName : `$${newName}`);
  if (service) return `'${newName}' would read as a misspelling of the service variable ${service.name}.`;
  // A name read but never assigned counts too: renaming onto it would capture that read.
  const taken = doc.references.some((r) => r.name === newName && (r.kind === 'user' || r.kind === 'unknown'));
  if (taken) return `'${newName}' is already used in this formula.`;
  return undefined;
}

/** One identifier token, exactly: the core's lexer decides what a name is. */
function isIdentifier(name: string): boolean {
  if (name === '') return false;
  const lexed = lex(name);
  const only = lexed.tokens[0];
  return (
    lexed.tokens.length === 1 &&
    lexed.comments.length === 0 &&
    lexed.diagnostics.length === 0 &&
    only !== undefined &&
    only.image === name &&
    /^[A-Za-z_$]/.test(name)
  );
}

function builtinKind(name: string): string | undefined {
  if (registry.variable(name)) return 'service variable';
  if (registry.function(name)) return 'function';
  if (registry.constant(name)) return 'constant';
  if (registry.keyword(name)) return 'keyword';
  return undefined;
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'service':
      return 'a service variable';
    case 'function':
      return 'a built-in function';
    case 'method':
      return 'a sample method';
    case 'member':
      return 'a timestamp member';
    case 'constant':
      return 'a built-in constant';
    case 'keyword':
      return 'a deallocation keyword';
    default:
      return 'not a known name';
  }
}

/** The message of the first diagnostic the renamed formula reports that the original does not (compared by code). */
function changedDiagnostics(doc: FormulaDocument, edits: TextEdit[]): string | undefined {
  const text = applyEdits(doc.text, edits);
  const before = countCodes(doc.diagnostics.map((d) => d.code));
  const after = analyzeFormula(text).diagnostics;
  for (const d of after) {
    const left = before.get(d.code) ?? 0;
    if (left === 0) return d.message;
    before.set(d.code, left - 1);
  }
  return undefined;
}

function countCodes(codes: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of codes) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}
