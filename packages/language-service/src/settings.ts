// The settings editors pass to features: which diagnostic layers to show (the lint layer is the
// one users switch off) and which inlay hints to draw. Plain data with defaults; adapters map
// their configuration (LSP workspace/configuration, Monaco options) onto it.

export interface DiagnosticLayers {
  /** AS1xxx: what the service rejects as a syntax error. */
  syntax: boolean;
  /** AS2xxx: unknown names, wrong types and arities. */
  semantic: boolean;
  /** AS4xxx: opinionated warnings about formulas the service accepts but that are probably wrong. */
  lint: boolean;
}

export interface InlayHintSettings {
  /** The inferred type after each user variable assignment target (`$tasks: double = ...`). */
  variableTypes: boolean;
}

export interface LanguageSettings {
  diagnostics: DiagnosticLayers;
  inlayHints: InlayHintSettings;
}

export const DEFAULT_SETTINGS: LanguageSettings = {
  diagnostics: { syntax: true, semantic: true, lint: true },
  // Off by default: hints move the text the user typed, so they opt in.
  inlayHints: { variableTypes: false },
};

export function diagnosticLayers(partial: Partial<DiagnosticLayers> | undefined): DiagnosticLayers {
  return { ...DEFAULT_SETTINGS.diagnostics, ...(partial ?? {}) };
}

export function inlayHintSettings(partial: Partial<InlayHintSettings> | undefined): InlayHintSettings {
  return { ...DEFAULT_SETTINGS.inlayHints, ...(partial ?? {}) };
}
