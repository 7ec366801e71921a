// Inlay hints: the inferred type after each user variable's assignment target (`$tasks: double`).
// Off unless the settings turn them on; nothing is shown where the type is unknown.

import { ANY, typeName, type Range } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';
import { touches, validRange } from './queries.ts';
import { inlayHintSettings, type InlayHintSettings } from './settings.ts';

export interface InlayHint {
  /** Where the hint is drawn: just after the target name. */
  offset: number;
  label: string;
  kind: 'type';
  /** Markdown for the hint's hover. */
  tooltip: string;
}

export function inlayHints(doc: FormulaDocument, range: Range, settings?: Partial<InlayHintSettings>): InlayHint[] {
  const within = validRange(doc, range);
  if (!within || !inlayHintSettings(settings).variableTypes) return [];
  const hints: InlayHint[] = [];
  for (const s of doc.formula.statements) {
    if (s.kind !== 'Assignment' || !touches(s.target.range, within)) continue;
    if (doc.analysis.identifiers.get(s.target)?.kind !== 'user') continue;
    const type = doc.analysis.types.get(s.target);
    if (type === undefined || type === ANY) continue;
    hints.push({
      offset: s.target.range.end,
      label: `: ${typeName(type)}`,
      kind: 'type',
      tooltip: `\`${s.target.name}\` holds a ${typeName(type)} after this assignment.`,
    });
  }
  return hints;
}
