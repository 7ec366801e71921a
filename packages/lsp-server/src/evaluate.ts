// The `autoscale/evaluate` request: evaluates an open document with core's one evaluator in the
// context the client sent, or the default one, and renders the per-statement trace as `autoscale
// explain` prints it. Context problems come back as `file:line:col` lines, never as exceptions; a
// document too long to analyse comes back, unparsed, as the service's AutoScaleFormulaTooLong.

import {
  compileFormula,
  makeContext,
  readContext,
  type CompiledFormula,
  type DurationResult,
  type EvaluationContext,
  type EvaluationResult,
  type ParseResult,
  traceLines,
} from '@autoscale/core';
import { MAX_ANALYZED_LENGTH, type FormulaDocument, type LanguageService } from '@autoscale/language-service';
import type { EvaluateParams, EvaluateResponse } from './protocol.ts';

export type EvaluateOutcome = { ok: true; response: EvaluateResponse } | { ok: false; internalError: string };

/** Where the default context comes from: the clock and the availability-delay setting. */
export interface DefaultContextSource {
  now: number;
  availabilityDelay: DurationResult;
}

export function evaluateDocument(
  service: LanguageService,
  text: string,
  params: EvaluateParams,
  defaults: DefaultContextSource,
): EvaluateOutcome {
  const context = buildContext(params, defaults);
  if (!context.ok)
    return { ok: true, response: { results: '', error: null, trace: [], contextErrors: context.errors } };
  // Core directly rather than the service's preview, because the preview leaves out the results
  // string of a failed evaluation, which the service returns (the pool's unchanged targets) and
  // `autoscale eval` prints. The service's snapshot saves a second parse of what it analysed.
  const doc = service.document(text);
  // Undefined (the core parses the text itself) only where the core failed on it in the service.
  const parsed =
    text.length > MAX_ANALYZED_LENGTH ? refusedParse(doc) : doc.degraded === undefined ? doc.parsed : undefined;
  let result: EvaluationResult;
  let compiled: CompiledFormula;
  try {
    compiled = compileFormula(text, parsed);
    result = compiled.evaluate(context.context, { trace: true });
  } catch (error) {
    // Formulas nested deeply enough to exhaust the stack; the server keeps answering.
    return { ok: false, internalError: error instanceof Error ? error.message : String(error) };
  }
  const trace = traceLines(compiled, result);
  return { ok: true, response: { results: result.results, error: result.error, trace, contextErrors: [] } };
}

/**
 * The parse of a text the language service would not analyse: no statements, and the snapshot's
 * one diagnostic (AS1009, the service's length limit). The service refuses such a formula without
 * reading it, and so does this: parsing a 5 MB text took seconds and hundreds of megabytes, and
 * compiled from this the evaluator answers as the service does (AutoScaleFormulaTooLong at the
 * limit's `Line L, Col C`, the pool's targets unchanged) with no work beyond the line count of the
 * text. That means AutoScaleFormulaTooLong even where a syntax error comes first, which the core
 * reports first for a text it parses; the editor shows only the AS1009 for such a text too.
 */
function refusedParse(doc: FormulaDocument): ParseResult {
  return { formula: doc.formula, diagnostics: [...doc.diagnostics] };
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
