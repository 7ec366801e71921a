// What a report keeps so that any evaluation of a replay can be explained afterwards, in a page or
// in the playground, by evaluating again with a trace: per formula its text and, per evaluation,
// the exact context the replay gave the evaluator (instant, seed, pool state), plus the sampled
// metrics the formula reads as they stood at the last evaluation (samples are only ever appended,
// and an instant sees only the samples at or before it, so one history serves every instant).
// Plain data (typed arrays): it crosses worker threads. Pure (no node:*).

import type { EvaluationContext, MetricHistory, PoolState } from '@autoscale/core';

/** The pool-state fields of a context, in the order the columns are kept. */
export const POOL_FIELDS = [
  'currentDedicatedNodes',
  'currentLowPriorityNodes',
  'targetDedicatedNodes',
  'targetLowPriorityNodes',
  'taskSlotsPerNode',
  'usableNodeCount',
] as const satisfies ReadonlyArray<keyof PoolState>;

export type PoolField = (typeof POOL_FIELDS)[number];

export interface NamedHistory extends MetricHistory {
  name: string;
}

export interface EvaluationContexts {
  /** The formula's name in the report. */
  name: string;
  /** The formula's text as evaluated (a host file's formula after extraction). */
  text: string;
  availabilityDelay: number;
  /** Per evaluation, in order. */
  now: Float64Array;
  seed: Float64Array;
  pool: Record<PoolField, Float64Array>;
  /** The sampled metrics the formula reads, up to the last evaluation. */
  metrics: NamedHistory[];
}

/** A growable column of numbers (a pool-year at 5 minutes is 105,120 evaluations). */
class Column {
  private data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Records each evaluation's context as a run goes; `finish` gives the EvaluationContexts. */
export class ContextRecorder {
  private readonly name: string;
  private readonly text: string;
  private readonly reads: readonly string[];
  private readonly now = new Column();
  private readonly seed = new Column();
  private readonly pool = POOL_FIELDS.map(() => new Column());
  private delay = 0;
  private lastMetrics: ReadonlyMap<string, MetricHistory> = new Map();

  /** `reads`: the sampled metrics the formula reads (the only ones worth keeping). */
  constructor(name: string, text: string, reads: readonly string[]) {
    this.name = name;
    this.text = text;
    this.reads = reads;
  }

  record(context: EvaluationContext): void {
    this.now.push(context.now);
    this.seed.push(context.seed);
    POOL_FIELDS.forEach((field, i) => {
      this.pool[i]?.push(context.pool[field]);
    });
    this.delay = context.availabilityDelay;
    this.lastMetrics = context.metrics;
  }

  finish(): EvaluationContexts {
    const now = this.now.done();
    const last = now.length > 0 ? (now[now.length - 1] as number) : Number.NEGATIVE_INFINITY;
    const metrics: NamedHistory[] = [];
    for (const name of this.reads) {
      const h = this.lastMetrics.get(name);
      if (h === undefined) continue;
      // Samples after the last instant are never seen; copies, because a history may be a view of
      // a larger, growing buffer.
      let end = h.times.length;
      while (end > 0 && (h.times[end - 1] as number) > last) end--;
      metrics.push({ name, times: h.times.slice(0, end), values: h.values.slice(0, end) });
    }
    const pool = Object.fromEntries(POOL_FIELDS.map((f, i) => [f, this.pool[i]?.done()])) as Record<
      PoolField,
      Float64Array
    >;
    return {
      name: this.name,
      text: this.text,
      availabilityDelay: this.delay,
      now,
      seed: this.seed.done(),
      pool,
      metrics,
    };
  }
}
