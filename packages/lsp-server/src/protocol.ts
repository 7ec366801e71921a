// What the server and its clients agree on beyond LSP: the language id, the configuration
// section, the custom `autoscale/evaluate` request (the VS Code extension's "Evaluate formula"
// command, the playground's Evaluate button; it also evaluates a formula inside a host file) and
// the code lens command that starts it. Types only and constants, importing nothing
// at run time: clients (the extension's bundle) may import this file freely.

import type { ServiceError } from '@autoscale/core';
import type { LANGUAGE_ID as SERVICE_LANGUAGE_ID } from '@autoscale/language-service';

/**
 * The documents the server serves (extension/package.json, contributes.languages). Written out
 * rather than re-exported so that importing this file pulls no code in; the type makes the
 * compiler reject any drift from the language service's LANGUAGE_ID.
 */
export const LANGUAGE_ID: typeof SERVICE_LANGUAGE_ID = 'batch-autoscale';

/** The `workspace/configuration` section (keys in extension/package.json, contributes.configuration). */
export const CONFIGURATION_SECTION = 'batchAutoscale';

/** The client-side command the code lens runs; the extension registers it, so the server must not. */
export const EVALUATE_COMMAND = 'batchAutoscale.evaluate';
export const EVALUATE_LENS_TITLE = 'Evaluate formula';

/** Evaluates an open document with core's one evaluator. */
export const EVALUATE_REQUEST = 'autoscale/evaluate';

export interface EvaluateParams {
  /** An open document. */
  uri: string;
  /** A context file's JSON text (packages/core/context.schema.json); without it, the default context. */
  contextText?: string;
  /** The context file's name, used in contextErrors (default `context`). */
  contextName?: string;
  /**
   * In a host file holding several formulas, which to evaluate (its resource's name, as
   * EvaluateResponse.host.formulas lists them); the first by default.
   */
  formulaName?: string;
}

/** About the file an evaluated formula came from, when it is a host file rather than a formula. */
export interface EvaluatedHost {
  /** The kind read: 'arm', 'pool-json', 'bicep' or 'terraform'. */
  kind: string;
  /** The formula evaluated. */
  formulaName: string;
  /** Every formula in the file, by name. */
  formulas: string[];
  /**
   * For pool JSON evaluated in its own context (no contextText): whether the results agree with
   * the service's recorded autoScaleRun, each difference in a sentence, and when it ran (ISO 8601).
   */
  recorded?: { agrees: boolean; differences: string[]; evaluatedAt: string | null };
}

export interface EvaluateResponse {
  /**
   * The service's results string (after a failure, the pool's targets unchanged); empty when contextErrors kept it from
   * running.
   */
  results: string;
  /**
   * The service's error object when the evaluation failed. A document longer than the language
   * service analyses (65,536 characters) is not read: AutoScaleFormulaTooLong, as the service answers.
   */
  error: ServiceError | null;
  /** One readable line per statement, as `autoscale explain` prints them. */
  trace: string[];
  /** `name:line:col: path: message` for each problem with the context; nothing was evaluated then. */
  contextErrors: string[];
  /** Set when the document is a host file (Bicep, Terraform, ARM or pool JSON). */
  host?: EvaluatedHost;
}
