// Starting the server in a Node process: on the transport the client chose on the command line
// (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`, read by vscode-languageserver), or on
// this process's stdin/stdout explicitly (`autoscale lsp --stdio`). Only this file and
// node-main.ts know about Node.

import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.ts';

/** Starts the server on the transport named in process.argv (what VS Code's client passes). */
export function startNodeServer(options: ServerOptions = {}): Connection {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, options);
  return connection;
}

/**
 * Starts the server on stdin/stdout. The process exits when the client sends `exit` (code 0
 * after `shutdown`, else 1) or closes stdin.
 */
export function startStdioServer(options: ServerOptions = {}): Connection {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // stdout carries the protocol: anything printed with console would corrupt it, so console
  // output goes to the client's log instead.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  startServer(connection, options);
  return connection;
}
