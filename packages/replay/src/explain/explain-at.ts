// Explains one evaluation of a replay after the fact: rebuilds its exact context from the kept
// contexts (contexts.ts), evaluates the formula again with core's one evaluator and a trace, and
// returns what `autoscale explain` prints for it (per statement what it assigned and which branch
// each ?: took), its results string or error, and a summary of the context it saw. Used by the
// HTML report's page and by the playground. Pure (no node:*).

import {
  compileFormula,
  formatDouble,
  makeContext,
  serviceErrorLine,
  traceLines,
  upperBound,
  visibleCount,
  type CompiledFormula,
  type MetricHistory,
} from '@autoscale/core';
import { instant } from '../report/format.ts';
import type { EvaluationContexts } from './contexts.ts';

export interface ExplainView {
  formula: string;
  /** Index of the evaluation in the replay's timeline. */
  index: number;
  /** The evaluation's instant, ms since the epoch. */
  time: number;
  /** The context it saw, as label and value. */
  context: Array<[string, string]>;
  /** The results string the service would log, or null when the evaluation failed. */
  results: string | null;
  /** The evaluation's error as the service words it, or null. */
  error: string | null;
  trace: string[];
}

/** The evaluation at or just before `time` (the first one when `time` is earlier than all). */
export function evaluationAt(contexts: EvaluationContexts, time: number): number {
  return Math.max(0, upperBound(contexts.now, time) - 1);
}

const compiledCache = new WeakMap<EvaluationContexts, CompiledFormula>();

/** Evaluates evaluation `index` of a formula again, with a trace. */
export function explainEvaluation(contexts: EvaluationContexts, index: number): ExplainView {
  let compiled = compiledCache.get(contexts);
  if (compiled === undefined) {
    compiled = compileFormula(contexts.text);
    compiledCache.set(contexts, compiled);
  }
  const now = contexts.now[index] as number;
  const pool = contexts.pool;
  const at = (column: Float64Array): number => column[index] as number;
  const metrics = new Map<string, MetricHistory>(contexts.metrics.map((m) => [m.name, m]));
  const context = makeContext({
    now,
    availabilityDelay: contexts.availabilityDelay,
    seed: at(contexts.seed),
    metrics,
    pool: {
      currentDedicatedNodes: at(pool.currentDedicatedNodes),
      currentLowPriorityNodes: at(pool.currentLowPriorityNodes),
      targetDedicatedNodes: at(pool.targetDedicatedNodes),
      targetLowPriorityNodes: at(pool.targetLowPriorityNodes),
      taskSlotsPerNode: at(pool.taskSlotsPerNode),
      usableNodeCount: at(pool.usableNodeCount),
    },
  });
  const result = compiled.evaluate(context, { trace: true });
  const summary: Array<[string, string]> = [
    ['$CurrentDedicatedNodes', formatDouble(context.pool.currentDedicatedNodes)],
    ['$CurrentLowPriorityNodes', formatDouble(context.pool.currentLowPriorityNodes)],
    ['$TargetDedicatedNodes before', formatDouble(context.pool.targetDedicatedNodes)],
    ['$TargetLowPriorityNodes before', formatDouble(context.pool.targetLowPriorityNodes)],
    ['$UsableNodeCount', formatDouble(context.pool.usableNodeCount)],
    ['$TaskSlotsPerNode', formatDouble(context.pool.taskSlotsPerNode)],
  ];
  for (const m of contexts.metrics) summary.push([m.name, latestSample(m, now, contexts.availabilityDelay)]);
  return {
    formula: contexts.name,
    index,
    time: now,
    context: summary,
    results: result.error ? null : result.results,
    error: result.error ? serviceErrorLine(result.error) : null,
    trace: traceLines(compiled, result),
  };
}

/** "7 at 06:14:30 UTC (120 samples in the last hour)", as the evaluation could see it. */
function latestSample(h: MetricHistory, now: number, delay: number): string {
  const visible = visibleCount(h, now, delay);
  if (visible === 0) return 'no sample yet';
  const lastHour = visible - upperBound(h.times, now - delay - 3_600_000);
  const value = formatDouble(h.values[visible - 1] as number);
  return `${value} at ${instant(h.times[visible - 1] as number)} (${lastHour} sample${lastHour === 1 ? '' : 's'} in the hour before)`;
}
