// Converts between LSP's shapes (0-based lines and characters, its own enums) and Monaco's (1-based
// lines and columns, other enums), each in one place. Only data the server sends is handled.

import type * as lsp from 'vscode-languageserver-protocol/browser';
import { monaco } from '../editor/monaco.ts';

type IRange = monaco.IRange;

export function toRange(r: lsp.Range): IRange {
  return {
    startLineNumber: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLineNumber: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

export function toLspPosition(p: monaco.IPosition): lsp.Position {
  return { line: p.lineNumber - 1, character: p.column - 1 };
}

export function toLspRange(r: IRange): lsp.Range {
  return {
    start: { line: r.startLineNumber - 1, character: r.startColumn - 1 },
    end: { line: r.endLineNumber - 1, character: r.endColumn - 1 },
  };
}

export function toMarkdown(
  content: lsp.MarkupContent | lsp.MarkedString | string | undefined,
): monaco.IMarkdownString | undefined {
  if (content === undefined) return undefined;
  if (typeof content === 'string') return { value: content };
  if ('kind' in content) return { value: content.kind === 'markdown' ? content.value : escapeMarkdown(content.value) };
  return { value: `\`\`\`${content.language}\n${content.value}\n\`\`\`` };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

const SEVERITY: Record<number, monaco.MarkerSeverity> = {
  1: monaco.MarkerSeverity.Error,
  2: monaco.MarkerSeverity.Warning,
  3: monaco.MarkerSeverity.Info,
  4: monaco.MarkerSeverity.Hint,
};

export function toMarker(d: lsp.Diagnostic): monaco.editor.IMarkerData {
  const tags = (d.tags ?? []).map((t) => (t === 1 ? monaco.MarkerTag.Unnecessary : monaco.MarkerTag.Deprecated));
  return {
    ...toRange(d.range),
    severity: SEVERITY[d.severity ?? 1] ?? monaco.MarkerSeverity.Error,
    message: typeof d.message === 'string' ? d.message : d.message.value,
    source: d.source ?? 'autoscale',
    ...(d.code !== undefined ? { code: String(d.code) } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** The LSP diagnostic a Monaco marker came from (code actions send the diagnostics they fix). */
export function fromMarker(m: monaco.editor.IMarkerData): lsp.Diagnostic {
  const severity = Object.entries(SEVERITY).find(([, s]) => s === m.severity)?.[0];
  return {
    range: toLspRange(m),
    message: m.message,
    severity: Number(severity ?? 1) as lsp.DiagnosticSeverity,
    ...(m.source ? { source: m.source } : {}),
    ...(typeof m.code === 'string' ? { code: m.code } : {}),
  };
}

/** LSP's CompletionItemKind names in order (the value is the index plus one). */
const LSP_COMPLETION_KINDS = [
  'Text',
  'Method',
  'Function',
  'Constructor',
  'Field',
  'Variable',
  'Class',
  'Interface',
  'Module',
  'Property',
  'Unit',
  'Value',
  'Enum',
  'Keyword',
  'Snippet',
  'Color',
  'File',
  'Reference',
  'Folder',
  'EnumMember',
  'Constant',
  'Struct',
  'Event',
  'Operator',
  'TypeParameter',
] as const;

function completionKind(kind: lsp.CompletionItemKind | undefined): monaco.languages.CompletionItemKind {
  const name = LSP_COMPLETION_KINDS[(kind ?? 1) - 1] ?? 'Text';
  return monaco.languages.CompletionItemKind[name];
}

export function toCompletionItem(item: lsp.CompletionItem, defaultRange: IRange): monaco.languages.CompletionItem {
  const edit = item.textEdit;
  const range =
    edit === undefined
      ? defaultRange
      : 'range' in edit
        ? toRange(edit.range)
        : { insert: toRange(edit.insert), replace: toRange(edit.replace) };
  const documentation = toMarkdown(item.documentation);
  return {
    label: item.label,
    kind: completionKind(item.kind),
    insertText: edit?.newText ?? item.insertText ?? item.label,
    ...(item.insertTextFormat === 2
      ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet }
      : {}),
    range,
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(documentation !== undefined ? { documentation } : {}),
    ...(item.sortText !== undefined ? { sortText: item.sortText } : {}),
    ...(item.filterText !== undefined ? { filterText: item.filterText } : {}),
    ...(item.preselect ? { preselect: true } : {}),
    ...(item.tags?.includes(1) ? { tags: [monaco.languages.CompletionItemTag.Deprecated] } : {}),
    ...(item.commitCharacters ? { commitCharacters: item.commitCharacters } : {}),
  };
}

export function toSignatureHelp(help: lsp.SignatureHelp): monaco.languages.SignatureHelp {
  return {
    activeSignature: help.activeSignature ?? 0,
    activeParameter: help.activeParameter ?? 0,
    signatures: help.signatures.map((s) => ({
      label: s.label,
      documentation: toMarkdown(s.documentation) ?? '',
      parameters: (s.parameters ?? []).map((p) => ({
        label: p.label,
        documentation: toMarkdown(p.documentation) ?? '',
      })),
      ...(s.activeParameter !== undefined && s.activeParameter !== null ? { activeParameter: s.activeParameter } : {}),
    })),
  };
}

export function toTextEdit(e: lsp.TextEdit): monaco.languages.TextEdit {
  return { range: toRange(e.range), text: e.newText };
}

/**
 * A workspace edit; the server sends its edits as `changes` (never `documentChanges`), all to the formula asked about.
 */
export function toWorkspaceEdit(edit: lsp.WorkspaceEdit | undefined): monaco.languages.WorkspaceEdit {
  const edits = Object.entries(edit?.changes ?? {}).flatMap(([uri, changes]) =>
    changes.map((change) => ({ resource: monaco.Uri.parse(uri), textEdit: toTextEdit(change), versionId: undefined })),
  );
  return { edits };
}

export function toCodeAction(action: lsp.CodeAction | lsp.Command): monaco.languages.CodeAction {
  if (typeof action.command === 'string') {
    // A bare command: the server sends none, and the page could not run one.
    return { title: action.title, disabled: 'not available in the playground' };
  }
  const a = action as lsp.CodeAction;
  return {
    title: a.title,
    ...(a.kind !== undefined ? { kind: a.kind } : {}),
    ...(a.isPreferred ? { isPreferred: true } : {}),
    ...(a.diagnostics ? { diagnostics: a.diagnostics.map(toMarker) } : {}),
    ...(a.edit ? { edit: toWorkspaceEdit(a.edit) } : {}),
  };
}

export function toLocation(l: lsp.Location): monaco.languages.Location {
  return { uri: monaco.Uri.parse(l.uri), range: toRange(l.range) };
}

export function toDocumentSymbol(s: lsp.DocumentSymbol): monaco.languages.DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail ?? '',
    // LSP's SymbolKind counts from 1 (File), Monaco's from 0, in the same order.
    kind: (s.kind - 1) as monaco.languages.SymbolKind,
    tags: [],
    range: toRange(s.range),
    selectionRange: toRange(s.selectionRange),
    children: (s.children ?? []).map(toDocumentSymbol),
  };
}

export function toDocumentHighlight(h: lsp.DocumentHighlight): monaco.languages.DocumentHighlight {
  // LSP: Text 1, Read 2, Write 3; Monaco: Text 0, Read 1, Write 2.
  return { range: toRange(h.range), kind: ((h.kind ?? 1) - 1) as monaco.languages.DocumentHighlightKind };
}

export function toFoldingRange(f: lsp.FoldingRange): monaco.languages.FoldingRange {
  const kind =
    f.kind === 'comment'
      ? monaco.languages.FoldingRangeKind.Comment
      : f.kind === 'region'
        ? monaco.languages.FoldingRangeKind.Region
        : undefined;
  return { start: f.startLine + 1, end: f.endLine + 1, ...(kind ? { kind } : {}) };
}

export function toInlayHint(h: lsp.InlayHint): monaco.languages.InlayHint {
  const label = typeof h.label === 'string' ? h.label : h.label.map((part) => part.value).join('');
  return {
    label,
    position: { lineNumber: h.position.line + 1, column: h.position.character + 1 },
    ...(h.kind !== undefined ? { kind: h.kind as number as monaco.languages.InlayHintKind } : {}),
    ...(h.paddingLeft ? { paddingLeft: true } : {}),
    ...(h.paddingRight ? { paddingRight: true } : {}),
  };
}
