// The facade adapters hold: one object whose methods take the document's text plus offsets and
// return plain data, using the per-text snapshot cache, and the user's settings (changed with
// `configure`, overridable per call). Each method is one feature function over `analyzeDocument`.

import type { EvaluationContext, Range } from '@autoscale/core';
import { codeActions, type CodeAction, type CodeActionOptions } from './code-actions.ts';
import { completion, type CompletionList } from './completion/completion.ts';
import { diagnostics, type ServiceDiagnostic } from './diagnostics.ts';
import { analyzeDocument, type FormulaDocument } from './document.ts';
import { foldingRanges, type FoldingRange } from './folding.ts';
import { format, type FormatResult } from './format.ts';
import { hover, type Hover } from './hover.ts';
import { inlayHints, type InlayHint } from './inlay-hints.ts';
import { preview, type FormulaPreview } from './preview.ts';
import {
  definition,
  documentHighlights,
  references,
  type DocumentHighlight,
  type ReferenceOptions,
} from './references.ts';
import { prepareRename, rename, type PrepareRenameResult, type RenameResult } from './rename.ts';
import { semanticTokens, type SemanticToken } from './semantic-tokens.ts';
import { DEFAULT_SETTINGS, type DiagnosticLayers, type InlayHintSettings, type LanguageSettings } from './settings.ts';
import { signatureHelp, type SignatureHelp } from './signature-help.ts';
import { documentSymbols, type DocumentSymbol } from './symbols.ts';

export interface SettingsUpdate {
  diagnostics?: Partial<DiagnosticLayers>;
  inlayHints?: Partial<InlayHintSettings>;
}

export class LanguageService {
  private current: LanguageSettings;

  constructor(settings: SettingsUpdate = {}) {
    this.current = copy(DEFAULT_SETTINGS);
    this.configure(settings);
  }

  /** The settings in force (defaults merged with every `configure` so far). */
  get settings(): LanguageSettings {
    return copy(this.current);
  }

  configure(update: SettingsUpdate): void {
    this.current = {
      diagnostics: { ...this.current.diagnostics, ...(update.diagnostics ?? {}) },
      inlayHints: { ...this.current.inlayHints, ...(update.inlayHints ?? {}) },
    };
  }

  /** The analysed snapshot of a text (cached: the same text is analysed once). */
  document(text: string): FormulaDocument {
    return analyzeDocument(text);
  }

  diagnostics(text: string, layers?: Partial<DiagnosticLayers>): ServiceDiagnostic[] {
    return diagnostics(analyzeDocument(text), { ...this.current.diagnostics, ...(layers ?? {}) });
  }

  hover(text: string, offset: number): Hover | undefined {
    return hover(analyzeDocument(text), offset);
  }

  completion(text: string, offset: number): CompletionList {
    return completion(analyzeDocument(text), offset);
  }

  signatureHelp(text: string, offset: number): SignatureHelp | undefined {
    return signatureHelp(analyzeDocument(text), offset);
  }

  definition(text: string, offset: number): Range[] {
    return definition(analyzeDocument(text), offset);
  }

  references(text: string, offset: number, options?: ReferenceOptions): Range[] {
    return references(analyzeDocument(text), offset, options);
  }

  documentHighlights(text: string, offset: number): DocumentHighlight[] {
    return documentHighlights(analyzeDocument(text), offset);
  }

  prepareRename(text: string, offset: number): PrepareRenameResult {
    return prepareRename(analyzeDocument(text), offset);
  }

  rename(text: string, offset: number, newName: string): RenameResult {
    return rename(analyzeDocument(text), offset, newName);
  }

  documentSymbols(text: string): DocumentSymbol[] {
    return documentSymbols(analyzeDocument(text));
  }

  foldingRanges(text: string): FoldingRange[] {
    return foldingRanges(analyzeDocument(text));
  }

  semanticTokens(text: string, range?: Range): SemanticToken[] {
    return semanticTokens(analyzeDocument(text), range);
  }

  format(text: string): FormatResult {
    return format(analyzeDocument(text));
  }

  codeActions(text: string, range: Range, options: CodeActionOptions = {}): CodeAction[] {
    return codeActions(analyzeDocument(text), range, {
      ...options,
      layers: { ...this.current.diagnostics, ...(options.layers ?? {}) },
    });
  }

  inlayHints(text: string, range: Range, settings?: Partial<InlayHintSettings>): InlayHint[] {
    return inlayHints(analyzeDocument(text), range, { ...this.current.inlayHints, ...(settings ?? {}) });
  }

  preview(text: string, context: EvaluationContext): FormulaPreview {
    return preview(analyzeDocument(text), context);
  }
}

function copy(s: LanguageSettings): LanguageSettings {
  return { diagnostics: { ...s.diagnostics }, inlayHints: { ...s.inlayHints } };
}
