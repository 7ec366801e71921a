// The extension in VS Code's web worker extension host (vscode.dev, github.dev, and any VS Code
// whose workbench runs the extension there): starts the bundled language server
// (dist/web/server.js, packages/lsp-server/src/browser-main.ts) in a web worker of its own and
// talks to it over postMessage. Everything else is shared with the Node entry through activate.ts.
// Nothing here or in what it imports may reach Node: build.ts bundles it for the browser.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, deactivate } from './activate.ts';

export { deactivate };

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // The worker itself, not a function returning it: VS Code's web worker host replaces `Worker`
  // with a factory (it starts nested workers through a blob), so the client's `instanceof Worker`
  // test on a function's result fails there and the connection is never made.
  const worker = new Worker(serverMain.toString(true));
  return activateWith(context, (id, name, clientOptions) => new LanguageClient(id, name, worker, clientOptions));
}
