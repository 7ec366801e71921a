// Where the replay's worker threads start, and what a worker does once started. Both kinds of
// job (one whole recording for replayMany; batches streamed by replay/streaming.ts) go through
// one entry module: `worker.ts` beside this file (worker.js once compiled). A bundle that inlines
// this package, such as the one-file `autoscale` CLI, has no such file: it makes its own file the
// entry with `useWorkerEntry(itself)` and calls `runWorkerIfStarted()` first thing, which runs the
// job and returns true when the bundle was started as one of these workers.
// Loading this file costs nothing: node:worker_threads (a few milliseconds) is loaded only to
// start or to be a worker, and the jobs' modules only inside a worker.

import type { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerMessage } from './replay-many.ts';
import type { StreamJob, StreamMessage } from './stream-worker.ts';

/** workerData of every worker this package starts: the job, tagged with its kind. */
export type TaggedJob =
  | { autoscaleReplayWorker: 'recording'; job: WorkerJob }
  | { autoscaleReplayWorker: 'stream'; job: StreamJob };

// The sources run as .ts (Node strips the types) and the published package as .js: the entry
// module has the same extension as this one.
const OWN_EXTENSION = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
let entry: URL = new URL(`./worker${OWN_EXTENSION}`, import.meta.url);
/** Appended to a worker's process.argv, so that a worker is recognised without node:worker_threads. */
const WORKER_ARGUMENT = '--autoscale-replay-worker';

/** Makes `file` the module every replay worker starts from (a bundle passes its own URL). */
export function useWorkerEntry(file: URL): void {
  entry = file;
}

export function startWorker(job: TaggedJob): Worker {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(entry, { workerData: job, argv: [WORKER_ARGUMENT] });
}

function isTaggedJob(data: unknown): data is TaggedJob {
  return typeof data === 'object' && data !== null && 'autoscaleReplayWorker' in data;
}

/** In a worker this package started: runs its job and returns true. Anywhere else: returns false. */
export function runWorkerIfStarted(): boolean {
  if (!process.argv.includes(WORKER_ARGUMENT)) return false;
  const { isMainThread, parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  if (isMainThread || parentPort === null || !isTaggedJob(workerData)) return false;
  const port = parentPort;
  const tagged = workerData;
  if (tagged.autoscaleReplayWorker === 'recording')
    void import('./replay-worker.ts').then((m) => m.replayRecording(tagged.job, port));
  else void import('./stream-worker.ts').then((m) => m.replayStream(tagged.job, port));
  return true;
}

export type { WorkerMessage, StreamMessage };
