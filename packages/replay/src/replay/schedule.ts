// When a replay evaluates: the service's evaluation-interval limits (5 minutes to 168 hours,
// default 15 minutes; docs/semantics.md §13.3), the replay's other defaults, and the evaluation
// instants: the first at the start (enabling autoscale evaluates at once), then every interval.

import { formatDuration, SAMPLE_PERIOD_MS } from '@autoscale/core';

export const MIN_EVALUATION_INTERVAL_MS = 5 * 60_000;
export const MAX_EVALUATION_INTERVAL_MS = 168 * 3_600_000;
export const DEFAULT_EVALUATION_INTERVAL_MS = 15 * 60_000;
/** Time from a target increase to the new nodes counting in the pool, when nothing says otherwise. */
export const DEFAULT_ALLOCATION_LATENCY_MS = 4 * 60_000;
/** The closed loop's clock tick: the service's sample period (core's, so the two cannot drift apart). */
export const SIMULATION_STEP_MS = SAMPLE_PERIOD_MS;

/** The reason an interval is refused, in the service's terms, or undefined when it is acceptable. */
export function checkEvaluationInterval(ms: number): string | undefined {
  if (ms >= MIN_EVALUATION_INTERVAL_MS && ms <= MAX_EVALUATION_INTERVAL_MS) return undefined;
  return `the evaluation interval must be between ${formatDuration(MIN_EVALUATION_INTERVAL_MS)} and ${formatDuration(MAX_EVALUATION_INTERVAL_MS)} (the service refuses ${formatDuration(ms)} with InvalidPropertyValue)`;
}

/** Number of evaluations in [from, to]: from, from + interval, ... while <= to. */
export function evaluationCount(from: number, to: number, interval: number): number {
  return to < from ? 0 : Math.floor((to - from) / interval) + 1;
}

export function evaluationInstant(from: number, interval: number, index: number): number {
  return from + index * interval;
}
