// Diagnostics for editors: core's syntax, semantic and lint diagnostics, filtered by the layers
// the user switched on, each labelled with its layer and with the tags editors draw specially
// (faded for code with no effect, struck through for legacy names).

import { codeInfo, type Diagnostic, type DiagnosticCode, type DiagnosticLayer } from '@autoscale/core';
import type { FormulaDocument } from './document.ts';
import { diagnosticLayers, type DiagnosticLayers } from './settings.ts';

/** The `source` editors show beside each diagnostic. */
export const DIAGNOSTIC_SOURCE = 'autoscale';

export type DiagnosticTag = 'unnecessary' | 'deprecated';

export interface ServiceDiagnostic extends Diagnostic {
  layer: DiagnosticLayer;
  tags?: DiagnosticTag[];
}

/** Codes whose span editors render specially (LSP DiagnosticTag). */
const TAGS: Partial<Record<DiagnosticCode, DiagnosticTag[]>> = {
  AS4014: ['unnecessary'],
  AS4009: ['deprecated'],
  AS4008: ['deprecated'],
};

export function toServiceDiagnostic(d: Diagnostic): ServiceDiagnostic {
  const out: ServiceDiagnostic = { ...d, layer: codeInfo(d.code).layer };
  const tags = TAGS[d.code];
  if (tags) out.tags = [...tags];
  return out;
}

/** The document's diagnostics in the enabled layers (all three by default), sorted by position. */
export function diagnostics(doc: FormulaDocument, layers?: Partial<DiagnosticLayers>): ServiceDiagnostic[] {
  const enabled = diagnosticLayers(layers);
  // Runtime and host-file diagnostics are not switchable: only the three layers of the settings are.
  return doc.diagnostics
    .map(toServiceDiagnostic)
    .filter((d) => d.layer === 'runtime' || d.layer === 'host' || enabled[d.layer]);
}
