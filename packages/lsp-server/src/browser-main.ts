// Entry point of the server in a web worker (the playground bundles it): the same server as in
// Node, speaking JSON-RPC over the worker's postMessage. Must import nothing from node:*.

import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import { startServer } from './server.ts';

// `self` is the DedicatedWorkerGlobalScope; the DOM typings this package compiles with call it a Window.
const scope = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope)));
