// The extension in VS Code's Node extension host (desktop, and remote hosts such as code-server):
// starts the bundled language server (dist/server.cjs) as a Node process over IPC. Everything else
// (the command, the output channel, the client's options) is shared with the web entry through
// activate.ts; all language knowledge is in the server.

import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, deactivate } from './activate.ts';

export { deactivate };

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  return activateWith(context, (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions));
}
