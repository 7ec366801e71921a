// Mutable state of one evaluation: user variable slots, the three service outputs (with the
// alias rule), the runtime services built-ins use, and the optional trace being recorded.

import type { EvaluationContext } from '../runtime/context.ts';
import { EMPTY_HISTORY } from '../runtime/context.ts';
import { DEFAULT_DEALLOCATION_OPTION } from '../builtins/registry.ts';
import type { Runtime } from '../builtins/support.ts';
import { createRandom } from './rng.ts';
import { MetricRef, type Value } from '../runtime/values.ts';
import type { StatementTrace, Trace } from './trace.ts';

/**
 * One target variable and its legacy alias. When both are assigned, the full name wins
 * (docs/semantics.md §4.2); reading either sees its own latest assignment, else the other's,
 * else the pool's current target.
 */
export class TargetSlot {
  full = 0;
  alias = 0;
  fullAssigned = false;
  aliasAssigned = false;
  /** Offset of the winning assignment's target, for a NaN/infinity error. */
  fullAt = -1;
  aliasAt = -1;
  initial: number;

  constructor(initial: number) {
    this.initial = initial;
  }

  /** As new, for another evaluation (a compiled formula reuses its frame). */
  reset(initial: number): void {
    this.full = 0;
    this.alias = 0;
    this.fullAssigned = false;
    this.aliasAssigned = false;
    this.fullAt = -1;
    this.aliasAt = -1;
    this.initial = initial;
  }

  read(viaAlias: boolean): number {
    if (viaAlias) return this.aliasAssigned ? this.alias : this.fullAssigned ? this.full : this.initial;
    return this.fullAssigned ? this.full : this.aliasAssigned ? this.alias : this.initial;
  }

  write(value: number, viaAlias: boolean, at: number): void {
    if (viaAlias) {
      this.alias = value;
      this.aliasAssigned = true;
      this.aliasAt = at;
    } else {
      this.full = value;
      this.fullAssigned = true;
      this.fullAt = at;
    }
  }

  get final(): number {
    return this.read(false);
  }

  get finalAt(): number {
    return this.fullAssigned ? this.fullAt : this.aliasAssigned ? this.aliasAt : -1;
  }
}

class EvaluationRuntime implements Runtime {
  now: number;
  availabilityDelay: number;
  private seed: number;
  private rng: (() => number) | undefined;

  constructor(ctx: EvaluationContext) {
    this.now = ctx.now;
    this.availabilityDelay = ctx.availabilityDelay;
    this.seed = ctx.seed;
  }

  reset(ctx: EvaluationContext): void {
    this.now = ctx.now;
    this.availabilityDelay = ctx.availabilityDelay;
    this.seed = ctx.seed;
    this.rng = undefined;
  }

  random(): number {
    this.rng ??= createRandom(this.seed);
    return this.rng();
  }
}

export class Frame {
  ctx: EvaluationContext;
  readonly rt: EvaluationRuntime;
  readonly vars: Array<Value | undefined>;
  readonly dedicated: TargetSlot;
  readonly lowPriority: TargetSlot;
  deallocation: string = DEFAULT_DEALLOCATION_OPTION;
  /**
   * Metric values by the compiler's metric index, kept across evaluations while a metric's history
   * stays the same object (a replay's does); `metricSeen` says which were looked up in this one.
   */
  private readonly metricRefs: Array<MetricRef | undefined> = [];
  private readonly metricSeen: number[] = [];
  private evaluation = 0;
  trace: Trace | undefined;
  current: StatementTrace | undefined;

  constructor(ctx: EvaluationContext, slotCount: number, trace: boolean) {
    this.ctx = ctx;
    this.rt = new EvaluationRuntime(ctx);
    this.vars = new Array<Value | undefined>(slotCount);
    this.dedicated = new TargetSlot(ctx.pool.targetDedicatedNodes);
    this.lowPriority = new TargetSlot(ctx.pool.targetLowPriorityNodes);
    this.trace = trace ? { statements: [] } : undefined;
  }

  /** As a new frame for `ctx`: a compiled formula evaluates many contexts with one frame. */
  reset(ctx: EvaluationContext, trace: boolean): void {
    this.ctx = ctx;
    this.rt.reset(ctx);
    // A loop, not fill(): the builtin's call costs more than a formula's few slots.
    for (let i = 0; i < this.vars.length; i++) this.vars[i] = undefined;
    this.dedicated.reset(ctx.pool.targetDedicatedNodes);
    this.lowPriority.reset(ctx.pool.targetLowPriorityNodes);
    this.deallocation = DEFAULT_DEALLOCATION_OPTION;
    this.trace = trace ? { statements: [] } : undefined;
    this.current = undefined;
    this.evaluation++;
  }

  /** The metric `name` (the compiler's metric `index`) as a value: its context's history, looked up once per evaluation. */
  metric(index: number, name: string): MetricRef {
    const kept = this.metricRefs[index];
    if (kept !== undefined && this.metricSeen[index] === this.evaluation) return kept;
    return this.lookUpMetric(index, name, kept);
  }

  /** The metric's first look-up in this evaluation (apart, so that metric() stays small enough to inline). */
  private lookUpMetric(index: number, name: string, kept: MetricRef | undefined): MetricRef {
    const history = this.ctx.metrics.get(name) ?? EMPTY_HISTORY;
    const ref = kept !== undefined && kept.history === history ? kept : new MetricRef(name, history);
    this.metricRefs[index] = ref;
    this.metricSeen[index] = this.evaluation;
    return ref;
  }
}
