// Open loop: the formula is evaluated at every instant against the recording exactly as recorded
// (core's visibility rule applies the availability delay); the pool state it sees is the recorded
// node counts when the recording has them. The targets it sets drive a task-free NodePool, whose
// node counts give the formula's node-hours (MODEL.md, "Open loop").

import { makeContext, registry, type EvaluationContext, type EvaluationResult, type MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { NodePool } from '../sim/node-pool.ts';
import { LatestCursor } from '../sim/trajectory.ts';
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
}

export interface LoopOutput {
  log: EvaluationLog;
  pool: NodePool;
}

/** The recorded sampled metrics, as the evaluator reads them (pool columns are not metrics). */
export function recordedMetrics(recording: Recording): Map<string, MetricHistory> {
  const metrics = new Map<string, MetricHistory>();
  for (const [name, h] of recording.columns) if (registry.variable(name)?.sampled === true) metrics.set(name, h);
  return metrics;
}

export function runOpenLoop(recording: Recording, formula: PreparedFormula, settings: ReplaySettings, pending: MetricHistory | undefined, hooks: RunHooks): LoopOutput {
  const log = new EvaluationLog(settings.initialTargetDedicatedNodes, settings.initialTargetLowPriorityNodes, hooks.buildResults);
  const pool = new NodePool({
    start: settings.from,
    slotsPerNode: settings.taskSlotsPerNode,
    allocationLatency: settings.allocationLatency,
    maxDedicated: settings.maxDedicatedNodes ?? Number.POSITIVE_INFINITY,
    maxLowPriority: settings.maxLowPriorityNodes ?? Number.POSITIVE_INFINITY,
    initialDedicated: settings.initialTargetDedicatedNodes,
    initialLowPriority: settings.initialTargetLowPriorityNodes,
  });
  const metrics = recordedMetrics(recording);
  const ded = new LatestCursor(recording.columns.get('$CurrentDedicatedNodes'));
  const low = new LatestCursor(recording.columns.get('$CurrentLowPriorityNodes'));
  const usable = new LatestCursor(recording.columns.get('$UsableNodeCount'));
  const active = new LatestCursor(recording.columns.get('$ActiveTasks'));
  const pendingAt = new LatestCursor(pending);
  const total = evaluationCount(settings.from, settings.to, settings.interval);
  const progressEvery = Math.max(1, Math.floor(total / 100));
  for (let i = 0; i < total; i++) {
    const now = evaluationInstant(settings.from, settings.interval, i);
    pool.advanceTo(now);
    const recordedDedicated = ded.at(now);
    const recordedLowPriority = low.at(now);
    const recordedUsable = usable.at(now);
    const context = makeContext({
      now,
      availabilityDelay: settings.delay,
      seed: i + 1,
      metrics,
      pool: {
        currentDedicatedNodes: recordedDedicated ?? pool.dedicated,
        currentLowPriorityNodes: recordedLowPriority ?? pool.lowPriority,
        targetDedicatedNodes: log.dedicated,
        targetLowPriorityNodes: log.lowPriority,
        taskSlotsPerNode: settings.taskSlotsPerNode,
        ...(recordedUsable !== null ? { usableNodeCount: recordedUsable } : {}),
      },
    });
    const result = formula.compiled.evaluate(context);
    hooks.onEvaluation?.(i, context, result);
    const row = log.record(now, result);
    if (result.ok) pool.resize(now, log.dedicated, log.lowPriority, log.deallocation);
    row.recordedDedicated = recordedDedicated;
    row.recordedLowPriority = recordedLowPriority;
    row.simulatedDedicated = pool.dedicated;
    row.simulatedLowPriority = pool.lowPriority;
    row.recordedActive = active.at(now);
    row.recordedPending = pendingAt.at(now);
    if (hooks.onProgress && i % progressEvery === 0) hooks.onProgress(i / total);
  }
  pool.advanceTo(settings.to);
  return { log, pool };
}
