// What the server advertises in its initialize result, and what it reads from the client's
// capabilities (snippets, signature label offsets, hierarchical symbols, configuration pulls), so
// the feature handlers in server.ts answer in a form every client can display.

import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver';
import {
  COMPLETION_TRIGGER_CHARACTERS,
  SEMANTIC_TOKENS_LEGEND,
  SIGNATURE_HELP_RETRIGGER_CHARACTERS,
  SIGNATURE_HELP_TRIGGER_CHARACTERS,
} from '@autoscale/language-service';
import type { ClientSupport } from './convert.ts';

/** Everything the handlers need to know about the client, read once at initialize. */
export interface ClientProfile extends ClientSupport {
  hierarchicalSymbols: boolean;
  /** The client answers `workspace/configuration`. */
  configurationPull: boolean;
  /** The client wants `workspace/didChangeConfiguration` registered dynamically. */
  configurationRegistration: boolean;
  /** The client redraws inlay hints when asked (`workspace/inlayHint/refresh`). */
  inlayHintRefresh: boolean;
}

export function clientProfile(client: ClientCapabilities | undefined): ClientProfile {
  const text = client?.textDocument;
  return {
    snippets: text?.completion?.completionItem?.snippetSupport === true,
    completionTags: (text?.completion?.completionItem?.tagSupport?.valueSet ?? []).length > 0,
    signatureLabelOffsets: text?.signatureHelp?.signatureInformation?.parameterInformation?.labelOffsetSupport === true,
    noActiveParameter: text?.signatureHelp?.signatureInformation?.noActiveParameterSupport === true,
    hierarchicalSymbols: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    configurationPull: client?.workspace?.configuration === true,
    configurationRegistration: client?.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    inlayHintRefresh: client?.workspace?.inlayHint?.refreshSupport === true,
  };
}

export function serverCapabilities(client: ClientCapabilities | undefined): ServerCapabilities {
  return {
    // Formulas are at most 8 KB: resending the whole text is simpler and as fast as applying deltas.
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
    hoverProvider: true,
    // Items carry their documentation: the lists are short, so there is nothing to resolve lazily.
    completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false },
    signatureHelpProvider: {
      triggerCharacters: [...SIGNATURE_HELP_TRIGGER_CHARACTERS],
      retriggerCharacters: [...SIGNATURE_HELP_RETRIGGER_CHARACTERS],
    },
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: client?.textDocument?.rename?.prepareSupport === true ? { prepareProvider: true } : true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    semanticTokensProvider: {
      legend: {
        tokenTypes: [...SEMANTIC_TOKENS_LEGEND.tokenTypes],
        tokenModifiers: [...SEMANTIC_TOKENS_LEGEND.tokenModifiers],
      },
      full: true,
      range: true,
    },
    documentFormattingProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
    inlayHintProvider: true,
    // The lens runs the extension's own command; advertising an executeCommandProvider for it
    // would make vscode-languageclient register the same command a second time and fail.
    codeLensProvider: { resolveProvider: false },
  };
}
