// The VS Code extension: starts the bundled language server for `batch-autoscale` documents and
// adds the "Evaluate formula" command, which asks the server to evaluate the open formula (with a
// context file the user picks, or the default context) and shows the results string and the
// per-statement trace in the "Batch Autoscale" output channel. All language knowledge is in the
// server; this file only connects VS Code to it.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// The names the server answers to come from the server's protocol file (constants and types only,
// so the bundle gains a few strings), not copies that could drift from it.
import { CONFIGURATION_SECTION, EVALUATE_COMMAND, EVALUATE_REQUEST, LANGUAGE_ID, type EvaluateResponse } from '@autoscale/lsp-server/protocol';

export { LANGUAGE_ID };

let client: LanguageClient | undefined;
/** Where evaluations print; the language client keeps its own log channel. */
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Batch Autoscale');
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: CONFIGURATION_SECTION },
  };
  // The client's id is the configuration section too: VS Code reads `<id>.trace.server` for it.
  client = new LanguageClient(CONFIGURATION_SECTION, 'Batch Autoscale', serverOptions, clientOptions);
  context.subscriptions.push(vscode.commands.registerCommand(EVALUATE_COMMAND, (uri?: string) => evaluate(uri)));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** Picks a context: the default, or a JSON context file from the workspace or anywhere. */
async function pickContext(): Promise<{ text?: string; name?: string } | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Default context', description: 'now, an empty pool, no metric samples', id: 'default' },
      { label: 'Choose a context file…', description: 'JSON: now, pool state, metric histories', id: 'file' },
    ],
    { placeHolder: 'Evaluate the formula in which context?' },
  );
  if (!choice) return undefined;
  if (choice.id === 'default') return {};
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Evaluation context': ['json'] }, openLabel: 'Use context' });
  const file = files?.[0];
  if (!file) return undefined;
  const bytes = await vscode.workspace.fs.readFile(file);
  return { text: new TextDecoder().decode(bytes), name: vscode.workspace.asRelativePath(file) };
}

async function evaluate(uriArgument?: string): Promise<void> {
  const uri = uriArgument ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!client || !output || !uri) {
    void vscode.window.showWarningMessage('Open a .autoscale formula to evaluate it.');
    return;
  }
  const picked = await pickContext();
  if (!picked) return;
  const response = await client.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri, contextText: picked.text, contextName: picked.name });
  output.clear();
  output.appendLine(`Evaluate ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}${picked.name ? ` with ${picked.name}` : ' with the default context'}`);
  if (response.contextErrors.length > 0) {
    for (const line of response.contextErrors) output.appendLine(line);
  } else {
    output.appendLine('');
    for (const line of response.trace) output.appendLine(line);
    output.appendLine('');
    output.appendLine(`results: ${response.results}`);
    if (response.error) output.appendLine(`error: ${response.error.code}: ${response.error.values.map((v) => v.value).join('; ')}`);
  }
  output.show(true);
}
