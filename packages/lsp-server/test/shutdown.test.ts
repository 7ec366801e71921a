// The end of a session over JSON-RPC, as LSP lays it down: after `shutdown` the server answers
// every request with InvalidRequest (-32600), whatever the method (a feature, the custom evaluate
// request, an unknown method, initialize or shutdown again), still accepts notifications, and ends
// with exit code 0 on `exit`.

import { afterEach, describe, expect, it } from 'vitest';
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  SemanticTokensRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { EVALUATE_REQUEST } from '@autoscale/lsp-server';
import { LspProcess } from './lsp-client.ts';

const INVALID_REQUEST = -32600;
const uri = 'file:///session.autoscale';
const textDocument = { uri };
const position = { line: 0, character: 26 };

let server: LspProcess | undefined;
afterEach(() => server?.kill());

async function started(): Promise<LspProcess> {
  server = new LspProcess();
  await server.initialize();
  await server.open(uri, '$TargetDedicatedNodes = $PendingTasks;');
  return server;
}

describe('after shutdown', () => {
  it('answers every request with InvalidRequest, and exit then ends the process with code 0', async () => {
    const s = await started();
    // Before shutdown: answered as usual.
    expect(await s.connection.sendRequest(HoverRequest.type, { textDocument, position })).not.toBeNull();
    await expect(s.connection.sendRequest('autoscale/nonsense', {})).rejects.toMatchObject({ code: -32601 });

    expect(await s.connection.sendRequest(ShutdownRequest.type)).toBeNull();
    const refused = [
      s.connection.sendRequest(HoverRequest.type, { textDocument, position }),
      s.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
      s.connection.sendRequest(SemanticTokensRequest.type, { textDocument }),
      s.connection.sendRequest(CodeLensRequest.type, { textDocument }),
      s.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument,
        options: { tabSize: 2, insertSpaces: true },
      }),
      // A document that is not open, and params that are malformed: refused for the shutdown first.
      s.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///never-opened.autoscale' },
        position,
      }),
      s.connection.sendRequest(EVALUATE_REQUEST, { uri }),
      s.connection.sendRequest(EVALUATE_REQUEST, null),
      s.connection.sendRequest('autoscale/nonsense', {}),
      s.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} }),
      s.connection.sendRequest(ShutdownRequest.type),
    ];
    const settled = await Promise.allSettled(refused);
    for (const [i, outcome] of settled.entries()) {
      expect(outcome.status, `request ${i}`).toBe('rejected');
      if (outcome.status === 'rejected') {
        expect(outcome.reason, `request ${i}`).toMatchObject({
          code: INVALID_REQUEST,
          message: expect.stringMatching(/shut down/),
        });
      }
    }
    // Notifications are not requests: accepted without an answer, and the process stays up.
    await s.change(uri, '$TargetDedicatedNodes = 2;', 2);
    await s.close(uri);
    await expect(s.connection.sendRequest(HoverRequest.type, { textDocument, position })).rejects.toMatchObject({
      code: INVALID_REQUEST,
    });
    expect(s.child.exitCode).toBeNull();
    await s.connection.sendNotification(ExitNotification.type);
    expect((await s.exitedWithin(5000)).code).toBe(0);
  });
});
