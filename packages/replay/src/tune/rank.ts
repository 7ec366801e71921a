// How a tune search judges variants: the objective (cost, or node-hours without prices), the delay
// measure it trades against (task wait p95 in closed loop; hours queued with no free slot in open
// loop, which has no task waits), the constraint, the total orders that pick the best variant and a
// sampler chain's centre, and the Pareto front (TUNE.md, "Objective, constraint and ties"). Pure:
// the same rules run in a search and in a merge of shards.

import type { FailureSummary, FormulaSummary } from '../replay/types.ts';
import type { ParamValues } from './variant.ts';

export type Objective = 'cost' | 'node-hours';
export type DelayMeasure = 'wait-p95-seconds' | 'queued-no-free-slot-hours';

/** A summary as `replay --format json` prints it (failure instants as ISO 8601 strings). */
export type SummaryJson = Omit<FormulaSummary, 'failures'> & {
  failures: Array<Omit<FailureSummary, 'first'> & { first: string[] }>;
};

export interface Criteria {
  objective: Objective;
  delay: DelayMeasure;
  /** The constraint on wait p95 (closed loop only); null when none. */
  maxWaitP95Seconds: number | null;
}

/** What the orders read of a variant. */
export interface Scored {
  params: ParamValues;
  objective: number;
  /** null: no figure (no task started; no pending-task data); ranks after every figure. */
  delay: number | null;
  failedEvaluations: number;
  meets: boolean;
}

export function delayMeasure(mode: 'open' | 'closed'): DelayMeasure {
  return mode === 'closed' ? 'wait-p95-seconds' : 'queued-no-free-slot-hours';
}

export function objectiveOf(objective: Objective, s: SummaryJson): number {
  return objective === 'cost' ? (s.cost ?? Number.NaN) : s.nodeHours.dedicated + s.nodeHours.lowPriority;
}

export function delayOf(measure: DelayMeasure, s: SummaryJson): number | null {
  return measure === 'wait-p95-seconds' ? (s.closedLoop?.waitP95Seconds ?? null) : s.queuedNoFreeSlotHours;
}

export function meetsConstraint(criteria: Criteria, delay: number | null): boolean {
  return criteria.maxWaitP95Seconds === null || (delay !== null && delay <= criteria.maxWaitP95Seconds);
}

export function score(criteria: Criteria, params: ParamValues, s: SummaryJson): Scored {
  const delay = delayOf(criteria.delay, s);
  return {
    params,
    objective: objectiveOf(criteria.objective, s),
    delay,
    failedEvaluations: s.failedEvaluations,
    meets: meetsConstraint(criteria, delay),
  };
}

function compareDelay(a: number | null, b: number | null): number {
  return (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY) || 0;
}

/** Grid order of two variants' values: the first parameter first, smaller values first. */
export function compareParams(a: ParamValues, b: ParamValues): number {
  const av = Object.values(a);
  const bv = Object.values(b);
  for (let i = 0; i < av.length; i++) {
    const d = (av[i] as number) - (bv[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The order that picks the best among variants meeting the constraint: lower objective, then lower
 * delay, then fewer failed evaluations, then the variant first in grid order. Total, so the best
 * does not depend on the order variants were evaluated in (or on which shard evaluated them).
 */
export function compareBest(a: Scored, b: Scored): number {
  return (
    a.objective - b.objective ||
    compareDelay(a.delay, b.delay) ||
    a.failedEvaluations - b.failedEvaluations ||
    compareParams(a.params, b.params)
  );
}

/**
 * A sampler chain's centre: a variant meeting the constraint before any that does not; among
 * those that do not, the nearest to meeting it (lower delay) first, so a chain walks towards it.
 */
export function compareCentre(a: Scored, b: Scored): number {
  if (a.meets !== b.meets) return a.meets ? -1 : 1;
  if (a.meets) return compareBest(a, b);
  return (
    compareDelay(a.delay, b.delay) ||
    a.objective - b.objective ||
    a.failedEvaluations - b.failedEvaluations ||
    compareParams(a.params, b.params)
  );
}

export function bestOf<T extends Scored>(items: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const x of items) if (x.meets && (best === undefined || compareBest(x, best) < 0)) best = x;
  return best;
}

/**
 * The Pareto front of objective against delay (both lower is better; no delay ranks last): the
 * variants no other beats on one without losing on the other. Variants with the same two figures
 * are one point, represented by the first in compareBest's order, so the best variant (which is
 * on the front) is its point's representative. Sorted by objective.
 */
export function paretoFront<T extends Scored>(items: Iterable<T>): T[] {
  const sorted = [...items].sort(compareBest);
  const front: T[] = [];
  let lowest = Number.POSITIVE_INFINITY;
  for (const x of sorted) {
    const d = x.delay ?? Number.POSITIVE_INFINITY;
    // The first variant (lowest objective) is on the front whatever its delay.
    if (front.length === 0 || d < lowest) {
      front.push(x);
      lowest = d;
    }
  }
  return front;
}
