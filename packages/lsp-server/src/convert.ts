// Conversions at the server's edge: the language service's offsets and plain data to LSP types
// and back. Positions go through the service's toPosition/toOffset on the document's LineMap, so
// the server and the service count lines and UTF-16 characters identically. No feature logic here.

import {
  CodeActionKind as LspCodeActionKind,
  CompletionItemKind as LspCompletionItemKind,
  CompletionItemTag,
  DiagnosticSeverity,
  DiagnosticTag as LspDiagnosticTag,
  DocumentHighlightKind,
  FoldingRangeKind,
  InlayHintKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction as LspCodeAction,
  type CompletionItem as LspCompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentHighlight as LspDocumentHighlight,
  type DocumentSymbol as LspDocumentSymbol,
  type FoldingRange as LspFoldingRange,
  type Hover as LspHover,
  type InlayHint as LspInlayHint,
  type Range as LspRange,
  type SignatureHelp as LspSignatureHelp,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import {
  DIAGNOSTIC_SOURCE,
  snippetToPlainText,
  toLineRange,
  toOffset,
  toOffsetRange,
  toPosition,
  type CodeAction,
  type CompletionItem,
  type CompletionItemKind,
  type DocumentHighlight,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type LineMap,
  type Range,
  type ServiceDiagnostic,
  type SignatureHelp,
  type TextEdit,
} from '@autoscale/language-service';

/** What the client said it can display (from its InitializeParams capabilities). */
export interface ClientSupport {
  snippets: boolean;
  completionTags: boolean;
  signatureLabelOffsets: boolean;
  noActiveParameter: boolean;
}

export function lspRange(lines: LineMap, range: Range): LspRange {
  return toLineRange(lines, range);
}

export function offsetAt(lines: LineMap, position: { line: number; character: number }): number {
  return toOffset(lines, position);
}

export function offsetRange(lines: LineMap, range: LspRange): Range {
  return toOffsetRange(lines, range);
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function lspDiagnostic(lines: LineMap, d: ServiceDiagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: lspRange(lines, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.tags)
    out.tags = d.tags.map((t) => (t === 'unnecessary' ? LspDiagnosticTag.Unnecessary : LspDiagnosticTag.Deprecated));
  return out;
}

export function lspHover(lines: LineMap, hover: Hover): LspHover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: lspRange(lines, hover.range) };
}

const COMPLETION_KIND: Record<CompletionItemKind, LspCompletionItemKind> = {
  // Service variables are the pool's own fields; user variables are the formula's.
  serviceVariable: LspCompletionItemKind.Field,
  userVariable: LspCompletionItemKind.Variable,
  function: LspCompletionItemKind.Function,
  method: LspCompletionItemKind.Method,
  member: LspCompletionItemKind.Property,
  constant: LspCompletionItemKind.Constant,
  keyword: LspCompletionItemKind.EnumMember,
  template: LspCompletionItemKind.Snippet,
};

/** Editors that know the command reopen signature help after inserting `max(`; others ignore it. */
const TRIGGER_PARAMETER_HINTS = { title: 'Trigger parameter hints', command: 'editor.action.triggerParameterHints' };

export function lspCompletionItem(lines: LineMap, item: CompletionItem, support: ClientSupport): LspCompletionItem {
  const snippet = item.insertTextFormat === 'snippet' && support.snippets;
  const newText =
    item.insertTextFormat === 'snippet' && !snippet ? snippetToPlainText(item.insertText) : item.insertText;
  const out: LspCompletionItem = {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    documentation: { kind: MarkupKind.Markdown, value: item.documentation },
    sortText: item.sortText,
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: lspRange(lines, item.range), newText },
  };
  if (item.deprecated) {
    if (support.completionTags) out.tags = [CompletionItemTag.Deprecated];
    else out.deprecated = true;
  }
  if (item.triggerSignatureHelp) out.command = TRIGGER_PARAMETER_HINTS;
  return out;
}

export function lspSignatureHelp(help: SignatureHelp, support: ClientSupport): LspSignatureHelp {
  const signatures = help.signatures.map((s) => ({
    label: s.label,
    documentation: { kind: MarkupKind.Markdown, value: s.documentation },
    parameters: s.parameters.map((p) => ({
      label: support.signatureLabelOffsets ? p.label : s.label.slice(p.label[0], p.label[1]),
      documentation: { kind: MarkupKind.Markdown, value: p.documentation },
    })),
    ...activeParameter(s.activeParameter, support),
  }));
  return { signatures, activeSignature: help.activeSignature, ...activeParameter(help.activeParameter, support) };
}

/** -1 (no parameter) is `null` where the client understands it; omitted otherwise (LSP then means 0). */
function activeParameter(index: number, support: ClientSupport): { activeParameter?: number | null } {
  if (index >= 0) return { activeParameter: index };
  return support.noActiveParameter ? { activeParameter: null } : {};
}

export function lspHighlight(lines: LineMap, h: DocumentHighlight): LspDocumentHighlight {
  return {
    range: lspRange(lines, h.range),
    kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  };
}

export function lspDocumentSymbol(lines: LineMap, s: DocumentSymbol): LspDocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'userVariable' ? SymbolKind.Variable : SymbolKind.Field,
    range: lspRange(lines, s.range),
    selectionRange: lspRange(lines, s.selectionRange),
  };
}

/** Folding works on whole lines: a range within one line folds nothing and is left out. */
export function lspFoldingRange(lines: LineMap, f: FoldingRange): LspFoldingRange | undefined {
  const startLine = toPosition(lines, f.start).line;
  const endLine = toPosition(lines, f.end).line;
  if (endLine <= startLine) return undefined;
  return f.kind === 'comment' ? { startLine, endLine, kind: FoldingRangeKind.Comment } : { startLine, endLine };
}

export function lspTextEdits(lines: LineMap, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: lspRange(lines, e.range), newText: e.newText }));
}

export function lspCodeAction(uri: string, lines: LineMap, action: CodeAction): LspCodeAction {
  return {
    title: action.title,
    kind: action.kind === 'quickfix' ? LspCodeActionKind.QuickFix : LspCodeActionKind.SourceFixAll,
    diagnostics: action.diagnostics.map((d) => lspDiagnostic(lines, d)),
    isPreferred: action.isPreferred,
    edit: { changes: { [uri]: lspTextEdits(lines, action.edits) } },
  };
}

/** The service's kinds an LSP `only` filter asks for (`source` covers `source.fixAll`; none means all). */
export function requestedActionKinds(only: readonly string[] | undefined): Array<CodeAction['kind']> {
  const kinds: Array<CodeAction['kind']> = ['quickfix', 'source.fixAll'];
  if (only === undefined) return kinds;
  return kinds.filter((kind) => only.some((o) => o === '' || kind === o || kind.startsWith(`${o}.`)));
}

export function lspInlayHint(lines: LineMap, hint: InlayHint): LspInlayHint {
  return {
    position: toPosition(lines, hint.offset),
    label: hint.label,
    kind: InlayHintKind.Type,
    tooltip: { kind: MarkupKind.Markdown, value: hint.tooltip },
  };
}
