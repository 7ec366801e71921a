// The `autoscale/evaluate` request: evaluates an open document with core's one evaluator in the
// context the client sent, or the default one, and renders the per-statement trace as `autoscale
// explain` prints it. Context problems come back as `file:line:col` lines, never as exceptions; a
// document too long to analyse comes back, unparsed, as the service's AutoScaleFormulaTooLong.
// In a host file, one of its formulas is evaluated; pool JSON without a context file is its own
// context (its counts, targets and slots, at its recorded evaluation's time), and the answer says
// whether it agrees with the service's recorded autoScaleRun, as `autoscale eval pool.json` does.

import {
  compareWithRecorded,
  compileFormula,
  makeContext,
  readContext,
  readPoolRun,
  type RecordedRun,
  type CompiledFormula,
  type DurationResult,
  type EvaluationContext,
  type EvaluationResult,
  type ParseResult,
  traceLines,
} from '@autoscale/core';
import {
  MAX_ANALYZED_LENGTH,
  type FormulaDocument,
  type HostDocument,
  type LanguageService,
} from '@autoscale/language-service';
import { CONFIGURATION_SECTION, type EvaluateParams, type EvaluateResponse } from './protocol.ts';

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
  return evaluateInContext(service, text, buildContext(params, defaults));
}

/** Evaluates one formula of a host file (see the header). */
export function evaluateHostDocument(
  service: LanguageService,
  host: HostDocument,
  hostText: string,
  params: EvaluateParams,
  defaults: DefaultContextSource,
): EvaluateOutcome {
  const formulas = host.formulas.map((f) => f.name);
  const formula =
    params.formulaName === undefined ? host.formulas[0] : host.formulas.find((f) => f.name === params.formulaName);
  const noResults = (contextErrors: string[]): EvaluateOutcome => ({
    ok: true,
    response: {
      results: '',
      error: null,
      trace: [],
      contextErrors,
      host: { kind: host.kind, formulaName: '', formulas },
    },
  });
  if (formula === undefined)
    return noResults([
      `There is no formula named ${params.formulaName ?? ''} here; the file holds ${formulas.join(', ')}.`,
    ]);
  const unfilled = formula.placeholders.filter((p) => p.value === undefined).map((p) => p.name);
  if (unfilled.length > 0)
    return noResults([
      `The formula uses ${unfilled.join(', ')}, whose value is not known here: give ${unfilled.length === 1 ? 'it a value' : 'them values'} in the ${CONFIGURATION_SECTION}.placeholderValues setting to evaluate it.`,
    ]);
  const poolRun = host.kind === 'pool-json' && params.contextText === undefined ? readPoolRun(hostText) : undefined;
  const context: ContextOutcome =
    poolRun === undefined
      ? buildContext(params, defaults)
      : defaults.availabilityDelay.ok
        ? {
            ok: true,
            context: makeContext({
              now: poolRun.recorded?.evaluatedAt ?? defaults.now,
              availabilityDelay: defaults.availabilityDelay.ms,
              pool: poolRun.pool,
            }),
          }
        : { ok: false, errors: [defaults.availabilityDelay.reason] };
  const outcome = evaluateInContext(service, formula.text, context);
  if (!outcome.ok) return outcome;
  const response = outcome.response;
  response.host = { kind: host.kind, formulaName: formula.name, formulas };
  if (poolRun?.recorded !== undefined && response.contextErrors.length === 0)
    response.host.recorded = recordedComparison(response, poolRun.recorded);
  return outcome;
}

function recordedComparison(response: EvaluateResponse, recorded: RecordedRun) {
  const { agrees, differences } = compareWithRecorded(response.results, response.error, recorded);
  const evaluatedAt = recorded.evaluatedAt === undefined ? null : new Date(recorded.evaluatedAt).toISOString();
  return { agrees, differences, evaluatedAt };
}

function evaluateInContext(service: LanguageService, text: string, context: ContextOutcome): EvaluateOutcome {
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
