// Open loop: the formula is evaluated at every instant against the recording exactly as recorded
// (core's visibility rule applies the availability delay); the pool state it sees is the recorded
// node counts when the recording has them. The targets it sets drive a task-free NodePool, whose
// node counts give the formula's node-hours (MODEL.md, "Open loop").

import {
  makeContext,
  registry,
  type EvaluationContext,
  type EvaluationResult,
  type MetricHistory,
} from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { NodePool, nodePoolOptions } from '../sim/node-pool.ts';
import { LatestCursor } from '../sim/trajectory.ts';
import type { ContextRecorder, EvaluationContexts } from '../explain/contexts.ts';
import { EvaluationLog } from './evaluation-log.ts';
import type { PreparedFormula } from './formulas.ts';
import { evaluationCount, evaluationInstant } from './schedule.ts';
import type { ReplaySettings } from './types.ts';

export interface RunHooks {
  /** Called after each evaluation with the exact context used (e.g. to compare with `autoscale eval`). */
  onEvaluation?: (index: number, context: EvaluationContext, result: EvaluationResult) => void;
  /** Called now and then with the share of this run done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Build each evaluation's results string for the timeline (costs time; off for text and HTML). */
  buildResults: boolean;
  /** Keeps every evaluation's context, for a report that explains any of them (explain/contexts.ts). */
  contexts?: ContextRecorder;
}

export interface LoopOutput {
  log: EvaluationLog;
  pool: NodePool;
  /** Every evaluation's context, when the hooks asked for them. */
  contexts?: EvaluationContexts;
}

/** The recorded sampled metrics, as the evaluator reads them (pool columns are not metrics). */
export function recordedMetrics(columns: ReadonlyMap<string, MetricHistory>): Map<string, MetricHistory> {
  const metrics = new Map<string, MetricHistory>();
  for (const [name, h] of columns) if (registry.variable(name)?.sampled === true) metrics.set(name, h);
  return metrics;
}

/** What an open loop needs to start: the settings except the end, which a streamed recording learns last. */
export type OpenLoopSettings = Omit<ReplaySettings, 'to'>;

/**
 * An open loop that can be resumed: `advance(until)` evaluates every instant up to `until`, so a
 * replay can evaluate while the rest of the recording is still being read (the samples an
 * instant can see are all read by then). `attach` points it at the columns as they grow.
 */
export class OpenLoopRun {
  readonly log: EvaluationLog;
  readonly pool: NodePool;
  private readonly formula: PreparedFormula;
  private readonly settings: OpenLoopSettings;
  private readonly hooks: RunHooks;
  private readonly context: EvaluationContext;
  private readonly ded = new LatestCursor(undefined);
  private readonly low = new LatestCursor(undefined);
  private readonly usable = new LatestCursor(undefined);
  private next = 0;
  /** The targets last given to the pool (none yet: NaN equals nothing). */
  private appliedDedicated = Number.NaN;
  private appliedLowPriority = Number.NaN;

  constructor(formula: PreparedFormula, settings: OpenLoopSettings, hooks: RunHooks) {
    this.formula = formula;
    this.settings = settings;
    this.hooks = hooks;
    this.log = new EvaluationLog(
      settings.initialTargetDedicatedNodes,
      settings.initialTargetLowPriorityNodes,
      hooks.buildResults,
    );
    this.pool = new NodePool(nodePoolOptions(settings));
    // One context, updated in place per instant: a pool-year at 5 minutes is 105,120 evaluations.
    this.context = makeContext({
      now: settings.from,
      availabilityDelay: settings.delay,
      pool: { taskSlotsPerNode: settings.taskSlotsPerNode },
    });
  }

  /** The recording's columns as they are now (views of growing arrays while streaming). */
  attach(columns: ReadonlyMap<string, MetricHistory>): void {
    this.context.metrics = recordedMetrics(columns);
    this.ded.retarget(columns.get('$CurrentDedicatedNodes'));
    this.low.retarget(columns.get('$CurrentLowPriorityNodes'));
    this.usable.retarget(columns.get('$UsableNodeCount'));
  }

  /** Evaluates every instant up to and including `until`; `total` (when known) drives progress. */
  advance(until: number, total?: number): void {
    const { settings, context, pool, log } = this;
    const poolState = context.pool;
    const progressEvery = Math.max(1, Math.floor((total ?? 0) / 100));
    for (;;) {
      const now = evaluationInstant(settings.from, settings.interval, this.next);
      if (now > until) return;
      const i = this.next++;
      pool.advanceTo(now);
      const recordedDedicated = this.ded.at(now);
      const recordedLowPriority = this.low.at(now);
      const recordedUsable = this.usable.at(now);
      context.now = now;
      context.seed = i + 1;
      poolState.currentDedicatedNodes = recordedDedicated ?? pool.dedicated;
      poolState.currentLowPriorityNodes = recordedLowPriority ?? pool.lowPriority;
      poolState.targetDedicatedNodes = log.dedicated;
      poolState.targetLowPriorityNodes = log.lowPriority;
      // As makeContext does: usable nodes default to every current node (docs/semantics.md §4.6).
      poolState.usableNodeCount = recordedUsable ?? poolState.currentDedicatedNodes + poolState.currentLowPriorityNodes;
      const result = this.formula.compiled.evaluate(context);
      this.hooks.onEvaluation?.(i, context, result);
      this.hooks.contexts?.record(context);
      const row = log.record(now, result);
      if (result.ok) {
        // Without tasks a repeated target changes nothing, so only a new one reaches the pool.
        if (log.dedicated !== this.appliedDedicated || log.lowPriority !== this.appliedLowPriority)
          pool.resize(now, log.dedicated, log.lowPriority, log.deallocation);
        this.appliedDedicated = log.dedicated;
        this.appliedLowPriority = log.lowPriority;
      }
      row.recordedDedicated = recordedDedicated;
      row.recordedLowPriority = recordedLowPriority;
      row.simulatedDedicated = pool.dedicated;
      row.simulatedLowPriority = pool.lowPriority;
      if (this.hooks.onProgress && total !== undefined && i % progressEvery === 0) this.hooks.onProgress(i / total);
    }
  }

  /** Evaluates the rest up to `to`, lets pending allocations land, and fills in the recorded queue. */
  finish(to: number, recording: Recording, pending: MetricHistory | undefined): LoopOutput {
    this.advance(to, evaluationCount(this.settings.from, to, this.settings.interval));
    this.pool.advanceTo(to);
    const active = new LatestCursor(recording.columns.get('$ActiveTasks'));
    const pendingAt = new LatestCursor(pending);
    for (const row of this.log.rows) {
      row.recordedActive = active.at(row.time);
      row.recordedPending = pendingAt.at(row.time);
    }
    const contexts = this.hooks.contexts?.finish();
    return { log: this.log, pool: this.pool, ...(contexts ? { contexts } : {}) };
  }
}

export function runOpenLoop(
  recording: Recording,
  formula: PreparedFormula,
  settings: ReplaySettings,
  pending: MetricHistory | undefined,
  hooks: RunHooks,
): LoopOutput {
  const run = new OpenLoopRun(formula, settings, hooks);
  run.attach(recording.columns);
  return run.finish(settings.to, recording, pending);
}
