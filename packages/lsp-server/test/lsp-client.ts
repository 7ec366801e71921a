// Test (and bench) helper: starts the real `autoscale lsp --stdio` as a child process and talks
// to it over JSON-RPC with vscode-languageserver-protocol's client side, as an editor would. It
// answers the server's own requests (configuration, registrations, refreshes) and records every
// publishDiagnostics in arrival order.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliArgs } from '../../cli/test/run-cli.ts';
import { LANGUAGE_ID } from '../src/protocol.ts';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export { LANGUAGE_ID };

/** What VS Code declares, for the parts this server reads. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, tagSupport: { valueSet: [1] } } },
    signatureHelp: {
      signatureInformation: { parameterInformation: { labelOffsetSupport: true }, noActiveParameterSupport: true },
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    publishDiagnostics: { versionSupport: true },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    inlayHint: { refreshSupport: true },
  },
};

/** Requests a server may send its client; the client answers each (configuration with `settings`, others with null). */
const SERVER_TO_CLIENT_REQUESTS = [
  'workspace/configuration',
  'client/registerCapability',
  'client/unregisterCapability',
  'workspace/inlayHint/refresh',
  'workspace/semanticTokens/refresh',
  'workspace/codeLens/refresh',
  'workspace/diagnostic/refresh',
  'window/workDoneProgress/create',
  'window/showMessageRequest',
];

export interface ReceivedDiagnostics extends PublishDiagnosticsParams {
  /** performance.now() when the notification arrived. */
  at: number;
}

/** How to start a language server that speaks LSP on stdin/stdout. */
export interface ServerCommand {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export class LspProcess {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: ReceivedDiagnostics[] = [];
  /** Every window/logMessage text. */
  readonly logs: string[] = [];
  /** Requests the server sent to the client, by method. */
  readonly serverRequests: string[] = [];
  /** What the client answers to workspace/configuration for the `batchAutoscale` section. */
  settings: unknown = {};
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderrText = '';
  private closed = false;
  private waiters: Array<() => void> = [];

  /**
   * Starts the server: by default `autoscale lsp --stdio` from this repository's sources; `server`
   * starts another one (e.g. the command of an installed package) instead.
   */
  constructor(
    server: ServerCommand = { command: process.execPath, args: cliArgs(['lsp', '--stdio']), cwd: REPO_ROOT },
  ) {
    this.child = spawn(server.command, server.args, {
      cwd: server.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(server.env ? { env: server.env } : {}),
    });
    // 'close' comes after the server's output has been read to the end, so nothing published is lost.
    this.exited = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => {
      this.closed = true;
      for (const wake of this.waiters.splice(0)) wake();
      // Rejects requests still waiting for an answer, so a test fails at once instead of timing out.
      this.connection.dispose();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    // A write after the server exited must fail the test that caused it, not crash the runner.
    this.child.stdin?.on('error', () => undefined);
    if (!this.child.stdout || !this.child.stdin) throw new Error('no pipes to the server');
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push({ ...params, at: performance.now() });
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification(
      'window/logMessage',
      (params: { message: string }) => void this.logs.push(params.message),
    );
    for (const method of SERVER_TO_CLIENT_REQUESTS) {
      this.connection.onRequest(method, (params: unknown) => {
        this.serverRequests.push(method);
        if (method !== 'workspace/configuration') return null;
        const items = (params as { items: Array<{ section?: string }> }).items;
        return items.map((item) => (item.section === 'batchAutoscale' ? this.settings : null));
      });
    }
    this.connection.listen();
  }

  get stderr(): string {
    return this.stderrText;
  }

  async initialize(capabilities: ClientCapabilities = EDITOR_CAPABILITIES): Promise<InitializeResult> {
    let result: InitializeResult;
    try {
      result = await this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities,
        workspaceFolders: null,
      });
    } catch (error) {
      throw new Error(
        `initialize failed (${error instanceof Error ? error.message : String(error)}); stderr: ${this.stderrText}`,
      );
    }
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId: string = LANGUAGE_ID): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server the settings changed (it pulls them when it can). */
  configurationChanged(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The first diagnostics for `uri` published at or after index `from` that satisfy `accept`. */
  async diagnostics(
    uri: string,
    accept: (p: ReceivedDiagnostics) => boolean = () => true,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<ReceivedDiagnostics> {
    const deadline = performance.now() + timeoutMs;
    for (let i = from; ; ) {
      for (; i < this.published.length; i++) {
        const p = this.published[i] as ReceivedDiagnostics;
        if (p.uri === uri && accept(p)) return p;
      }
      if (this.closed)
        throw new Error(
          `the server exited before publishing matching diagnostics for ${uri}; stderr: ${this.stderrText}`,
        );
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderrText}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends shutdown and exit, and returns the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return (await this.exited).code;
  }

  /**
   * The exit status, or an error once `timeoutMs` pass with the process still running (a hung server fails the test at
   * once).
   */
  async exitedWithin(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the server is still running after ${timeoutMs} ms; stderr: ${this.stderrText}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the process whatever state it is in (test cleanup). */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
