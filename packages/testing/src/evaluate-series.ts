// For users' own vitest/jest suites: evaluate a formula at an instant with metric histories given
// in series notation (the last sample at `at`), and read the results as a plain object to assert
// on. The same core calls the runner makes; bad input comes back as messages, never as a throw.

import {
  compileFormula,
  DEALLOCATION_OPTION,
  DEFAULT_SERIES_INTERVAL_MS,
  formatValue,
  makeContext,
  parseDuration,
  parseInstant,
  parseSeries,
  printedTarget,
  registry,
  seriesToHistory,
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
  type CompiledFormula,
  type EvaluationContext,
  type EvaluationResult,
  type MetricHistory,
  type PoolState,
} from '@autoscale/core';

export interface SeriesInput {
  /** The evaluation instant: ISO 8601 with a zone, or milliseconds since the epoch. */
  at: string | number;
  /** Metric name to series notation, e.g. `{ $PendingTasks: '0x20 40+5x39' }`; the last sample sits at `at`. */
  series?: Record<string, string>;
  /** Time between samples; default "30s". */
  interval?: string;
  /** Default "30s" (core's DEFAULT_AVAILABILITY_DELAY_MS). */
  availabilityDelay?: string;
  pool?: Partial<PoolState>;
  seed?: number;
}

export type SeriesEvaluation =
  | { ok: true; result: EvaluationResult; context: EvaluationContext }
  | { ok: false; errors: string[] };

/** Evaluates `formula` (text, or compiled once by the caller for many evaluations) in the context `input` describes. */
export function evaluateWithSeries(formula: string | CompiledFormula, input: SeriesInput): SeriesEvaluation {
  const errors: string[] = [];
  const at = typeof input.at === 'number' ? { ok: true as const, ms: input.at } : parseInstant(input.at);
  if (!at.ok) errors.push(`at: ${at.reason}`);
  const interval =
    input.interval === undefined
      ? { ok: true as const, ms: DEFAULT_SERIES_INTERVAL_MS }
      : parseDuration(input.interval);
  if (!interval.ok) errors.push(`interval: ${interval.reason}`);
  else if (interval.ms === 0) errors.push('interval: must be longer than zero');
  const delay = input.availabilityDelay === undefined ? undefined : parseDuration(input.availabilityDelay);
  if (delay !== undefined && !delay.ok) errors.push(`availabilityDelay: ${delay.reason}`);
  const known = registry.sampledMetricNames();
  const parsed = new Map<string, Array<number | null>>();
  for (const [metric, notation] of Object.entries(input.series ?? {})) {
    if (!known.includes(metric)) errors.push(`series: unknown metric "${metric}"`);
    const r = parseSeries(notation);
    if (r.ok) parsed.set(metric, r.values);
    else for (const e of r.errors) errors.push(`series.${metric}: ${e.message}`);
  }
  if (errors.length > 0 || !at.ok || !interval.ok) return { ok: false, errors };
  const metrics = new Map<string, MetricHistory>();
  for (const [metric, values] of parsed)
    metrics.set(metric, seriesToHistory(values, { end: at.ms, intervalMs: interval.ms }));
  const context = makeContext({
    now: at.ms,
    metrics,
    ...(delay?.ok === true ? { availabilityDelay: delay.ms } : {}),
    ...(input.pool !== undefined ? { pool: input.pool } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  const compiled = typeof formula === 'string' ? compileFormula(formula) : formula;
  return { ok: true, result: compiled.evaluate(context), context };
}

/**
 * The results as a plain object, as the results string reports them: targets truncated toward
 * zero, `$NodeDeallocationOption` as its keyword, numbers as numbers, vectors as number arrays,
 * everything else as its printed text. Empty apart from the targets after an error.
 */
export function valuesOf(result: EvaluationResult): Record<string, number | number[] | string> {
  const out: Record<string, number | number[] | string> = {
    [TARGET_DEDICATED]: printedTarget(result.targets.dedicated),
    [TARGET_LOW_PRIORITY]: printedTarget(result.targets.lowPriority),
    [DEALLOCATION_OPTION]: result.targets.deallocationOption,
  };
  for (const [name, value] of result.variables) {
    const plain = typeof value === 'number' ? value : Array.isArray(value) ? [...value] : formatValue(value);
    // defineProperty, not assignment: a formula may name a variable __proto__.
    Object.defineProperty(out, name, { value: plain, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
