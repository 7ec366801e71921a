// Reads what a tune search replays against, in Node: the recording (only the columns the formula and
// the model read, as `replay` keeps) and the task log. The calling thread and each tune worker
// read it once for the whole search. Every problem comes back as printable lines.

import { formatRecordingError } from '../recording/errors.ts';
import { readRecording } from '../recording/read.ts';
import { keptColumnNames } from '../replay/formulas.ts';
import type { ReplayFileRequest } from '../replay/replay-file.ts';
import type { PreparedFormula } from '../replay/formulas.ts';
import { readTaskLog, type TaskLog } from '../sim/task-log.ts';
import type { LoadedRecording } from './replay-summaries.ts';

export type LoadOutcome = { ok: true; loaded: LoadedRecording } | { ok: false; errors: string[] };

/** The columns to keep for a formula: changing its literals never changes what it reads. */
export function keptColumns(formula: PreparedFormula): string[] {
  return keptColumnNames([formula]);
}

export async function loadRecording(
  path: string,
  request: ReplayFileRequest,
  keep: readonly string[],
): Promise<LoadOutcome> {
  const kept = new Set(keep);
  const read = await readRecording(path, {
    keep: (name) => kept.has(name),
    ...(request.recordingFormat ? { format: request.recordingFormat } : {}),
  });
  if (!read.ok) return { ok: false, errors: read.errors.map(formatRecordingError) };
  let taskLog: TaskLog | undefined;
  if (request.taskLog !== undefined) {
    const log = await readTaskLog(request.taskLog);
    if (!log.ok) return { ok: false, errors: log.errors.map(formatRecordingError) };
    taskLog = log.value;
  }
  const { recordingFormat: _format, taskLog: _log, ...replayRequest } = request;
  return { ok: true, loaded: { recording: read.value, request: replayRequest, taskLog } };
}
