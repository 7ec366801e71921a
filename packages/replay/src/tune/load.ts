// Reads what a tune search replays against, in Node, as `replay` reads it (replay-file.ts's
// readReplayInputs): the recording (only the columns the formula and the model read) and the task
// log. The calling thread and each tune worker read it once for the whole search. Every problem
// comes back as printable lines.

import { keptColumnNames } from '../replay/formulas.ts';
import { readReplayInputs, type ReplayFileRequest } from '../replay/replay-file.ts';
import type { PreparedFormula } from '../replay/formulas.ts';
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
  const read = await readReplayInputs(path, request, (name) => kept.has(name));
  if (!read.ok) return read;
  const { recordingFormat: _format, taskLog: _log, ...replayRequest } = request;
  return { ok: true, loaded: { recording: read.recording, request: replayRequest, taskLog: read.taskLog } };
}
