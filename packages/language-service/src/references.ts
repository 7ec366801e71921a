// Go to definition, find references and document highlights. Definition is for user variables
// (built-ins have no place in the document); references and highlights work for every resolved
// name, matching service variables whatever alias spells them.

import type { Range, SymbolReference } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';
import { definitionsOf, reachingDefinition, referenceAt, sameSymbol } from './queries.ts';

export interface DocumentHighlight {
  range: Range;
  /** 'write' for an assignment target, 'read' for every other use. */
  kind: 'read' | 'write';
}

export interface ReferenceOptions {
  /** Include assignment targets (default true). */
  includeDeclaration?: boolean;
}

/**
 * Where the value of the user variable at the cursor was assigned: for a read, the assignment it
 * sees (the last one in an earlier statement), or every assignment when it is read before any;
 * for an assignment target, itself.
 */
export function definition(doc: FormulaDocument, offset: number): Range[] {
  const ref = referenceAt(doc, offset);
  if (ref?.kind !== 'user') return [];
  const seen = reachingDefinition(doc, ref);
  if (seen) return [seen.range];
  return definitionsOf(doc, ref.name).map((d) => d.range);
}

export function references(doc: FormulaDocument, offset: number, options: ReferenceOptions = {}): Range[] {
  const ref = referenceAt(doc, offset);
  if (!ref || ref.kind === 'unknown') return [];
  const include = options.includeDeclaration ?? true;
  return sameSymbolReferences(doc, ref)
    .filter((r) => include || !r.isDefinition)
    .map((r) => r.range);
}

export function documentHighlights(doc: FormulaDocument, offset: number): DocumentHighlight[] {
  const ref = referenceAt(doc, offset);
  if (!ref) return [];
  return sameSymbolReferences(doc, ref).map((r) => ({ range: r.range, kind: r.isDefinition ? 'write' : 'read' }));
}

function sameSymbolReferences(doc: FormulaDocument, ref: SymbolReference): SymbolReference[] {
  return doc.references.filter((r) => sameSymbol(r, ref));
}
