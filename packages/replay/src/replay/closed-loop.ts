// Closed loop: the pool is simulated at 30-s steps (NodePool + TaskEngine) and the formula sees
// the simulation's own task and node metrics, sampled every step, so its decisions feed back into
// what it later reads. Recorded samples before the start seed those histories; $CPUPercent follows
// simulated slot utilization through a line fitted on the recording (sim/cpu-model.ts); metrics
// the model does not simulate pass through as recorded (MODEL.md, "Closed loop").

import { makeContext, type MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { GrowableFloat64 } from '../recording/model.ts';
import { cpuFromUtilization, type CpuModel } from '../sim/cpu-model.ts';
import { NodePool, nodePoolOptions } from '../sim/node-pool.ts';
import { TaskEngine } from '../sim/task-engine.ts';
import type { Workload } from '../sim/workload-model.ts';
import { LatestCursor, MS_PER_HOUR } from '../sim/trajectory.ts';
import { EvaluationLog } from './evaluation-log.ts';
import type { PreparedFormula } from './formulas.ts';
import { recordedMetrics, type LoopOutput, type RunHooks } from './open-loop.ts';
import { evaluationCount, evaluationInstant, SIMULATION_STEP_MS } from './schedule.ts';
import type { ReplaySettings } from './types.ts';

/** The metrics the closed loop simulates and feeds back; the others pass through as recorded. */
export const SIMULATED_METRICS = [
  '$ActiveTasks',
  '$RunningTasks',
  '$PendingTasks',
  '$SucceededTasks',
  '$FailedTasks',
  '$PreemptedNodeCount',
] as const;
type SimulatedMetric = (typeof SIMULATED_METRICS)[number];

/** A history that grows as the simulation samples; starts with the recorded samples before `from`. */
class SimHistory {
  readonly times: GrowableFloat64;
  readonly values: GrowableFloat64;

  constructor(recorded: MetricHistory | undefined, from: number, steps: number) {
    let n = 0;
    if (recorded !== undefined) while (n < recorded.times.length && (recorded.times[n] as number) < from) n++;
    this.times = new GrowableFloat64(Math.max(16, n + steps));
    this.values = new GrowableFloat64(Math.max(16, n + steps));
    for (let i = 0; i < n; i++)
      this.push((recorded as MetricHistory).times[i] as number, (recorded as MetricHistory).values[i] as number);
  }

  push(t: number, v: number): void {
    this.times.push(t);
    this.values.push(v);
  }

  view(): MetricHistory {
    return { times: this.times.view(), values: this.values.view() };
  }
}

export interface ClosedLoopOutput extends LoopOutput {
  engine: TaskEngine;
  idleNodeHours: number;
  queuedNoFreeSlotHours: number;
}

export function runClosedLoop(
  recording: Recording,
  formula: PreparedFormula,
  settings: ReplaySettings,
  workload: Workload,
  cpuModel: CpuModel | undefined,
  pending: MetricHistory | undefined,
  hooks: RunHooks,
): ClosedLoopOutput {
  const log = new EvaluationLog(
    settings.initialTargetDedicatedNodes,
    settings.initialTargetLowPriorityNodes,
    hooks.buildResults,
  );
  let engine: TaskEngine | undefined;
  const pool = new NodePool(nodePoolOptions(settings, (tasks, how) => engine?.evict(tasks, how)));
  engine = new TaskEngine(workload, pool);
  const steps = Math.floor((settings.to - settings.from) / SIMULATION_STEP_MS) + 1;
  const sim = new Map<SimulatedMetric, SimHistory>(
    SIMULATED_METRICS.map((name) => [name, new SimHistory(recording.columns.get(name), settings.from, steps)]),
  );
  const passthrough = recordedMetrics(recording.columns);
  for (const name of SIMULATED_METRICS) passthrough.delete(name);
  // With a CPU model the formula sees simulated CPU; a node-less pool has no CPU sample.
  const cpu =
    cpuModel === undefined ? undefined : new SimHistory(recording.columns.get('$CPUPercent'), settings.from, steps);
  if (cpu !== undefined) passthrough.delete('$CPUPercent');
  const recordedPreempted = recording.columns.get('$PreemptedNodeCount');
  const ded = new LatestCursor(recording.columns.get('$CurrentDedicatedNodes'));
  const low = new LatestCursor(recording.columns.get('$CurrentLowPriorityNodes'));
  const active = new LatestCursor(recording.columns.get('$ActiveTasks'));
  const pendingAt = new LatestCursor(pending);
  const preemptedAt = new LatestCursor(recordedPreempted);

  const evaluations = evaluationCount(settings.from, settings.to, settings.interval);
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let nextEvaluation = 0;
  let idleMs = 0;
  let blockedMs = 0;
  for (let k = 0; k < steps; k++) {
    const t = settings.from + k * SIMULATION_STEP_MS;
    pool.advanceTo(t);
    if (recordedPreempted !== undefined) pool.setPreempted(t, Math.round(preemptedAt.at(t) ?? 0));
    engine.completeUpTo(t);
    engine.admitUpTo(t);
    engine.schedule(t);
    const sample: Record<SimulatedMetric, number> = {
      $ActiveTasks: engine.queue.length,
      $RunningTasks: engine.running,
      $PendingTasks: engine.pending,
      $SucceededTasks: engine.stepSucceeded,
      $FailedTasks: engine.stepFailed,
      $PreemptedNodeCount: pool.preempted,
    };
    engine.stepSucceeded = 0;
    engine.stepFailed = 0;
    for (const name of SIMULATED_METRICS) sim.get(name)?.push(t, sample[name]);
    const usableSlots = pool.usable * settings.taskSlotsPerNode;
    if (cpu !== undefined && cpuModel !== undefined && usableSlots > 0)
      cpu.push(t, cpuFromUtilization(cpuModel, pool.busySlots / usableSlots));

    const stepEnd = Math.min(t + SIMULATION_STEP_MS, settings.to);
    while (
      nextEvaluation < evaluations &&
      evaluationInstant(settings.from, settings.interval, nextEvaluation) < t + SIMULATION_STEP_MS
    ) {
      const now = evaluationInstant(settings.from, settings.interval, nextEvaluation);
      pool.advanceTo(now);
      const metrics = new Map(passthrough);
      for (const [name, h] of sim) metrics.set(name, h.view());
      if (cpu !== undefined) metrics.set('$CPUPercent', cpu.view());
      const context = makeContext({
        now,
        availabilityDelay: settings.delay,
        seed: nextEvaluation + 1,
        metrics,
        pool: {
          currentDedicatedNodes: pool.dedicated,
          currentLowPriorityNodes: pool.lowPriority,
          targetDedicatedNodes: log.dedicated,
          targetLowPriorityNodes: log.lowPriority,
          taskSlotsPerNode: settings.taskSlotsPerNode,
          usableNodeCount: pool.usable,
        },
      });
      const result = formula.compiled.evaluate(context);
      hooks.onEvaluation?.(nextEvaluation, context, result);
      hooks.contexts?.record(context);
      const row = log.record(now, result);
      if (result.ok) pool.resize(now, log.dedicated, log.lowPriority, log.deallocation);
      row.recordedDedicated = ded.at(now);
      row.recordedLowPriority = low.at(now);
      row.simulatedDedicated = pool.dedicated;
      row.simulatedLowPriority = pool.lowPriority;
      row.recordedActive = active.at(now);
      row.recordedPending = pendingAt.at(now);
      row.simulatedActive = engine.queue.length;
      row.simulatedPending = engine.pending;
      nextEvaluation++;
    }
    const dt = stepEnd - t;
    idleMs += pool.idle * dt;
    if (engine.blocked()) blockedMs += dt;
    if (hooks.onProgress && k % progressEvery === 0) hooks.onProgress(k / steps);
  }
  pool.advanceTo(settings.to);
  const contexts = hooks.contexts?.finish();
  return {
    log,
    pool,
    engine,
    idleNodeHours: idleMs / MS_PER_HOUR,
    queuedNoFreeSlotHours: blockedMs / MS_PER_HOUR,
    ...(contexts ? { contexts } : {}),
  };
}
