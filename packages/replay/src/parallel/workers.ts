// What a replay worker thread does once started. Every kind of job (whole recordings, one after
// another, for replayMany; batches streamed by replay/streaming.ts; a tune search's variants,
// tune/worker-job.ts) goes through one entry module: `worker.ts` beside this file (worker.js once
// compiled). A bundle that inlines this package, such as the one-file `autoscale` CLI, has no such
// file: it makes its own file the entry with `useWorkerEntry(itself)` and calls
// `runWorkerIfStarted()` first thing, which runs the job and returns true when the bundle was
// started as one of these workers. Starting workers is start-worker.ts. Loading this file costs
// nothing: the jobs' modules load only inside a worker.

import { type TaggedJob, WORKER_ARGUMENT } from './start-worker.ts';
import type { WorkerMessage } from './replay-many.ts';
import type { StreamMessage } from './stream-worker.ts';

export { useWorkerEntry } from './start-worker.ts';

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
    void import('./replay-worker.ts').then((m) => m.replayRecordings(tagged.job, port));
  else if (tagged.autoscaleReplayWorker === 'stream')
    void import('./stream-worker.ts').then((m) => m.replayStream(tagged.job, port));
  else void import('../tune/worker-job.ts').then((m) => m.runTuneWorker(tagged.job, port));
  return true;
}

export type { TaggedJob, WorkerMessage, StreamMessage };
