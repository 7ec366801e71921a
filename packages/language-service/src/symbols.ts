// Document symbols: one per assignment, named as written, with the type the variable holds after
// it; editors list them in the outline and breadcrumbs.

import { ANY, typeName, type Range } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';

export interface DocumentSymbol {
  name: string;
  kind: 'serviceVariable' | 'userVariable';
  /** The type assigned, e.g. `double` (`unknown` after an error). */
  detail: string;
  /** The whole statement. */
  range: Range;
  /** The assignment target. */
  selectionRange: Range;
  /** Index of the statement in the formula. */
  statement: number;
}

export function documentSymbols(doc: FormulaDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  doc.formula.statements.forEach((s, statement) => {
    if (s.kind !== 'Assignment' || s.target.name === '') return;
    const ref = doc.analysis.identifiers.get(s.target);
    if (!ref || (ref.kind !== 'user' && ref.kind !== 'service')) return;
    const type = doc.analysis.types.get(s.target) ?? doc.analysis.types.get(s.value) ?? ANY;
    symbols.push({
      name: s.target.name,
      kind: ref.kind === 'user' ? 'userVariable' : 'serviceVariable',
      detail: typeName(type),
      range: s.range,
      selectionRange: s.target.range,
      statement,
    });
  });
  return symbols;
}
