// Registers Monaco's language features for the formula language as calls to the language server
// (hover, completion, signature help, formatting, code actions, rename, go to definition,
// references, highlights, outline, folding, inlay hints), for what the server advertised. A host
// file in the editor (pool JSON, ARM, Bicep, Terraform) gets only HOST_FEATURES, the ones the server
// answers inside its formulas: registering no formatter for those languages keeps "Format Document"
// and the other formula-only actions off the menu instead of offering commands that do nothing.

import type * as lsp from 'vscode-languageserver-protocol/browser';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SignatureHelpRequest,
} from 'vscode-languageserver-protocol/browser';
import { monaco } from '../editor/monaco.ts';
import type { LanguageClient } from './connection.ts';
import {
  fromMarker,
  toCodeAction,
  toCompletionItem,
  toDocumentHighlight,
  toDocumentSymbol,
  toFoldingRange,
  toInlayHint,
  toLocation,
  toLspPosition,
  toLspRange,
  toMarkdown,
  toRange,
  toSignatureHelp,
  toTextEdit,
  toWorkspaceEdit,
} from './convert.ts';

type Model = monaco.editor.ITextModel;

export type Feature =
  | 'hover'
  | 'completion'
  | 'signatureHelp'
  | 'formatting'
  | 'codeActions'
  | 'rename'
  | 'definition'
  | 'references'
  | 'highlights'
  | 'symbols'
  | 'folding'
  | 'inlayHints';

/** What the server answers inside the formulas of a host file (lsp-server's server.ts, withDocumentOrHost). */
export const HOST_FEATURES: ReadonlySet<Feature> = new Set<Feature>(['hover', 'completion', 'signatureHelp']);

export function registerLanguageFeatures(
  languageId: monaco.languages.LanguageSelector,
  client: LanguageClient,
  only?: ReadonlySet<Feature>,
): monaco.IDisposable[] {
  const { connection, capabilities: server } = client;
  const wanted = (feature: Feature): boolean => only === undefined || only.has(feature);
  /** The server's capabilities, less the features not wanted for these languages. */
  const caps = {
    hoverProvider: wanted('hover') && server.hoverProvider,
    completionProvider: wanted('completion') ? server.completionProvider : undefined,
    signatureHelpProvider: wanted('signatureHelp') ? server.signatureHelpProvider : undefined,
    documentFormattingProvider: wanted('formatting') && server.documentFormattingProvider,
    codeActionProvider: wanted('codeActions') && server.codeActionProvider,
    renameProvider: wanted('rename') && server.renameProvider,
    definitionProvider: wanted('definition') && server.definitionProvider,
    referencesProvider: wanted('references') && server.referencesProvider,
    documentHighlightProvider: wanted('highlights') && server.documentHighlightProvider,
    documentSymbolProvider: wanted('symbols') && server.documentSymbolProvider,
    foldingRangeProvider: wanted('folding') && server.foldingRangeProvider,
    inlayHintProvider: wanted('inlayHints') && server.inlayHintProvider,
  };
  const doc = (model: Model): lsp.TextDocumentIdentifier => ({ uri: model.uri.toString() });
  const at = (model: Model, position: monaco.Position): lsp.TextDocumentPositionParams => ({
    textDocument: doc(model),
    position: toLspPosition(position),
  });
  const l = monaco.languages;
  const disposables: monaco.IDisposable[] = [];

  if (caps.hoverProvider) {
    disposables.push(
      l.registerHoverProvider(languageId, {
        provideHover: async (model, position, token) => {
          const hover = await connection.sendRequest(HoverRequest.type, at(model, position), token);
          if (!hover) return null;
          const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
          return {
            contents: parts.map((p) => toMarkdown(p) ?? { value: '' }),
            ...(hover.range ? { range: toRange(hover.range) } : {}),
          };
        },
      }),
    );
  }
  if (caps.completionProvider) {
    disposables.push(
      l.registerCompletionItemProvider(languageId, {
        triggerCharacters: caps.completionProvider.triggerCharacters ?? [],
        provideCompletionItems: async (model, position, _context, token) => {
          const result = await connection.sendRequest(CompletionRequest.type, at(model, position), token);
          const word = model.getWordUntilPosition(position);
          const range = {
            startLineNumber: position.lineNumber,
            endLineNumber: position.lineNumber,
            startColumn: word.startColumn,
            endColumn: word.endColumn,
          };
          const items = result === null ? [] : Array.isArray(result) ? result : result.items;
          return {
            suggestions: items.map((i) => toCompletionItem(i, range)),
            incomplete: !Array.isArray(result) && result?.isIncomplete === true,
          };
        },
      }),
    );
  }
  if (caps.signatureHelpProvider) {
    disposables.push(
      l.registerSignatureHelpProvider(languageId, {
        signatureHelpTriggerCharacters: caps.signatureHelpProvider.triggerCharacters ?? [],
        signatureHelpRetriggerCharacters: caps.signatureHelpProvider.retriggerCharacters ?? [],
        provideSignatureHelp: async (model, position, token) => {
          const help = await connection.sendRequest(SignatureHelpRequest.type, at(model, position), token);
          return help ? { value: toSignatureHelp(help), dispose: () => undefined } : null;
        },
      }),
    );
  }
  if (caps.documentFormattingProvider) {
    disposables.push(
      l.registerDocumentFormattingEditProvider(languageId, {
        provideDocumentFormattingEdits: async (model, options, token) => {
          const edits = await connection.sendRequest(
            DocumentFormattingRequest.type,
            { textDocument: doc(model), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } },
            token,
          );
          return (edits ?? []).map(toTextEdit);
        },
      }),
    );
  }
  if (caps.codeActionProvider) {
    disposables.push(
      l.registerCodeActionProvider(languageId, {
        provideCodeActions: async (model, range, context, token) => {
          // The formula model carries only the server's markers (the context's are on its own model).
          const diagnostics = context.markers.map(fromMarker);
          const params: lsp.CodeActionParams = {
            textDocument: doc(model),
            range: toLspRange(range),
            context: { diagnostics, ...(context.only ? { only: [context.only] } : {}) },
          };
          const actions = await connection.sendRequest(CodeActionRequest.type, params, token);
          return { actions: (actions ?? []).map(toCodeAction), dispose: () => undefined };
        },
      }),
    );
  }
  if (caps.renameProvider) {
    disposables.push(
      l.registerRenameProvider(languageId, {
        provideRenameEdits: async (model, position, newName, token) => {
          const edit = await connection.sendRequest(RenameRequest.type, { ...at(model, position), newName }, token);
          return toWorkspaceEdit(edit ?? undefined);
        },
        resolveRenameLocation: async (model, position, token) => {
          // The server answers { range, placeholder }, or an error whose message says why the name cannot be renamed.
          const refuse = (reason: string) => ({
            range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column),
            text: '',
            rejectReason: reason,
          });
          try {
            const r = await connection.sendRequest(PrepareRenameRequest.type, at(model, position), token);
            return r && 'placeholder' in r
              ? { range: toRange(r.range), text: r.placeholder }
              : refuse('This name cannot be renamed.');
          } catch (error) {
            return refuse(error instanceof Error ? error.message : String(error));
          }
        },
      }),
    );
  }
  if (caps.definitionProvider) {
    disposables.push(
      l.registerDefinitionProvider(languageId, {
        provideDefinition: async (model, position, token) => {
          // The server answers a list of locations (no location links).
          const r = (await connection.sendRequest(DefinitionRequest.type, at(model, position), token)) as
            | lsp.Location[]
            | null;
          return r?.map(toLocation) ?? null;
        },
      }),
    );
  }
  if (caps.referencesProvider) {
    disposables.push(
      l.registerReferenceProvider(languageId, {
        provideReferences: async (model, position, context, token) =>
          (await connection.sendRequest(ReferencesRequest.type, { ...at(model, position), context }, token))?.map(
            toLocation,
          ) ?? [],
      }),
    );
  }
  if (caps.documentHighlightProvider) {
    disposables.push(
      l.registerDocumentHighlightProvider(languageId, {
        provideDocumentHighlights: async (model, position, token) =>
          (await connection.sendRequest(DocumentHighlightRequest.type, at(model, position), token))?.map(
            toDocumentHighlight,
          ) ?? [],
      }),
    );
  }
  if (caps.documentSymbolProvider) {
    disposables.push(
      l.registerDocumentSymbolProvider(languageId, {
        provideDocumentSymbols: async (model, token) => {
          const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: doc(model) }, token);
          return (symbols ?? []).flatMap((s) => ('selectionRange' in s ? [toDocumentSymbol(s)] : []));
        },
      }),
    );
  }
  if (caps.foldingRangeProvider) {
    disposables.push(
      l.registerFoldingRangeProvider(languageId, {
        provideFoldingRanges: async (model, _context, token) =>
          (await connection.sendRequest(FoldingRangeRequest.type, { textDocument: doc(model) }, token))?.map(
            toFoldingRange,
          ) ?? [],
      }),
    );
  }
  if (caps.inlayHintProvider) {
    disposables.push(
      l.registerInlayHintsProvider(languageId, {
        provideInlayHints: async (model, range, token) => {
          const hints = await connection.sendRequest(
            InlayHintRequest.type,
            { textDocument: doc(model), range: toLspRange(range) },
            token,
          );
          return { hints: (hints ?? []).map(toInlayHint), dispose: () => undefined };
        },
      }),
    );
  }
  return disposables;
}
