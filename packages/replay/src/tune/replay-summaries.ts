// Replays formula texts against a recording already in memory and returns their summaries exactly
// as `replay --format json` prints them: the one replay (runReplay, core's one evaluator) and the
// JSON report's own code (reportJson) for the shape, so a variant's summary is the summary replay
// prints for its text. Both the calling thread and the tune's worker threads use this. Pure.

import type { Recording } from '../recording/model.ts';
import { reportJson } from '../report/json.ts';
import type { TaskLog } from '../sim/task-log.ts';
import { runReplay } from '../replay/run.ts';
import type { ReplayRequest } from '../replay/settings.ts';
import type { FormulaSource } from '../replay/types.ts';
import type { SummaryJson } from './rank.ts';

export interface LoadedRecording {
  recording: Recording;
  request: ReplayRequest;
  taskLog: TaskLog | undefined;
}

/** The replay's settings as `replay --format json` prints them (instants and durations as text). */
export type SettingsJson = Record<string, unknown>;

export type SummariesOutcome =
  | { ok: true; settings: SettingsJson; summaries: SummaryJson[] }
  | { ok: false; errors: string[] };

/**
 * Formulas replayed together share the closed loop's workload model, built once per call; a call
 * keeps every formula's timeline until it returns, so callers pass a few formulas at a time.
 */
export const REPLAY_BATCH = 8;

interface ReportShape {
  replays: Array<{ settings: SettingsJson; formulas: Array<{ summary: SummaryJson }> }>;
}

export function replaySummaries(loaded: LoadedRecording, sources: readonly FormulaSource[]): SummariesOutcome {
  const outcome = runReplay(loaded.recording, sources, loaded.request, {
    buildResults: false,
    ...(loaded.taskLog ? { taskLog: loaded.taskLog } : {}),
  });
  if (!outcome.ok) return outcome;
  // Timelines are not part of a summary: dropped before the report code copies them.
  const replay = { ...outcome.replay, formulas: outcome.replay.formulas.map((f) => ({ ...f, timeline: [] })) };
  const report = reportJson([replay], false) as ReportShape;
  const r = report.replays[0] as ReportShape['replays'][number];
  return { ok: true, settings: r.settings, summaries: r.formulas.map((f) => f.summary) };
}
