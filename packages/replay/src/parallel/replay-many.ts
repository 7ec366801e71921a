// Replays several recordings (one per pool), `jobs` at once: the calling thread replays them one
// after another, and with jobs = N > 1, N - 1 worker threads alongside it. Outcomes come back in
// the order of the recordings whatever order they finish in, so output is the same for any --jobs.
//
// Why this shape, for a fleet of small recordings (a pool-week replays in about 20 ms):
// - a worker is started once and replays recording after recording (replay-worker.ts), since
//   starting one (about 0.1 s for the bundled command: a thread, then the bundle loaded again) costs
//   more than replaying a pool-week;
// - the calling thread replays too instead of waiting: it starts at once, while the workers start;
// - each worker has the next recording queued before it finishes the current one (AHEAD), so it
//   never waits for the calling thread, which is busy with a replay of its own between messages;
// - what the recordings share (the formulas, the settings, a service history) goes to each worker
//   once, in its workerData; then a recording is one message there and its outcome one message
//   back, its timelines packed (replay/streaming-outcome.ts); progress only when it is shown.

import { replayFile, type ReplayFileRequest } from '../replay/replay-file.ts';
import type { ReplayOutcome } from '../replay/run.ts';
import { type PackedOutcome, unpackOutcome } from '../replay/streaming-outcome.ts';
import type { FormulaSource } from '../replay/types.ts';
import { startWorker } from './start-worker.ts';

/** A recordings worker's workerData: what every recording it replays shares. */
export interface WorkerJob {
  sources: FormulaSource[];
  request: ReplayFileRequest;
  buildResults: boolean;
  keepContexts: boolean;
  /** Whether to post progress while replaying (only when someone shows it). */
  progress: boolean;
}

/** To a recordings worker: replay one recording (they are replayed in the order sent); or exit once done. */
export type WorkerTask = { type: 'replay'; index: number; path: string } | { type: 'close' };

/** From a recordings worker: it has started; or about the recording `index` it was given. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; index: number; fraction: number }
  | { type: 'done'; index: number; outcome: ReplayOutcome | PackedOutcome };

export interface ReplayManyOptions {
  jobs: number;
  buildResults: boolean;
  /** Keep every evaluation's context (for an HTML report that explains any point). */
  keepContexts?: boolean;
  /** Overall progress 0..1 across all recordings. */
  onProgress?: (fraction: number) => void;
}

/**
 * Recordings a started worker holds: the one it replays and the next, queued. A worker still
 * starting holds one, so that the calling thread, which starts at once, takes its share.
 */
const AHEAD = 2;

export async function replayMany(
  paths: readonly string[],
  sources: readonly FormulaSource[],
  request: ReplayFileRequest,
  options: ReplayManyOptions,
): Promise<ReplayOutcome[]> {
  const done = new Array<number>(paths.length).fill(0);
  let total = 0;
  const report = (i: number, fraction: number): void => {
    total += fraction - (done[i] as number);
    done[i] = fraction;
    options.onProgress?.(total / paths.length);
  };
  /** Replays recording i on this thread; alone (`alone`), it may stream, as replayFile decides. */
  const here = async (i: number, alone: boolean): Promise<ReplayOutcome> => {
    const outcome = await replayFile(paths[i] as string, sources, request, {
      buildResults: options.buildResults,
      keepContexts: options.keepContexts ?? false,
      ...(alone ? {} : { stream: false }),
      onProgress: (f) => report(i, f),
    });
    // Done, even when it failed before reporting any progress.
    report(i, 1);
    return outcome;
  };
  const workers = Math.min(options.jobs, paths.length) - 1;
  if (workers < 1) {
    // One at a time on this thread; replayFile decides whether a big one streams, on a second thread.
    const outcomes: ReplayOutcome[] = [];
    for (let i = 0; i < paths.length; i++) outcomes.push(await here(i, true));
    return outcomes;
  }
  const job: WorkerJob = {
    sources: [...sources],
    request,
    buildResults: options.buildResults,
    keepContexts: options.keepContexts ?? false,
    progress: options.onProgress !== undefined,
  };
  const outcomes = new Array<ReplayOutcome | undefined>(paths.length);
  /** Recordings not yet handed out, in order. */
  const waiting = paths.map((_, i) => i);
  const pool = new WorkerPool(job, paths, waiting, outcomes, report);
  for (let w = 0; w < workers; w++) pool.add();
  // This thread takes the next recording whenever it is free; the workers, theirs as they finish.
  for (let i = waiting.shift(); i !== undefined; i = waiting.shift()) outcomes[i] = await here(i, false);
  await pool.finished();
  return outcomes.map((o, i) => o ?? { ok: false, errors: [`${paths[i]}: internal error: the replay did not finish`] });
}

/** Worker threads taking recordings from `waiting`, each keeping AHEAD of them, until none is left. */
class WorkerPool {
  private readonly job: WorkerJob;
  private readonly paths: readonly string[];
  private readonly waiting: number[];
  private readonly outcomes: Array<ReplayOutcome | undefined>;
  private readonly report: (i: number, fraction: number) => void;
  private running = 0;
  private onIdle: (() => void) | undefined;

  constructor(
    job: WorkerJob,
    paths: readonly string[],
    waiting: number[],
    outcomes: Array<ReplayOutcome | undefined>,
    report: (i: number, fraction: number) => void,
  ) {
    this.job = job;
    this.paths = paths;
    this.waiting = waiting;
    this.outcomes = outcomes;
    this.report = report;
  }

  /** Starts a worker, which takes recordings until none is left, then exits. */
  add(): void {
    if (this.waiting.length === 0) return;
    this.running++;
    const worker = startWorker({ autoscaleReplayWorker: 'recording', job: this.job });
    /** Recordings sent to this worker and not yet back, in the order sent (the order it replays them). */
    const held: number[] = [];
    let failure: string | undefined;
    let ready = false;
    let closed = false;
    const feed = (): void => {
      while (held.length < (ready ? AHEAD : 1) && this.waiting.length > 0) {
        const index = this.waiting.shift() as number;
        held.push(index);
        const task: WorkerTask = { type: 'replay', index, path: this.paths[index] as string };
        worker.postMessage(task);
      }
      if (held.length === 0 && !closed) {
        closed = true;
        const task: WorkerTask = { type: 'close' };
        worker.postMessage(task);
      }
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        ready = true;
        feed();
        return;
      }
      if (!held.includes(m.index)) return;
      if (m.type === 'progress') {
        this.report(m.index, m.fraction);
        return;
      }
      held.splice(held.indexOf(m.index), 1);
      this.outcomes[m.index] = unpackOutcome(m.outcome);
      this.report(m.index, 1);
      feed();
    });
    worker.on('error', (err: unknown) => {
      failure ??= err instanceof Error ? err.message : String(err);
    });
    worker.on('exit', () => {
      // The recording it was replaying failed with it; those it held besides go back to the others.
      const [lost, ...queued] = held;
      if (lost !== undefined) {
        const path = this.paths[lost] as string;
        this.outcomes[lost] = {
          ok: false,
          errors: [
            failure === undefined
              ? `${path}: the replay worker stopped without a result`
              : `${path}: internal error in the replay worker: ${failure}`,
          ],
        };
        this.report(lost, 1);
        this.waiting.unshift(...queued);
        // In its place, a new worker for what is left (the calling thread may have taken it all by then).
        this.add();
      }
      this.running--;
      if (this.running === 0) this.onIdle?.();
    });
    feed();
  }

  /** Resolves once every worker has exited, and with it every recording handed out is back. */
  finished(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onIdle = resolve;
    });
  }
}
