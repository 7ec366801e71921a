// A worker's job for replayMany: replays one recording (reading it, running every formula) and
// posts the plain-data outcome back, with progress messages on the way.

import type { MessagePort } from 'node:worker_threads';
import { replayFile } from '../replay/replay-file.ts';
import type { WorkerJob, WorkerMessage } from './replay-many.ts';

export async function replayRecording(job: WorkerJob, port: MessagePort): Promise<void> {
  const post = (message: WorkerMessage): void => port.postMessage(message);
  // The other workers use the cores already: no streaming worker of its own.
  const outcome = await replayFile(job.path, job.sources, job.request, {
    buildResults: job.buildResults,
    keepContexts: job.keepContexts,
    stream: false,
    onProgress: (fraction) => post({ type: 'progress', fraction }),
  });
  post({ type: 'done', outcome });
}
