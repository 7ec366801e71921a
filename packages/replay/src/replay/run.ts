// Runs a replay of a recording already in memory: resolve settings, build the closed loop's
// workload and CPU model, run every formula in the chosen mode, and assemble the plain-data
// RecordingReplay the reports render. Pure (no node:*): the playground's replay worker runs it
// too. replay-file.ts adds reading files in Node.

import type { EvaluationContext, EvaluationResult, MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { ContextRecorder } from '../explain/contexts.ts';
import { fitCpuModel } from '../sim/cpu-model.ts';
import { deriveWorkload } from '../sim/derive-workload.ts';
import { workloadFromTaskLog, type TaskLog } from '../sim/task-workload.ts';
import type { Workload } from '../sim/workload-model.ts';
import { runClosedLoop } from './closed-loop.ts';
import { prepareFormula, type PreparedFormula } from './formulas.ts';
import { runOpenLoop, type LoopOutput, type RunHooks } from './open-loop.ts';
import { queuedNoFreeSlotHours, recordedPending, summarizeRecorded } from './recorded.ts';
import { resolveSettings, type ReplayRequest } from './settings.ts';
import { closedLoopSummary, summarize } from './summarize.ts';
import type { FormulaReplay, FormulaSource, RecordingReplay, ReplaySettings } from './types.ts';

export interface ReplayOptions {
  buildResults?: boolean;
  taskLog?: TaskLog;
  /** Progress over the whole replay (every formula), 0..1. */
  onProgress?: (fraction: number) => void;
  onEvaluation?: (formula: number, index: number, context: EvaluationContext, result: EvaluationResult) => void;
  /** Keep every evaluation's context on each FormulaReplay (`contexts`), for an HTML report that explains any point. */
  keepContexts?: boolean;
}

export type ReplayOutcome = { ok: true; replay: RecordingReplay } | { ok: false; errors: string[] };

/** Hooks of formula `index` of `count`, from the replay-wide options. */
export function hooksFor(options: ReplayOptions, index: number, count: number, formula: PreparedFormula): RunHooks {
  return {
    buildResults: options.buildResults ?? true,
    ...(options.keepContexts
      ? { contexts: new ContextRecorder(formula.name, formula.compiled.text, formula.reads) }
      : {}),
    ...(options.onProgress ? { onProgress: (f: number) => options.onProgress?.((index + f) / count) } : {}),
    ...(options.onEvaluation
      ? {
          onEvaluation: (i: number, c: EvaluationContext, r: EvaluationResult) =>
            options.onEvaluation?.(index, i, c, r),
        }
      : {}),
  };
}

export function runReplay(
  recording: Recording,
  formulas: ReadonlyArray<FormulaSource | PreparedFormula>,
  request: ReplayRequest,
  options: ReplayOptions = {},
): ReplayOutcome {
  const resolved = resolveSettings(recording, request);
  if (!resolved.ok) return { ok: false, errors: resolved.errors.map((e) => `${recording.file}: ${e}`) };
  const settings = resolved.settings;
  const prepared = formulas.map((f) => ('compiled' in f ? f : prepareFormula(f)));
  const pending = recordedPending(recording);
  if (settings.mode === 'open') {
    const outputs = prepared.map((formula, index) =>
      runOpenLoop(recording, formula, settings, pending, hooksFor(options, index, prepared.length, formula)),
    );
    options.onProgress?.(1);
    return { ok: true, replay: openLoopReplay(recording, prepared, settings, pending, outputs) };
  }
  const w = options.taskLog
    ? workloadFromTaskLog(options.taskLog, settings.from, settings.to, settings.taskSlotsPerNode)
    : deriveWorkload(recording, settings.from, settings.to);
  if (typeof w === 'string') return { ok: false, errors: [`${recording.file}: ${w}`] };
  const workload: Workload = w;
  const cpuModel = fitCpuModel(recording, settings.taskSlotsPerNode);
  const notes: string[] = [...workload.notes];
  if (cpuModel !== undefined) {
    notes.push(
      `Closed loop: $CPUPercent is simulated as ${cpuModel.intercept.toFixed(1)} + ${cpuModel.slope.toFixed(1)} x slot utilization (least-squares fit on ${cpuModel.samples} recorded samples, R² = ${cpuModel.r2.toFixed(2)}).`,
    );
  } else if (prepared.some((f) => f.reads.includes('$CPUPercent'))) {
    notes.push(
      'Closed loop: $CPUPercent could not be fitted to the recording (it needs $CPUPercent, $RunningTasks and node counts) and passes through as recorded, unaffected by the simulated pool.',
    );
  }
  const recorded = summarizeRecorded(recording, settings, pending);
  const results: FormulaReplay[] = prepared.map((formula, index) => {
    const out = runClosedLoop(
      recording,
      formula,
      settings,
      workload,
      cpuModel,
      pending,
      hooksFor(options, index, prepared.length, formula),
    );
    const closed = closedLoopSummary(out.engine, workload, out.idleNodeHours);
    return {
      summary: summarize(formula, out, settings, recorded, out.queuedNoFreeSlotHours, closed),
      timeline: out.log.rows,
      text: formula.compiled.text,
      ...(out.contexts ? { contexts: out.contexts } : {}),
    };
  });
  options.onProgress?.(1);
  return { ok: true, replay: recordingReplay(recording, settings, recorded, results, workload.lowConfidence, notes) };
}

/** The report of finished open-loop runs (one per formula, in order). */
export function openLoopReplay(
  recording: Recording,
  prepared: readonly PreparedFormula[],
  settings: ReplaySettings,
  pending: MetricHistory | undefined,
  outputs: readonly LoopOutput[],
): RecordingReplay {
  const recorded = summarizeRecorded(recording, settings, pending);
  const results = prepared.map((formula, i) => {
    const out = outputs[i] as LoopOutput;
    const series = out.pool.trajectory.series();
    const queued = queuedNoFreeSlotHours(pending, series.dedicated, series.lowPriority, settings);
    return {
      summary: summarize(formula, out, settings, recorded, queued, null),
      timeline: out.log.rows,
      text: formula.compiled.text,
      ...(out.contexts ? { contexts: out.contexts } : {}),
    };
  });
  return recordingReplay(recording, settings, recorded, results, [], []);
}

function recordingReplay(
  recording: Recording,
  settings: ReplaySettings,
  recorded: RecordingReplay['recorded'],
  formulas: FormulaReplay[],
  lowConfidence: RecordingReplay['lowConfidence'],
  notes: string[],
): RecordingReplay {
  return {
    recording: recording.file,
    format: recording.format,
    poolId: recording.meta.poolId ?? recording.file.replace(/^.*[\\/]/, ''),
    settings,
    recorded,
    lowConfidence,
    notes: [...recording.notes, ...notes],
    formulas,
  };
}
