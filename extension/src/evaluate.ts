// The "Batch Autoscale: Evaluate formula" command (also the code lens the server puts above the
// first statement): asks for a context (the default, or a JSON context file read through
// vscode.workspace.fs, so it works on any file system, vscode.dev's included), sends the server's
// `autoscale/evaluate` request and prints the results string and the per-statement trace in the
// "Batch Autoscale" output channel. Host-neutral: the same code runs in Node and in a web worker.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { EVALUATE_REQUEST, type EvaluateResponse } from '@autoscale/lsp-server/protocol';

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
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Evaluation context': ['json'] },
    openLabel: 'Use context',
  });
  const file = files?.[0];
  if (!file) return undefined;
  const bytes = await vscode.workspace.fs.readFile(file);
  return { text: new TextDecoder().decode(bytes), name: vscode.workspace.asRelativePath(file) };
}

/** Evaluates the formula at `uriArgument` (the code lens passes it) or in the active editor. */
export async function evaluate(
  client: BaseLanguageClient,
  output: vscode.OutputChannel,
  uriArgument?: string,
): Promise<void> {
  const uri = uriArgument ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri) {
    void vscode.window.showWarningMessage('Open a .autoscale formula to evaluate it.');
    return;
  }
  const picked = await pickContext();
  if (!picked) return;
  const response = await client.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, {
    uri,
    contextText: picked.text,
    contextName: picked.name,
  });
  output.clear();
  output.appendLine(
    `Evaluate ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}${picked.name ? ` with ${picked.name}` : ' with the default context'}`,
  );
  if (response.contextErrors.length > 0) {
    for (const line of response.contextErrors) output.appendLine(line);
  } else {
    output.appendLine('');
    for (const line of response.trace) output.appendLine(line);
    output.appendLine('');
    output.appendLine(`results: ${response.results}`);
    if (response.error)
      output.appendLine(`error: ${response.error.code}: ${response.error.values.map((v) => v.value).join('; ')}`);
  }
  output.show(true);
}
