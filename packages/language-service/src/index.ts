// Public API of @autoscale/language-service: editor features for autoscale formulas as plain data
// over UTF-16 offsets. No LSP types, no Monaco, no Node imports: it runs in a web worker as well
// as in the language server. Everything it knows about the language comes from @autoscale/core.
//
// Two ways in, same results:
//   const ls = new LanguageService({ diagnostics: { lint: false } });   // text in, data out
//   ls.hover(text, offset);
// or the feature functions over a snapshot, for callers that hold one:
//   const doc = analyzeDocument(text);   // parse + check once; cached for the last 8 texts
//   hover(doc, offset);
//
// Conventions (all features)
// - Offsets and ranges are UTF-16 code units, ranges half-open { start, end }. Adapters convert at
//   their edge with toPosition / toOffset / toLineRange / toOffsetRange ({ line, character }, both
//   0-based, as LSP and Monaco count; a character past a line's end means the line's end).
// - Nothing throws on any text or offset: an offset outside 0..text.length (or not an integer)
//   answers "nothing" (undefined, [] or { ok: false, reason }). Texts over MAX_ANALYZED_LENGTH
//   (65536) are not analysed: one AS1009 diagnostic, and every other feature answers nothing.
//   Statements nested or chained deeper than core's limits are reported by core as AS1011 and
//   left out of the tree; the rest of the formula is analysed as usual.
//   Ranges given to features are clamped to the text.
// - Text is markdown (hover, completion and signature documentation); code blocks are fenced
//   with LANGUAGE_ID ('batch-autoscale').
// - Edits are core's TextEdit { range, newText }; several edits never overlap. applyEdits(text,
//   edits) applies them.
//
// LanguageService methods (the text is always the document's full text)
//   new LanguageService(settings?: SettingsUpdate); .configure(update); .settings; .document(text)
//   diagnostics(text, layers?: Partial<DiagnosticLayers>)          -> ServiceDiagnostic[]
//       core Diagnostic { code, severity, message, range, fixes? } + layer ('syntax' | 'semantic' |
//       'lint'; 'runtime' comes only from preview) + tags? ('unnecessary' | 'deprecated').
//       Layers default to all on; source label for editors: DIAGNOSTIC_SOURCE.
//   hover(text, offset)              -> Hover { range, markdown } | undefined
//   completion(text, offset)         -> CompletionList { context, items: CompletionItem[] }
//       item { label, kind, detail, documentation, insertText, insertTextFormat: 'plain' | 'snippet',
//       range (the word replaced), sortText, deprecated?, triggerSignatureHelp? }
//       context: 'none' | 'member' | 'deallocation' | 'statement' | 'expression'.
//       Trigger characters: COMPLETION_TRIGGER_CHARACTERS ('$', '.').
//   signatureHelp(text, offset)      -> SignatureHelp { signatures, activeSignature, activeParameter } | undefined
//       signature { label, documentation, parameters: [{ label: [start, end] in label, name,
//       documentation }], activeParameter } — every overload; -1 means no active parameter.
//       Triggers: SIGNATURE_HELP_TRIGGER_CHARACTERS, SIGNATURE_HELP_RETRIGGER_CHARACTERS.
//   definition(text, offset)         -> Range[]   (user variables: the assignment a read sees)
//   references(text, offset, { includeDeclaration? }) -> Range[]   (any resolved name)
//   documentHighlights(text, offset) -> DocumentHighlight { range, kind: 'read' | 'write' }[]
//   prepareRename(text, offset)      -> { ok: true, range, placeholder } | { ok: false, reason }
//   rename(text, offset, newName)    -> { ok: true, edits: TextEdit[] } | { ok: false, reason }
//       User variables only; `$x` -> 'y' gives `$y`. Refused (with the reason) for a non-name, a
//       built-in name, a case variant of a service variable, a name already used, or any rename
//       that would change the formula's diagnostics.
//   documentSymbols(text)            -> DocumentSymbol { name, kind: 'serviceVariable' | 'userVariable',
//                                       detail (type), range (statement), selectionRange (target), statement }[]
//   foldingRanges(text)              -> FoldingRange { start, end, kind: 'comment' | 'statement' }[] (offsets)
//   semanticTokens(text, range?)     -> SemanticToken { start, length, type, modifiers }[] in source order;
//       SEMANTIC_TOKENS_LEGEND holds LSP-standard names; encodeSemanticTokens(lineMap, tokens)
//       gives LSP's/Monaco's relative integer array.
//   format(text)                     -> { ok: true, edits: [] | [whole-document edit] } | { ok: false, reason }
//       (refused while the formula has syntax errors)
//   codeActions(text, range, { layers?, only? }) -> CodeAction { title, kind: 'quickfix' | 'source.fixAll',
//       edits, diagnostics, isPreferred }[] — one quick fix per core fix of a diagnostic touching
//       the range; one 'source.fixAll' with the fixes that never change meaning.
//   inlayHints(text, range, { variableTypes? }) -> InlayHint { offset, label: ': double', kind: 'type', tooltip }[]
//       (off by default: variableTypes false)
//   preview(text, context: EvaluationContext) -> FormulaPreview { results, error, failure, applied,
//       stopped, statements: StatementTrace[] (core), internalError? } via core's one evaluator.
//
// Host files (ARM templates and pool JSON, Bicep, Terraform): readHostDocument(fileName, text,
// { values? }) -> HostDocument { kind, formulas } | undefined (not a host file holding a pool
// formula). hostDiagnostics(host, layers?), hostHover, hostCompletion and hostSignatureHelp(host,
// hostOffset) answer as the features above, at host offsets; AS5002 (a placeholder without a
// value) is 'info' there. Completion leaves out items whose text the host would have to escape.
//
// Settings: LanguageSettings { diagnostics: { syntax, semantic, lint }, inlayHints: { variableTypes } },
// DEFAULT_SETTINGS (all diagnostics on, inlay hints off).

export { LanguageService, type SettingsUpdate } from './service.ts';
export { analyzeDocument, FormulaDocument, MAX_ANALYZED_LENGTH, type LexToken, type TokenClass } from './document.ts';
export { toPosition, toOffset, toLineRange, toOffsetRange, type LineRange } from './positions.ts';
export { DEFAULT_SETTINGS, type LanguageSettings, type DiagnosticLayers, type InlayHintSettings } from './settings.ts';
export {
  LANGUAGE_ID,
  FILE_EXTENSIONS,
  COMPLETION_TRIGGER_CHARACTERS,
  SIGNATURE_HELP_TRIGGER_CHARACTERS,
  SIGNATURE_HELP_RETRIGGER_CHARACTERS,
} from './language.ts';
export { diagnostics, DIAGNOSTIC_SOURCE, type ServiceDiagnostic, type DiagnosticTag } from './diagnostics.ts';
export { hover, type Hover } from './hover.ts';
export {
  completion,
  type CompletionItem,
  type CompletionItemKind,
  type CompletionList,
} from './completion/completion.ts';
export type { CompletionContextKind } from './completion/context.ts';
export { TEMPLATES, type FormulaTemplate } from './completion/templates.ts';
export {
  signatureHelp,
  type SignatureHelp,
  type SignatureInformation,
  type ParameterInformation,
} from './signature-help.ts';
export {
  definition,
  references,
  documentHighlights,
  type DocumentHighlight,
  type ReferenceOptions,
} from './references.ts';
export { prepareRename, rename, type PrepareRenameResult, type RenameResult } from './rename.ts';
export { documentSymbols, type DocumentSymbol } from './symbols.ts';
export { foldingRanges, type FoldingRange } from './folding.ts';
export {
  semanticTokens,
  encodeSemanticTokens,
  SEMANTIC_TOKENS_LEGEND,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKEN_MODIFIERS,
  type SemanticToken,
  type SemanticTokenType,
  type SemanticTokenModifier,
} from './semantic-tokens.ts';
export { format, type FormatResult } from './format.ts';
export { codeActions, type CodeAction, type CodeActionKind, type CodeActionOptions } from './code-actions.ts';
export { applyEdits } from './edits.ts';
export { inlayHints, type InlayHint } from './inlay-hints.ts';
export { preview, type FormulaPreview } from './preview.ts';
export {
  readHostDocument,
  unreadableHost,
  hostDiagnostics,
  hostHover,
  hostCompletion,
  hostSignatureHelp,
  MAX_HOST_DOCUMENT_LENGTH,
  type HostDocument,
  type HostReadOptions,
} from './host.ts';
export { snippetToPlainText, escapeSnippetText } from './snippets.ts';
export {
  LineMap,
  type Range,
  type Position,
  type TextEdit,
  type EvaluationContext,
  type StatementTrace,
} from '@autoscale/core';
