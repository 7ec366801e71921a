// Runs a replay end to end: resolve settings, build the closed loop's workload, run every formula
// in the chosen mode, and assemble the plain-data RecordingReplay the reports render.
// replayFile adds reading the recording (keeping only needed columns) and the task log.

import type { EvaluationContext, EvaluationResult } from '@autoscale/core';
import { formatRecordingError } from '../recording/errors.ts';
import type { Recording, RecordingFormat } from '../recording/model.ts';
import { readRecording } from '../recording/read.ts';
import { fitCpuModel } from '../sim/cpu-model.ts';
import { deriveWorkload } from '../sim/derive-workload.ts';
import { readTaskLog, workloadFromTaskLog, type TaskLog } from '../sim/task-log.ts';
import { integrateHours } from '../sim/trajectory.ts';
import type { Workload } from '../sim/workload-model.ts';
import { runClosedLoop } from './closed-loop.ts';
import { columnsToKeep, prepareFormula, type PreparedFormula } from './formulas.ts';
import { runOpenLoop, type LoopOutput } from './open-loop.ts';
import { cost, queuedNoFreeSlotHours, recordedPending, summarizeRecorded } from './recorded.ts';
import { resolveSettings, type ReplayRequest } from './settings.ts';
import type { ClosedLoopSummary, FormulaReplay, FormulaSource, FormulaSummary, RecordedSummary, RecordingReplay, ReplaySettings } from './types.ts';

export interface ReplayOptions {
  buildResults?: boolean;
  taskLog?: TaskLog;
  /** Progress over the whole replay (every formula), 0..1. */
  onProgress?: (fraction: number) => void;
  onEvaluation?: (formula: number, index: number, context: EvaluationContext, result: EvaluationResult) => void;
}

export type ReplayOutcome = { ok: true; replay: RecordingReplay } | { ok: false; errors: string[] };

export function runReplay(recording: Recording, formulas: ReadonlyArray<FormulaSource | PreparedFormula>, request: ReplayRequest, options: ReplayOptions = {}): ReplayOutcome {
  const resolved = resolveSettings(recording, request);
  if (!resolved.ok) return { ok: false, errors: resolved.errors.map((e) => `${recording.file}: ${e}`) };
  const settings = resolved.settings;
  const prepared = formulas.map((f) => ('compiled' in f ? f : prepareFormula(f)));
  let workload: Workload | undefined;
  if (settings.mode === 'closed') {
    const w = options.taskLog ? workloadFromTaskLog(options.taskLog, settings.from, settings.to, settings.taskSlotsPerNode) : deriveWorkload(recording, settings.from, settings.to);
    if (typeof w === 'string') return { ok: false, errors: [`${recording.file}: ${w}`] };
    workload = w;
  }
  const cpuModel = settings.mode === 'closed' ? fitCpuModel(recording, settings.taskSlotsPerNode) : undefined;
  const modelNotes: string[] = [];
  if (cpuModel !== undefined) {
    modelNotes.push(`Closed loop: $CPUPercent is simulated as ${cpuModel.intercept.toFixed(1)} + ${cpuModel.slope.toFixed(1)} x slot utilization (least-squares fit on ${cpuModel.samples} recorded samples, R² = ${cpuModel.r2.toFixed(2)}).`);
  } else if (settings.mode === 'closed' && prepared.some((f) => f.reads.includes('$CPUPercent'))) {
    modelNotes.push('Closed loop: $CPUPercent could not be fitted to the recording (it needs $CPUPercent, $RunningTasks and node counts) and passes through as recorded, unaffected by the simulated pool.');
  }
  const pending = recordedPending(recording);
  const recorded = summarizeRecorded(recording, settings, pending);
  const results: FormulaReplay[] = prepared.map((formula, index) => {
    const hooks = {
      buildResults: options.buildResults ?? true,
      ...(options.onProgress ? { onProgress: (f: number) => options.onProgress?.((index + f) / prepared.length) } : {}),
      ...(options.onEvaluation ? { onEvaluation: (i: number, c: EvaluationContext, r: EvaluationResult) => options.onEvaluation?.(index, i, c, r) } : {}),
    };
    if (workload === undefined) {
      const out = runOpenLoop(recording, formula, settings, pending, hooks);
      const series = out.pool.trajectory.series();
      const queued = queuedNoFreeSlotHours(pending, series.dedicated, series.lowPriority, settings);
      return { summary: summarize(formula, out, settings, recorded, queued, null), timeline: out.log.rows };
    }
    const out = runClosedLoop(recording, formula, settings, workload, cpuModel, pending, hooks);
    const e = out.engine;
    const waits: number[] = [];
    for (let id = workload.initial; id < e.admitted; id++) {
      const start = e.firstStart[id] as number;
      if (!Number.isNaN(start)) waits.push(start - (workload.submitted[id] as number));
    }
    waits.sort((a, b) => a - b);
    const closed: ClosedLoopSummary = {
      workload: workload.source,
      tasksArrived: e.admitted - workload.initial,
      tasksCompleted: e.succeeded + e.failed - e.dropped,
      tasksFailed: e.failed - e.dropped,
      tasksTerminated: e.dropped,
      tasksRequeued: e.requeued,
      tasksWaitingAtEnd: e.queue.length,
      tasksRunningAtEnd: e.running,
      waitP50Seconds: nearestRank(waits, 50),
      waitP95Seconds: nearestRank(waits, 95),
      waitMaxSeconds: waits.length === 0 ? null : (waits[waits.length - 1] as number) / 1000,
      idleNodeHours: out.idleNodeHours,
    };
    return { summary: summarize(formula, out, settings, recorded, out.queuedNoFreeSlotHours, closed), timeline: out.log.rows };
  });
  options.onProgress?.(1);
  return {
    ok: true,
    replay: {
      recording: recording.file,
      format: recording.format,
      poolId: recording.meta.poolId ?? recording.file.replace(/^.*[\\/]/, ''),
      settings,
      recorded,
      lowConfidence: workload?.lowConfidence ?? [],
      notes: [...recording.notes, ...(workload?.notes ?? []), ...modelNotes],
      formulas: results,
    },
  };
}

/** Nearest-rank percentile of sorted milliseconds, in seconds. */
function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return (sorted[rank - 1] as number) / 1000;
}

function summarize(formula: PreparedFormula, out: LoopOutput, settings: ReplaySettings, recorded: RecordedSummary, queued: number | null, closed: ClosedLoopSummary | null): FormulaSummary {
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

export interface ReplayFileRequest extends ReplayRequest {
  recordingFormat?: RecordingFormat;
  taskLog?: string;
}

/** Reads a recording (and task log) and replays it; every problem comes back as printable lines. */
export async function replayFile(path: string, sources: readonly FormulaSource[], request: ReplayFileRequest, options: Omit<ReplayOptions, 'taskLog'> = {}): Promise<ReplayOutcome> {
  const formulas = sources.map(prepareFormula);
  const read = await readRecording(path, { keep: columnsToKeep(formulas), ...(request.recordingFormat ? { format: request.recordingFormat } : {}) });
  if (!read.ok) return { ok: false, errors: read.errors.map(formatRecordingError) };
  let taskLog: TaskLog | undefined;
  if (request.taskLog !== undefined) {
    const log = await readTaskLog(request.taskLog);
    if (!log.ok) return { ok: false, errors: log.errors.map(formatRecordingError) };
    taskLog = log.value;
  }
  return runReplay(read.value, formulas, request, { ...options, ...(taskLog ? { taskLog } : {}) });
}
