// The language server: wires every LSP feature of an open document to the language service
// (full-document sync, throttled diagnostics, configuration, the evaluate request and its code
// lens); serves the formulas inside host files (Bicep, Terraform, ARM and pool JSON) with the
// features that make sense there (document-role.ts); and keeps LSP's end of a session (after shutdown, every request is refused). Transport-free
// — node-main.ts, browser-main.ts and the CLI pass in a connection — and free of Node imports, so
// the same server runs in a web worker.

import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CodeLens,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type Location,
  type Range as LspRange,
  type TextDocumentIdentifier,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  encodeSemanticTokens,
  hostCompletion,
  hostDiagnostics,
  hostHover,
  hostSignatureHelp,
  LanguageService,
  type LineMap,
} from '@autoscale/language-service';
import { clientProfile, serverCapabilities, type ClientProfile } from './capabilities.ts';
import {
  lspCodeAction,
  lspCompletionItem,
  lspDiagnostic,
  lspDocumentSymbol,
  lspFoldingRange,
  lspHighlight,
  lspHover,
  lspInlayHint,
  lspRange,
  lspSignatureHelp,
  lspTextEdits,
  offsetAt,
  offsetRange,
  requestedActionKinds,
} from './convert.ts';
import { DiagnosticsScheduler } from './diagnostics-scheduler.ts';
import { documentRole, type DocumentRole } from './document-role.ts';
import { evaluateDocument, evaluateHostDocument } from './evaluate.ts';
import {
  CONFIGURATION_SECTION,
  EVALUATE_COMMAND,
  EVALUATE_LENS_TITLE,
  EVALUATE_REQUEST,
  type EvaluateParams,
} from './protocol.ts';
import { DEFAULT_SERVER_SETTINGS, readSettings, type ServerSettings } from './settings.ts';

export const SERVER_NAME = 'autoscale-lsp';

/** A client that advertises configuration but never answers must not hold diagnostics back forever. */
const CONFIGURATION_TIMEOUT_MS = 3000;

/** The answer to every request after shutdown (LSP: InvalidRequest). */
const AFTER_SHUTDOWN = 'The server has shut down; it accepts only the exit notification now.';

/** What a feature reads of an open document. */
interface OpenDocument {
  text: string;
  lines: LineMap;
}

/** An open host file: its text, its lines and the formulas in it. */
interface OpenHost extends OpenDocument {
  role: Extract<DocumentRole, { kind: 'host' }>;
}

/** A document's role, kept until its version or the placeholder values change. */
interface KnownRole {
  version: number;
  values: ReadonlyMap<string, string>;
  role: DocumentRole;
}

export interface ServerOptions {
  /** The clock of the default evaluation context (milliseconds since the epoch). */
  now?: () => number;
  /** Overrides DIAGNOSTICS_THROTTLE_MS. */
  diagnosticsThrottleMs?: number;
}

/** Wires every feature to `connection` and starts listening on it. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService();
  const clock = options.now ?? Date.now;
  let client: ClientProfile = clientProfile(undefined);
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let configurationPulls = 0;

  const scheduler = new DiagnosticsScheduler(
    {
      publish: (uri) => publishDiagnostics(uri),
      failed: (uri, error) => connection.console.error(`diagnostics of ${uri} failed: ${describeError(error)}`),
      now: () => performance.now(),
    },
    // Held until the client's settings are known, so a document never flashes lint warnings the
    // user switched off.
    {
      held: true,
      ...(options.diagnosticsThrottleMs !== undefined ? { throttleMs: options.diagnosticsThrottleMs } : {}),
    },
  );

  /** Set by shutdown: from then on every request is refused (`request`). */
  let shutDown = false;

  const roles = new Map<string, KnownRole>();

  /** What the open document `uri` is (formula, host file or neither), or undefined when it is not open. */
  function roleOf(uri: string): { role: DocumentRole; text: string } | undefined {
    const document = documents.get(uri);
    if (!document) return undefined;
    const text = document.getText();
    const values = settings.placeholderValues;
    const known = roles.get(uri);
    if (known && known.version === document.version && known.values === values) return { role: known.role, text };
    const role = documentRole(uri, document.languageId, text, values);
    roles.set(uri, { version: document.version, values, role });
    return { role, text };
  }

  /** The open formula document's text and line map, or undefined when it is not open or not a formula. */
  const open = (id: TextDocumentIdentifier): OpenDocument | undefined => {
    const known = roleOf(id.uri);
    if (known?.role.kind !== 'formula') return undefined;
    return { text: known.text, lines: service.document(known.text).lines };
  };

  /** The open host file, or undefined when it is not open or not a host file. */
  const openHost = (id: TextDocumentIdentifier): OpenHost | undefined => {
    const known = roleOf(id.uri);
    return known?.role.kind === 'host' ? { text: known.text, lines: known.role.lines, role: known.role } : undefined;
  };

  function publishDiagnostics(uri: string): void {
    const document = documents.get(uri);
    const known = roleOf(uri);
    if (!document || !known) return;
    const { role, text } = known;
    let diagnostics: LspDiagnostic[] = [];
    if (role.kind === 'formula') {
      const lines = service.document(text).lines;
      diagnostics = service.diagnostics(text).map((d) => lspDiagnostic(lines, d));
    } else if (role.kind === 'host') {
      const layers = settings.language.diagnostics;
      diagnostics = hostDiagnostics(role.host, layers).map((d) => lspDiagnostic(role.lines, d));
    } else if (role.kind === 'unreadable') {
      diagnostics = role.problems.map((d) => lspDiagnostic(role.lines, d));
    }
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  function applySettings(section: unknown): void {
    const reading = readSettings(section);
    for (const problem of reading.problems) connection.console.warn(problem);
    const hintsChanged =
      reading.settings.language.inlayHints.variableTypes !== settings.language.inlayHints.variableTypes;
    settings = reading.settings;
    service.configure(settings.language);
    for (const document of documents.all()) scheduler.changed(document.uri);
    if (hintsChanged && client.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  async function pullSettings(): Promise<void> {
    const ticket = ++configurationPulls;
    try {
      const section: unknown = await withTimeout(
        connection.workspace.getConfiguration(CONFIGURATION_SECTION),
        CONFIGURATION_TIMEOUT_MS,
      );
      // Only the latest pull counts: an older answer arriving late must not undo a newer one.
      if (ticket === configurationPulls) applySettings(section);
    } catch (error) {
      connection.console.warn(
        `could not read the ${CONFIGURATION_SECTION} settings (${describeError(error)}); keeping the current ones`,
      );
    }
  }

  /**
   * Every request handler is registered through this, so that LSP's rule holds in one place: after
   * shutdown, every request (exit is a notification) is answered with InvalidRequest.
   */
  function request<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R | ResponseError<never> {
    return (...args) =>
      shutDown ? new ResponseError<never>(ErrorCodes.InvalidRequest, AFTER_SHUTDOWN) : handler(...args);
  }

  /** A request about an open document (`textDocument`); answered with `closed` when it is not open. */
  function withDocument<P extends { textDocument: TextDocumentIdentifier }, R, C>(
    closed: C,
    handler: (doc: OpenDocument, params: P) => R,
  ) {
    return request((params: P): R | C => {
      const doc = open(params.textDocument);
      return doc ? handler(doc, params) : closed;
    });
  }

  /** As withDocument, for the features that also serve host files (`role` is set for those). */
  function withDocumentOrHost<P extends { textDocument: TextDocumentIdentifier }, R, C>(
    closed: C,
    handler: (doc: OpenDocument & { role?: OpenHost['role'] }, params: P) => R,
  ) {
    return request((params: P): R | C => {
      const doc = open(params.textDocument) ?? openHost(params.textDocument);
      return doc ? handler(doc, params) : closed;
    });
  }

  connection.onInitialize(
    request((params): InitializeResult => {
      client = clientProfile(params.capabilities);
      if (!client.configurationPull) scheduler.release();
      return { capabilities: serverCapabilities(params.capabilities), serverInfo: { name: SERVER_NAME } };
    }),
  );

  connection.onInitialized(() => {
    if (client.configurationRegistration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION })
        .catch(() => undefined);
    }
    if (client.configurationPull) void pullSettings().finally(() => scheduler.release());
  });

  connection.onDidChangeConfiguration((params) => {
    if (client.configurationPull) {
      void pullSettings();
      return;
    }
    // Clients without workspace/configuration push the settings: { batchAutoscale: { ... } }.
    const pushed: unknown = params.settings;
    if (typeof pushed === 'object' && pushed !== null && Object.hasOwn(pushed, CONFIGURATION_SECTION)) {
      applySettings((pushed as Record<string, unknown>)[CONFIGURATION_SECTION]);
    }
  });

  documents.onDidChangeContent((event) => scheduler.changed(event.document.uri));
  documents.onDidClose((event) => {
    roles.delete(event.document.uri);
    scheduler.closed(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  // Hover, completion and signature help also answer inside the formulas of host files.
  connection.onHover(
    withDocumentOrHost(null, (doc, { position }) => {
      const offset = offsetAt(doc.lines, position);
      const hover = doc.role ? hostHover(doc.role.host, offset) : service.hover(doc.text, offset);
      return hover ? lspHover(doc.lines, hover) : null;
    }),
  );

  connection.onCompletion(
    withDocumentOrHost(null, (doc, { position }) => {
      const offset = offsetAt(doc.lines, position);
      const list = doc.role ? hostCompletion(doc.role.host, offset) : service.completion(doc.text, offset);
      return { isIncomplete: false, items: list.items.map((item) => lspCompletionItem(doc.lines, item, client)) };
    }),
  );

  connection.onSignatureHelp(
    withDocumentOrHost(null, (doc, { position }) => {
      const offset = offsetAt(doc.lines, position);
      const help = doc.role ? hostSignatureHelp(doc.role.host, offset) : service.signatureHelp(doc.text, offset);
      return help ? lspSignatureHelp(help, client) : null;
    }),
  );

  connection.onDefinition(
    withDocument(null, (doc, { textDocument, position }): Location[] =>
      service
        .definition(doc.text, offsetAt(doc.lines, position))
        .map((r) => ({ uri: textDocument.uri, range: lspRange(doc.lines, r) })),
    ),
  );

  connection.onReferences(
    withDocument(null, (doc, { textDocument, position, context }): Location[] => {
      const ranges = service.references(doc.text, offsetAt(doc.lines, position), {
        includeDeclaration: context.includeDeclaration,
      });
      return ranges.map((r) => ({ uri: textDocument.uri, range: lspRange(doc.lines, r) }));
    }),
  );

  connection.onDocumentHighlight(
    withDocument(null, (doc, { position }) =>
      service.documentHighlights(doc.text, offsetAt(doc.lines, position)).map((h) => lspHighlight(doc.lines, h)),
    ),
  );

  connection.onPrepareRename(
    withDocument(null, (doc, { position }) => {
      const prepared = service.prepareRename(doc.text, offsetAt(doc.lines, position));
      // An error (not null) so that editors show the reason instead of a generic refusal.
      if (!prepared.ok) return new ResponseError(LSPErrorCodes.RequestFailed, prepared.reason);
      return { range: lspRange(doc.lines, prepared.range), placeholder: prepared.placeholder };
    }),
  );

  connection.onRenameRequest(
    withDocument(null, (doc, { textDocument, position, newName }) => {
      const renamed = service.rename(doc.text, offsetAt(doc.lines, position), newName);
      if (!renamed.ok) return new ResponseError(LSPErrorCodes.RequestFailed, renamed.reason);
      return { changes: { [textDocument.uri]: lspTextEdits(doc.lines, renamed.edits) } };
    }),
  );

  connection.onDocumentSymbol(
    withDocument(null, (doc, { textDocument }) => {
      const symbols = service.documentSymbols(doc.text).map((s) => lspDocumentSymbol(doc.lines, s));
      if (client.hierarchicalSymbols) return symbols;
      return symbols.map((s) => ({ name: s.name, kind: s.kind, location: { uri: textDocument.uri, range: s.range } }));
    }),
  );

  connection.onFoldingRanges(
    withDocument(null, (doc) => service.foldingRanges(doc.text).flatMap((f) => lspFoldingRange(doc.lines, f) ?? [])),
  );

  connection.languages.semanticTokens.on(
    withDocument({ data: [] }, (doc) => ({ data: encodeSemanticTokens(doc.lines, service.semanticTokens(doc.text)) })),
  );

  connection.languages.semanticTokens.onRange(
    withDocument({ data: [] }, (doc, { range }) => ({
      data: encodeSemanticTokens(doc.lines, service.semanticTokens(doc.text, offsetRange(doc.lines, range))),
    })),
  );

  connection.onDocumentFormatting(
    withDocument(null, (doc, { textDocument }) => {
      const formatted = service.format(doc.text);
      // Format-on-save of a formula with a syntax error must stay quiet: log why, change nothing.
      if (!formatted.ok) {
        connection.console.info(`${textDocument.uri}: ${formatted.reason}`);
        return [];
      }
      return lspTextEdits(doc.lines, formatted.edits);
    }),
  );

  connection.onCodeAction(
    withDocument(null, (doc, { textDocument, range, context }) => {
      const only = requestedActionKinds(context.only);
      if (only.length === 0) return [];
      return service
        .codeActions(doc.text, offsetRange(doc.lines, range), { only })
        .map((a) => lspCodeAction(textDocument.uri, doc.lines, a));
    }),
  );

  connection.languages.inlayHint.on(
    withDocument(null, (doc, { range }) =>
      service.inlayHints(doc.text, offsetRange(doc.lines, range)).map((h) => lspInlayHint(doc.lines, h)),
    ),
  );

  connection.onCodeLens(
    withDocument(null, (doc, { textDocument }): CodeLens[] => {
      const first = service.document(doc.text).formula.statements[0];
      if (!first) return [];
      const range: LspRange = lspRange(doc.lines, first.range);
      return [
        { range, command: { title: EVALUATE_LENS_TITLE, command: EVALUATE_COMMAND, arguments: [textDocument.uri] } },
      ];
    }),
  );

  connection.onRequest(
    EVALUATE_REQUEST,
    request((raw: unknown) => {
      const params = evaluateParams(raw);
      if (typeof params === 'string') return new ResponseError(ErrorCodes.InvalidParams, params);
      const known = roleOf(params.uri);
      if (known === undefined)
        return new ResponseError(ErrorCodes.InvalidParams, `${params.uri} is not open; open it in the editor first.`);
      const defaults = { now: clock(), availabilityDelay: settings.availabilityDelay };
      if (known.role.kind === 'other')
        return new ResponseError(
          ErrorCodes.InvalidParams,
          `${params.uri} is neither a formula nor a file holding one.`,
        );
      if (known.role.kind === 'unreadable')
        return new ResponseError(
          ErrorCodes.InvalidParams,
          `${params.uri} does not read: ${known.role.problems.map((d) => d.message).join('; ')}`,
        );
      const outcome =
        known.role.kind === 'host'
          ? evaluateHostDocument(service, known.role.host, known.text, params, defaults)
          : evaluateDocument(service, known.text, params, defaults);
      if (!outcome.ok)
        return new ResponseError(
          ErrorCodes.InternalError,
          `The toolkit could not evaluate this formula: ${outcome.internalError}`,
        );
      return outcome.response;
    }),
  );

  // Methods no handler serves: what vscode-jsonrpc answers by itself, unless the server has shut down.
  connection.onRequest(
    request((method: string) => new ResponseError<never>(ErrorCodes.MethodNotFound, `Unhandled method ${method}`)),
  );

  // A second shutdown is a request after shutdown too.
  connection.onShutdown(
    request(() => {
      shutDown = true;
      scheduler.dispose();
    }),
  );

  documents.listen(connection);
  connection.listen();
}

/** The evaluate request's params, or why they are unusable. */
function evaluateParams(raw: unknown): EvaluateParams | string {
  if (typeof raw !== 'object' || raw === null) return `${EVALUATE_REQUEST} expects { uri, contextText?, contextName? }`;
  const { uri, contextText, contextName, formulaName } = raw as Record<string, unknown>;
  if (typeof uri !== 'string') return `${EVALUATE_REQUEST}: uri must be a string`;
  if (contextText !== undefined && contextText !== null && typeof contextText !== 'string')
    return `${EVALUATE_REQUEST}: contextText must be a string (the context file's JSON text)`;
  if (contextName !== undefined && contextName !== null && typeof contextName !== 'string')
    return `${EVALUATE_REQUEST}: contextName must be a string`;
  if (formulaName !== undefined && formulaName !== null && typeof formulaName !== 'string')
    return `${EVALUATE_REQUEST}: formulaName must be a string`;
  const params: EvaluateParams = { uri };
  if (typeof formulaName === 'string') params.formulaName = formulaName;
  if (typeof contextText === 'string') params.contextText = contextText;
  if (typeof contextName === 'string') params.contextName = contextName;
  return params;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
