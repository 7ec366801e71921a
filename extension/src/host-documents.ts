// Formulas where users keep them: inside Bicep, Terraform, ARM template and pool JSON files. The
// language client serves only batch-autoscale documents, so that formatting, symbols, rename and
// colouring of those files stay with their own extensions (a second formatter for every JSON file
// would make VS Code ask the user to pick one). This file does the embedded-language part by hand:
// it keeps the server's copy of each host file that may hold a pool formula in step (the standard
// didOpen/didChange/didClose notifications), and forwards hover, completion and signature help
// requests in those files to the server. The server finds the formulas, answers at the host file's
// own positions and publishes their diagnostics, which the client shows as for any document.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LANGUAGE_ID } from '@autoscale/lsp-server/protocol';

/** Files that may hold a pool's formula, by name or by the language VS Code gave them. */
export const HOST_SELECTOR: vscode.DocumentSelector = [
  { pattern: '**/*.{bicep,tf,json,jsonc}' },
  { language: 'bicep' },
  { language: 'terraform' },
  { language: 'json' },
  { language: 'jsonc' },
];

/** Every host reader looks for a key spelled this way; a file without it is not sent. */
const MENTIONS_FORMULA = /formula/i;

/** Larger files are not sent (the server does not read them either): a pool template is kilobytes. */
const MAX_HOST_LENGTH = 4 * 1024 * 1024;

/** `$` starts a service variable, `.` a sample method (the server's trigger characters). */
const COMPLETION_TRIGGERS = ['$', '.'];
const SIGNATURE_TRIGGERS = ['(', ','];

export function serveHostDocuments(client: BaseLanguageClient): vscode.Disposable {
  /** URIs the server has open, with the version it last received. */
  const synced = new Map<string, number>();

  const isCandidate = (document: vscode.TextDocument): boolean =>
    document.languageId !== LANGUAGE_ID &&
    vscode.languages.match(HOST_SELECTOR, document) > 0 &&
    document.getText().length <= MAX_HOST_LENGTH;

  /** Opens the document in the server, or sends its new text; a file starts being sent once it mentions a formula. */
  function sync(document: vscode.TextDocument): void {
    if (!client.isRunning()) return;
    const uri = document.uri.toString();
    const known = synced.get(uri);
    if (known === document.version) return;
    if (known === undefined) {
      if (!isCandidate(document) || !MENTIONS_FORMULA.test(document.getText())) return;
      synced.set(uri, document.version);
      void client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: document.languageId, version: document.version, text: document.getText() },
      });
      return;
    }
    synced.set(uri, document.version);
    void client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges: [{ text: document.getText() }],
    });
  }

  function close(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    if (!synced.delete(uri) || !client.isRunning()) return;
    void client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** After a (re)start the server knows no document: send every open one again. */
  function syncAll(): void {
    synced.clear();
    for (const document of vscode.workspace.textDocuments) sync(document);
  }

  /** The request's params, or undefined when the server does not have the document. */
  function position(document: vscode.TextDocument, at: vscode.Position) {
    const uri = document.uri.toString();
    if (!synced.has(uri) || !client.isRunning()) return undefined;
    return { textDocument: { uri }, position: { line: at.line, character: at.character } };
  }

  const converter = () => client.protocol2CodeConverter;

  /** Sends an LSP position request about a host file the server has, and converts its answer. */
  async function forward<T>(
    document: vscode.TextDocument,
    at: vscode.Position,
    method: string,
    token: vscode.CancellationToken,
    convert: (answer: unknown) => T | Promise<T>,
  ): Promise<T | undefined> {
    const params = position(document, at);
    if (!params) return undefined;
    return convert(await client.sendRequest(method, params, token));
  }
  const disposables: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument(sync),
    vscode.workspace.onDidChangeTextDocument((event) => sync(event.document)),
    vscode.workspace.onDidCloseTextDocument(close),
    client.onDidChangeState((event) => {
      // 2 is State.Running (the enum is not imported, to keep the web bundle free of the Node client).
      if (event.newState === 2) syncAll();
    }),
    vscode.languages.registerHoverProvider(HOST_SELECTOR, {
      provideHover: (document, at, token) =>
        forward(document, at, 'textDocument/hover', token, (answer) => converter().asHover(answer as never)),
    }),
    vscode.languages.registerCompletionItemProvider(
      HOST_SELECTOR,
      {
        provideCompletionItems: (document, at, token) =>
          forward(document, at, 'textDocument/completion', token, (answer) =>
            converter().asCompletionResult(answer as never, undefined, token),
          ),
      },
      ...COMPLETION_TRIGGERS,
    ),
    vscode.languages.registerSignatureHelpProvider(
      HOST_SELECTOR,
      {
        provideSignatureHelp: (document, at, token) =>
          forward(document, at, 'textDocument/signatureHelp', token, (answer) =>
            converter().asSignatureHelp(answer as never, token),
          ),
      },
      ...SIGNATURE_TRIGGERS,
    ),
  ];
  if (client.isRunning()) syncAll();
  return vscode.Disposable.from(...disposables);
}
