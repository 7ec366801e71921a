// How the replay starts its worker threads: which module they start from and the job they carry.
// The worker side (what a started worker does) is workers.ts, kept apart so that the modules that
// start workers never import, even lazily, the modules a worker runs (no import cycle).
// Loading this file costs nothing: node:worker_threads (a few milliseconds) is loaded only when a
// worker starts.

import type { Worker } from 'node:worker_threads';
import type { WorkerJob } from './replay-many.ts';
import type { StreamJob } from './stream-worker.ts';
import type { TuneWorkerJob } from '../tune/worker-pool.ts';

/** workerData of every worker this package starts: the job, tagged with its kind. */
export type TaggedJob =
  | { autoscaleReplayWorker: 'recording'; job: WorkerJob }
  | { autoscaleReplayWorker: 'stream'; job: StreamJob }
  | { autoscaleReplayWorker: 'tune'; job: TuneWorkerJob };

// The sources run as .ts (Node strips the types) and the published package as .js: the entry
// module has the same extension as this one.
const OWN_EXTENSION = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
let entry: URL = new URL(`./worker${OWN_EXTENSION}`, import.meta.url);
/** Appended to a worker's process.argv, so that a worker is recognised without node:worker_threads. */
export const WORKER_ARGUMENT = '--autoscale-replay-worker';

/** Makes `file` the module every replay worker starts from (a bundle passes its own URL). */
export function useWorkerEntry(file: URL): void {
  entry = file;
}

export function startWorker(job: TaggedJob): Worker {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(entry, { workerData: job, argv: [WORKER_ARGUMENT] });
}
