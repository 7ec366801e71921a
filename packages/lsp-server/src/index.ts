// Public API of @autoscale/lsp-server: the language server for autoscale formulas (the only
// package that imports vscode-languageserver). startServer wires a connection from any transport;
// startNodeServer/startStdioServer start it in Node; browser-main.ts is the web-worker entry and
// node-main.ts the entry bundled into the VS Code extension. protocol.ts holds the custom request.

export { startServer, SERVER_NAME, type ServerOptions } from './server.ts';
export { startNodeServer, startStdioServer } from './node.ts';
export { DIAGNOSTICS_THROTTLE_MS } from './diagnostics-scheduler.ts';
export { readSettings, DEFAULT_SERVER_SETTINGS, type ServerSettings } from './settings.ts';
export {
  CONFIGURATION_SECTION,
  EVALUATE_COMMAND,
  EVALUATE_LENS_TITLE,
  EVALUATE_REQUEST,
  type EvaluateParams,
  type EvaluateResponse,
} from './protocol.ts';
