// Replays a recording file in Node: reads it (keeping only the columns the formulas need) and the
// task log, then runs run.ts's runReplay; on a machine with cores to spare, an open-loop CSV replay
// streams (streaming.ts) so that evaluation overlaps reading. With the service's own history, each formula's agreement with it is
// added (service-agreement.ts). Every problem comes back as printable lines.

import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { peekFile } from '../io/peek.ts';
import { detectFormat } from '../recording/detect.ts';
import { formatRecordingError } from '../recording/errors.ts';
import type { KeepColumn, Recording, RecordingFormat } from '../recording/model.ts';
import { readRecording } from '../recording/read.ts';
import { readTaskLog, type TaskLog } from '../sim/task-log.ts';
import type { ServiceHistory } from '../import/service-history-model.ts';
import { columnsToKeep, prepareFormula } from './formulas.ts';
import { runReplay, type ReplayOptions, type ReplayOutcome } from './run.ts';
import { compareWithServiceHistory } from './service-agreement.ts';
import type { ReplayRequest } from './settings.ts';
import { replayCsvStreaming } from './streaming.ts';
import type { FormulaSource } from './types.ts';

export interface ReplayFileRequest extends ReplayRequest {
  recordingFormat?: RecordingFormat;
  taskLog?: string;
  /** The service's own evaluations (import/read-service-history.ts): each formula's agreement with them is reported. */
  serviceHistory?: ServiceHistory;
}

export interface ReplayFileOptions extends Omit<ReplayOptions, 'taskLog'> {
  /**
   * Evaluate an open-loop CSV recording on a worker thread while this thread reads it (default:
   * streamsByDefault(path)). Off where the cores are already busy, e.g. inside replayMany's workers:
   * on a saturated machine the worker's start-up is pure overhead.
   */
  stream?: boolean;
}

/** Cores from which a replay streams by default. */
export const STREAM_MIN_CORES = 4;

/**
 * Bytes from which a recording streams by default: below, the streaming worker's start-up takes
 * longer than reading and evaluating the whole recording (a pool-week of 30-s samples is under 1 MB).
 */
export const STREAM_MIN_BYTES = 8 * 2 ** 20;

/**
 * Whether a replay of `path` streams when not told: `AUTOSCALE_REPLAY_STREAM` set to 1 or 0
 * decides, else a machine of STREAM_MIN_CORES and a file of STREAM_MIN_BYTES (or not a regular
 * file, a pipe). On two cores a pool-year replayed without streaming took 0.72-0.84 s and peaked
 * at 190-230 MB, streamed 0.86-1.17 s and 280-300 MB: reading is now as quick as evaluating, and
 * the worker (its start-up, the batches' copies, the outcome's trip back) competes with V8's own
 * compiler and collector threads for the second core.
 */
export async function streamsByDefault(path: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const forced = env.AUTOSCALE_REPLAY_STREAM;
  if (forced === '1' || forced === '0') return forced === '1';
  if (availableParallelism() < STREAM_MIN_CORES) return false;
  // A file that cannot be read streams: the streaming path words it as readRecording does.
  const found = await stat(path).catch(() => undefined);
  return found === undefined || !found.isFile() || found.size >= STREAM_MIN_BYTES;
}

/** Reads a recording (and task log) and replays it; every problem comes back as printable lines. */
export async function replayFile(
  path: string,
  sources: readonly FormulaSource[],
  request: ReplayFileRequest,
  options: ReplayFileOptions = {},
): Promise<ReplayOutcome> {
  // Evaluation hooks (functions) cannot cross to the streaming worker.
  const stream = options.stream ?? (await streamsByDefault(path));
  if (
    stream &&
    options.onEvaluation === undefined &&
    request.mode === 'open' &&
    // The comparison needs the whole recording here, after the run.
    request.serviceHistory === undefined &&
    (request.recordingFormat ?? (await sniff(path))) === 'csv'
  ) {
    return replayCsvStreaming(path, sources, request, options);
  }
  const formulas = sources.map(prepareFormula);
  const read = await readReplayInputs(path, request, columnsToKeep(formulas));
  if (!read.ok) return read;
  const { recording, taskLog } = read;
  const outcome = runReplay(recording, formulas, request, { ...options, ...(taskLog ? { taskLog } : {}) });
  if (!outcome.ok || request.serviceHistory === undefined) return outcome;
  const compared = compareWithServiceHistory(recording, formulas, outcome.replay.settings, request.serviceHistory);
  if (!compared.ok) return compared;
  outcome.replay.serviceHistory = compared.report;
  outcome.replay.formulas.forEach((f, i) => {
    f.agreement = compared.agreements[i];
  });
  return outcome;
}

/** The format the content suggests, or undefined when the file cannot be read (the reader reports it). */
async function sniff(path: string): Promise<RecordingFormat | undefined> {
  try {
    return detectFormat(path, await peekFile(path));
  } catch {
    return undefined;
  }
}

/**
 * The recording at `path` (only the columns `keep` takes, in the request's format or the one its
 * content says) and the task log the request names: what a replay, and each tune search, reads.
 */
export async function readReplayInputs(
  path: string,
  request: Pick<ReplayFileRequest, 'recordingFormat' | 'taskLog'>,
  keep: KeepColumn,
): Promise<{ ok: true; recording: Recording; taskLog: TaskLog | undefined } | { ok: false; errors: string[] }> {
  const read = await readRecording(path, {
    keep,
    ...(request.recordingFormat ? { format: request.recordingFormat } : {}),
  });
  if (!read.ok) return { ok: false, errors: read.errors.map(formatRecordingError) };
  if (request.taskLog === undefined) return { ok: true, recording: read.value, taskLog: undefined };
  const log = await readTaskLog(request.taskLog);
  if (!log.ok) return { ok: false, errors: log.errors.map(formatRecordingError) };
  return { ok: true, recording: read.value, taskLog: log.value };
}
