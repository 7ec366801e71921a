// Starts the language server in a web worker (the same server as `autoscale lsp`, from
// @autoscale/lsp-server/browser-main) and speaks JSON-RPC with it over postMessage. The page is
// an LSP client like VS Code: it declares what it can display and gets the server's capabilities.

import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  type ClientCapabilities,
  type ProtocolConnection,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/browser';

export interface LanguageClient {
  connection: ProtocolConnection;
  capabilities: ServerCapabilities;
}

/** What Monaco can show, in LSP's terms; the server shapes its answers by it (capabilities.ts). */
const CLIENT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    completion: {
      completionItem: {
        snippetSupport: true,
        tagSupport: { valueSet: [1] },
        documentationFormat: ['markdown', 'plaintext'],
      },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    signatureHelp: {
      signatureInformation: {
        documentationFormat: ['markdown', 'plaintext'],
        parameterInformation: { labelOffsetSupport: true },
        noActiveParameterSupport: true,
      },
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    publishDiagnostics: {
      relatedInformation: true,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      versionSupport: true,
    },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
  },
  workspace: {},
};

export async function startLanguageClient(): Promise<LanguageClient> {
  const worker = new Worker(new URL('../workers/language-server.worker.ts', import.meta.url), {
    type: 'module',
    name: 'autoscale-language-server',
  });
  const connection = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
  connection.listen();
  const result = await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    clientInfo: { name: 'Batch autoscale playground' },
    capabilities: CLIENT_CAPABILITIES,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return { connection, capabilities: result.capabilities };
}
