// Keeps the language server's copy of the formula in step with the editor (full text on every
// change, as the server asks), turns published diagnostics into Monaco markers, and measures how
// long each edit took to come back checked: the status bar shows it, and the benchmark reads it.
// The document is opened as a formula whatever the editor colours it as: the server reads pasted
// pool JSON or a template by its content, and anything else as the formula it was opened as.

import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/browser';
import {
  CONFIGURATION_SECTION,
  EVALUATE_REQUEST,
  LANGUAGE_ID,
  type EvaluateParams,
  type EvaluateResponse,
} from '@autoscale/lsp-server/protocol';
import { monaco } from '../editor/monaco.ts';
import type { LanguageClient } from './connection.ts';
import { toMarker } from './convert.ts';

export interface DiagnosticsUpdate {
  /** The document version these diagnostics are for. */
  version: number | undefined;
  errors: number;
  warnings: number;
  /** From the edit that produced this version to its markers being set, in ms. */
  latencyMs: number | undefined;
}

export class FormulaDocument {
  private version = 1;
  /** When each not-yet-checked version was sent (performance.now()). */
  private readonly sentAt = new Map<number, number>();
  private readonly listeners: Array<(u: DiagnosticsUpdate) => void> = [];
  /** The settings the page pushes; each push sends the whole section, so both are kept. */
  private lint = true;
  private placeholderValues: Record<string, string> = {};

  private readonly client: LanguageClient;
  private readonly model: monaco.editor.ITextModel;
  readonly markerOwner: string;

  constructor(client: LanguageClient, model: monaco.editor.ITextModel, markerOwner: string) {
    this.client = client;
    this.model = model;
    this.markerOwner = markerOwner;
  }

  /** Opens the document on the server and follows the model's changes. */
  async open(): Promise<void> {
    const { connection } = this.client;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri !== this.uri) return;
      monaco.editor.setModelMarkers(this.model, this.markerOwner, params.diagnostics.map(toMarker));
      const now = performance.now();
      const sent = params.version === undefined ? undefined : this.sentAt.get(params.version);
      for (const v of this.sentAt.keys())
        if (params.version !== undefined && v <= params.version) this.sentAt.delete(v);
      const update: DiagnosticsUpdate = {
        version: params.version,
        errors: params.diagnostics.filter((d) => (d.severity ?? 1) === 1).length,
        warnings: params.diagnostics.filter((d) => d.severity === 2).length,
        latencyMs: sent === undefined ? undefined : now - sent,
      };
      for (const l of this.listeners) l(update);
    });
    this.sentAt.set(this.version, performance.now());
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri: this.uri,
        languageId: LANGUAGE_ID,
        version: this.version,
        text: this.model.getValue(),
      },
    });
    this.model.onDidChangeContent(() => {
      this.version++;
      this.sentAt.set(this.version, performance.now());
      void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: this.uri, version: this.version },
        contentChanges: [{ text: this.model.getValue() }],
      });
    });
  }

  get uri(): string {
    return this.model.uri.toString();
  }

  onDiagnostics(listener: (u: DiagnosticsUpdate) => void): void {
    this.listeners.push(listener);
  }

  /** Turns the lint layer (AS4xxx warnings) on or off; the server re-checks and republishes. */
  setLint(enabled: boolean): Promise<void> {
    this.lint = enabled;
    return this.pushSettings();
  }

  /** Values for the placeholders of a host file's formulas; the server re-reads and republishes. */
  setPlaceholderValues(values: ReadonlyMap<string, string>): Promise<void> {
    this.placeholderValues = Object.fromEntries(values);
    return this.pushSettings();
  }

  private pushSettings(): Promise<void> {
    // The page does not answer workspace/configuration, so it pushes the settings section instead.
    return this.client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: {
        [CONFIGURATION_SECTION]: { diagnostics: { lint: this.lint }, placeholderValues: this.placeholderValues },
      },
    });
  }

  /**
   * Evaluates the current text with core's evaluator in the worker; no context text: the default context at the current
   * time (for pool JSON: the pool's own state). In a host file, `formulaName` picks the formula (the first by default).
   */
  evaluate(contextText: string | undefined, formulaName?: string): Promise<EvaluateResponse> {
    const params: EvaluateParams = {
      uri: this.uri,
      contextName: 'context',
      ...(contextText !== undefined ? { contextText } : {}),
      ...(formulaName !== undefined ? { formulaName } : {}),
    };
    return this.client.connection.sendRequest(EVALUATE_REQUEST, params) as Promise<EvaluateResponse>;
  }
}
