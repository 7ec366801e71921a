// The `autoscale/evaluate` request: evaluates an open document with core's one evaluator in the
// context the client sent, or the default one, and renders the per-statement trace as `autoscale
// explain` prints it. Context problems come back as `file:line:col` lines, never as exceptions.

import {
  compileFormula,
  makeContext,
  readContext,
  type CompiledFormula,
  type DurationResult,
  type EvaluationContext,
  type EvaluationResult,
  traceLines,
} from '@autoscale/core';
import type { LanguageService } from '@autoscale/language-service';
import type { EvaluateParams, EvaluateResponse } from './protocol.ts';

export type EvaluateOutcome = { ok: true; response: EvaluateResponse } | { ok: false; internalError: string };

/** Where the default context comes from: the clock and the availability-delay setting. */
export interface DefaultContextSource {
  now: number;
  availabilityDelay: DurationResult;
}

export function evaluateDocument(service: LanguageService, text: string, params: EvaluateParams, defaults: DefaultContextSource): EvaluateOutcome {
  const context = buildContext(params, defaults);
  if (!context.ok) return { ok: true, response: { results: '', error: null, trace: [], contextErrors: context.errors } };
  // Core directly rather than the service's preview, because the preview leaves out the results
  // string of a failed evaluation, which the service returns (the pool's unchanged targets) and
  // `autoscale eval` prints. The service's snapshot saves a second parse of what it analysed.
  const doc = service.document(text);
  let result: EvaluationResult;
  let compiled: CompiledFormula;
  try {
    compiled = doc.degraded === undefined ? compileFormula(text, doc.parsed) : compileFormula(text);
    result = compiled.evaluate(context.context, { trace: true });
  } catch (error) {
    // Formulas nested deeply enough to exhaust the stack; the server keeps answering.
    return { ok: false, internalError: error instanceof Error ? error.message : String(error) };
  }
  const trace = traceLines(compiled, result);
  return { ok: true, response: { results: result.results, error: result.error, trace, contextErrors: [] } };
}

type ContextOutcome = { ok: true; context: EvaluationContext } | { ok: false; errors: string[] };

function buildContext(params: EvaluateParams, defaults: DefaultContextSource): ContextOutcome {
  if (params.contextText === undefined) {
    if (!defaults.availabilityDelay.ok) return { ok: false, errors: [defaults.availabilityDelay.reason] };
    return { ok: true, context: makeContext({ now: defaults.now, availabilityDelay: defaults.availabilityDelay.ms }) };
  }
  const read = readContext(params.contextText, params.contextName ?? 'context');
  return read.ok ? read : { ok: false, errors: read.messages };
}
