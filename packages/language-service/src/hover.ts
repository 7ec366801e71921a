// Hover: for a built-in, its registry docs (signature, kind and unit, docs, example), and for a
// node target also the range it can take in this formula; for a user variable, the type it holds
// at that point and the statement that assigned it. Markdown, with
// code blocks fenced in the language id so editors highlight them.

import {
  describeTargetBounds,
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
  typeName,
  type Range,
  type SymbolReference,
} from '@autoscale/core';
import type { FormulaDocument } from './document.ts';
import { codeBlock, entryFor, entryMarkdown } from './markdown.ts';
import { definitionsOf, statementText, reachingDefinition, referenceAt } from './queries.ts';

export interface Hover {
  /** The span the hover is about (the name under the cursor). */
  range: Range;
  markdown: string;
}

export function hover(doc: FormulaDocument, offset: number): Hover | undefined {
  const ref = referenceAt(doc, offset);
  if (!ref) return undefined;
  if (ref.kind === 'user') return { range: ref.range, markdown: userVariableMarkdown(doc, ref) };
  const entry = entryFor(ref.kind, ref.name);
  if (!entry) return undefined;
  const bounds = entry.kind === 'variable' ? targetBoundsMarkdown(doc, entry.name) : undefined;
  const markdown = entryMarkdown(entry, ref.name);
  return { range: ref.range, markdown: bounds ? `${bounds}\n\n${markdown}` : markdown };
}

/**
 * For a node target, the range the static bounds analysis gives it in this formula (core's
 * check/bounds.ts), first: the one fact about this formula, before the registry's general docs.
 * Nothing while the formula has errors, whose values the analysis cannot follow.
 */
function targetBoundsMarkdown(doc: FormulaDocument, name: string): string | undefined {
  if (name !== TARGET_DEDICATED && name !== TARGET_LOW_PRIORITY) return undefined;
  if (doc.degraded !== undefined || doc.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const target = doc.bounds.targets.find((t) => t.name === name);
  return target ? `**In this formula:** ${describeTargetBounds(target)}.` : undefined;
}

function userVariableMarkdown(doc: FormulaDocument, ref: SymbolReference): string {
  const id = doc.identifierOf(ref);
  const type = id ? doc.analysis.types.get(id) : undefined;
  const typeText = type === undefined ? 'unknown' : typeName(type);
  const parts = [codeBlock(`${ref.name}: ${typeText}`)];
  const definition = reachingDefinition(doc, ref);
  const all = definitionsOf(doc, ref.name);
  if (!definition) {
    const later = all[0];
    const where = later ? ` (it is first assigned on line ${lineOf(doc, later.range.start)})` : '';
    parts.push(`*user variable* · read before any statement assigns it${where}, so evaluation fails here.`);
    return parts.join('\n\n');
  }
  const statement = doc.formula.statements[definition.statement];
  const times = all.length > 1 ? ` (assigned ${all.length} times in this formula)` : '';
  const what = ref.isDefinition ? 'assigned here' : `value assigned on line ${lineOf(doc, definition.range.start)}`;
  parts.push(`*user variable* · ${what}${times}`);
  if (statement) parts.push(codeBlock(statementText(doc, statement)));
  return parts.join('\n\n');
}

function lineOf(doc: FormulaDocument, offset: number): number {
  return doc.lines.positionAt(offset).line + 1;
}
