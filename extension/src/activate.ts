// What the desktop and the web extension share: the language client's options, the "Evaluate
// formula" command and the output channel it prints to. The two entries (extension.ts for VS Code's
// Node extension host, web.ts for its web worker host, as in vscode.dev) differ only in how they
// start the language server, so each passes in a function that makes its client.

import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
// The names the server answers to come from the server's protocol file (constants and types only,
// so the bundle gains a few strings), not copies that could drift from it.
import { CONFIGURATION_SECTION, EVALUATE_COMMAND, LANGUAGE_ID } from '@autoscale/lsp-server/protocol';
import { evaluate } from './evaluate.ts';
import { serveHostDocuments } from './host-documents.ts';

/** Makes the host's language client; the id is also the section VS Code reads `<id>.trace.server` from. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

export async function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<void> {
  const output = vscode.window.createOutputChannel('Batch Autoscale');
  context.subscriptions.push(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: CONFIGURATION_SECTION },
  };
  const started = createClient(CONFIGURATION_SECTION, 'Batch Autoscale', clientOptions);
  client = started;
  context.subscriptions.push(
    vscode.commands.registerCommand(EVALUATE_COMMAND, (uri?: string) => evaluate(started, output, uri)),
  );
  await started.start();
  // Formulas inside Bicep, Terraform and JSON files: see host-documents.ts.
  context.subscriptions.push(serveHostDocuments(started));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
