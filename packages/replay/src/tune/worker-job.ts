// What a tune worker thread does (started through parallel/workers.ts): reads the recording once,
// then replays each batch of formula texts the search sends and posts their summaries back,
// until the search closes the port. The search side is worker-pool.ts.

import type { MessagePort } from 'node:worker_threads';
import { loadRecording } from './load.ts';
import { replaySummaries } from './replay-summaries.ts';
import type { TuneBatch, TuneReply, TuneWorkerJob } from './worker-pool.ts';

export function runTuneWorker(job: TuneWorkerJob, port: MessagePort): void {
  const loading = loadRecording(job.path, job.request, job.keep);
  // Listening at once: batches sent while the recording is read wait for it here.
  port.on('message', (batch: TuneBatch) => {
    void loading.then((load) => {
      const reply: TuneReply = load.ok
        ? { id: batch.id, outcome: replaySummaries(load.loaded, batch.sources) }
        : { id: batch.id, outcome: load };
      port.postMessage(reply);
    });
  });
}
