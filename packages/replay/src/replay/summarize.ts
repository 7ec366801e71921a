// Turns a finished run into its FormulaSummary: node-hours from the simulated pool's trajectory,
// differences and cost against the recording, evaluation failures and scale events from the log,
// and in closed loop the task figures (waits by nearest rank, idle node-hours, counts).

import { integrateHours } from '../sim/trajectory.ts';
import type { TaskEngine } from '../sim/task-engine.ts';
import type { Workload } from '../sim/workload-model.ts';
import type { PreparedFormula } from './formulas.ts';
import type { LoopOutput } from './open-loop.ts';
import { cost } from './recorded.ts';
import type { ClosedLoopSummary, FormulaSummary, RecordedSummary, ReplaySettings } from './types.ts';

export function summarize(
  formula: PreparedFormula,
  out: LoopOutput,
  settings: ReplaySettings,
  recorded: RecordedSummary,
  queued: number | null,
  closed: ClosedLoopSummary | null,
): FormulaSummary {
  const series = out.pool.trajectory.series();
  const dedicated = integrateHours(series.dedicated, settings.from, settings.to);
  const lowPriority = integrateHours(series.lowPriority, settings.from, settings.to);
  const simulatedCost = cost(dedicated, lowPriority, settings);
  return {
    formula: formula.name,
    checkErrors: formula.checkErrors,
    evaluations: out.log.rows.length,
    failedEvaluations: out.log.failed,
    failures: out.log.failureList(),
    nodeHours: { dedicated, lowPriority },
    nodeHoursDifference: {
      dedicated: recorded.nodeHours.dedicated === null ? null : dedicated - recorded.nodeHours.dedicated,
      lowPriority: recorded.nodeHours.lowPriority === null ? null : lowPriority - recorded.nodeHours.lowPriority,
    },
    cost: simulatedCost,
    costDifference: simulatedCost === null || recorded.cost === null ? null : simulatedCost - recorded.cost,
    scaleUps: out.log.scaleUps,
    scaleDowns: out.log.scaleDowns,
    queuedNoFreeSlotHours: queued,
    closedLoop: closed,
  };
}

export function closedLoopSummary(engine: TaskEngine, workload: Workload, idleNodeHours: number): ClosedLoopSummary {
  const waits: number[] = [];
  for (let id = workload.initial; id < engine.admitted; id++) {
    const start = engine.firstStart[id] as number;
    if (!Number.isNaN(start)) waits.push(start - (workload.submitted[id] as number));
  }
  waits.sort((a, b) => a - b);
  return {
    workload: workload.source,
    tasksAtStart: workload.initial,
    tasksArrived: engine.admitted - workload.initial,
    tasksCompleted: engine.succeeded + engine.failed - engine.dropped,
    tasksFailed: engine.failed - engine.dropped,
    tasksTerminated: engine.dropped,
    tasksRequeued: engine.requeued,
    tasksWaitingAtEnd: engine.queue.length,
    tasksRunningAtEnd: engine.running,
    waitP50Seconds: nearestRank(waits, 50),
    waitP95Seconds: nearestRank(waits, 95),
    waitMaxSeconds: waits.length === 0 ? null : (waits[waits.length - 1] as number) / 1000,
    idleNodeHours,
  };
}

/** Nearest-rank percentile of sorted milliseconds, in seconds. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return (sorted[rank - 1] as number) / 1000;
}
