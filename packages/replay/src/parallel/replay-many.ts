// Replays several recordings (one per pool), on up to `jobs` worker threads at once; a single
// recording, or jobs = 1, runs on the calling thread. Outcomes come back in the order of the
// recordings whatever order they finish in, so output is the same for any --jobs.

import { replayFile, type ReplayFileRequest } from '../replay/replay-file.ts';
import type { ReplayOutcome } from '../replay/run.ts';
import type { FormulaSource } from '../replay/types.ts';
import { startWorker } from './start-worker.ts';

export interface WorkerJob {
  path: string;
  sources: FormulaSource[];
  request: ReplayFileRequest;
  buildResults: boolean;
  keepContexts: boolean;
}

export type WorkerMessage = { type: 'progress'; fraction: number } | { type: 'done'; outcome: ReplayOutcome };

export interface ReplayManyOptions {
  jobs: number;
  buildResults: boolean;
  /** Keep every evaluation's context (for an HTML report that explains any point). */
  keepContexts?: boolean;
  /** Overall progress 0..1 across all recordings. */
  onProgress?: (fraction: number) => void;
}

export async function replayMany(
  paths: readonly string[],
  sources: readonly FormulaSource[],
  request: ReplayFileRequest,
  options: ReplayManyOptions,
): Promise<ReplayOutcome[]> {
  const done = new Array<number>(paths.length).fill(0);
  const report = (i: number, fraction: number): void => {
    done[i] = fraction;
    options.onProgress?.(done.reduce((a, b) => a + b, 0) / paths.length);
  };
  if (paths.length === 1 || options.jobs <= 1) {
    const outcomes: ReplayOutcome[] = [];
    for (const [i, path] of paths.entries())
      outcomes.push(
        await replayFile(path, sources, request, {
          buildResults: options.buildResults,
          keepContexts: options.keepContexts ?? false,
          onProgress: (f) => report(i, f),
        }),
      );
    return outcomes;
  }
  const outcomes = new Array<ReplayOutcome | undefined>(paths.length);
  let next = 0;
  const runWorker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const job: WorkerJob = {
        path: paths[i] as string,
        sources: [...sources],
        request,
        buildResults: options.buildResults,
        keepContexts: options.keepContexts ?? false,
      };
      outcomes[i] = await inWorker(job, (f) => report(i, f));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, paths.length) }, runWorker));
  return outcomes.map((o, i) => o ?? { ok: false, errors: [`${paths[i]}: internal error: the replay did not finish`] });
}

function inWorker(job: WorkerJob, onProgress: (fraction: number) => void): Promise<ReplayOutcome> {
  return new Promise((resolve) => {
    const worker = startWorker({ autoscaleReplayWorker: 'recording', job });
    let outcome: ReplayOutcome | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.fraction);
      else outcome = m.outcome;
    });
    worker.on('error', (err) => {
      outcome ??= {
        ok: false,
        errors: [
          `${job.path}: internal error in the replay worker: ${err instanceof Error ? err.message : String(err)}`,
        ],
      };
    });
    worker.on('exit', () =>
      resolve(outcome ?? { ok: false, errors: [`${job.path}: the replay worker stopped without a result`] }),
    );
  });
}
