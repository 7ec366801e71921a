// A worker's job for replayMany: replays the recordings it is sent, one at a time (reading each,
// running every formula), and posts each plain-data outcome back, its timelines packed
// (replay/streaming-outcome.ts), with progress messages on the way when they are wanted. Exits
// when told to close.

import type { MessagePort } from 'node:worker_threads';
import { replayFile } from '../replay/replay-file.ts';
import { packOutcome } from '../replay/streaming-outcome.ts';
import type { WorkerJob, WorkerMessage, WorkerTask } from './replay-many.ts';

export function replayRecordings(job: WorkerJob, port: MessagePort): void {
  // One recording at a time, in the order they came (replayMany keeps at most two here).
  let queue = Promise.resolve();
  port.on('message', (task: WorkerTask) => {
    if (task.type === 'close') {
      queue = queue.then(() => port.close());
      return;
    }
    queue = queue.then(() => replayOne(job, task.index, task.path, port));
  });
  // Started: now worth a second recording queued behind the first.
  const ready: WorkerMessage = { type: 'ready' };
  port.postMessage(ready);
}

async function replayOne(job: WorkerJob, index: number, path: string, port: MessagePort): Promise<void> {
  // The other workers use the cores already: no streaming worker of its own.
  const outcome = await replayFile(path, job.sources, job.request, {
    buildResults: job.buildResults,
    keepContexts: job.keepContexts,
    stream: false,
    ...(job.progress
      ? { onProgress: (fraction: number) => port.postMessage({ type: 'progress', index, fraction } as WorkerMessage) }
      : {}),
  });
  const { message, transfer } = packOutcome(outcome);
  const done: WorkerMessage = { type: 'done', index, outcome: message };
  port.postMessage(done, transfer);
}
