// A worker's job for a streaming replay: receives the recording in batches from the reading
// thread (buffers transferred), evaluates as they come (StreamingOpenLoop), and posts the replay
// back at the end, its timelines packed (replay/streaming-outcome.ts). Started by
// replay/streaming.ts through workers.ts.

import type { MessagePort } from 'node:worker_threads';
import type { RecordingBatch } from '../recording/growing.ts';
import type { RecordingMeta } from '../recording/meta.ts';
import { prepareFormula } from '../replay/formulas.ts';
import type { ReplayRequest } from '../replay/settings.ts';
import { StreamingOpenLoop } from '../replay/streaming-open-loop.ts';
import { packOutcome } from '../replay/streaming-outcome.ts';
import type { FormulaSource } from '../replay/types.ts';

export interface StreamJob {
  sources: FormulaSource[];
  request: ReplayRequest;
  buildResults: boolean;
  keepContexts: boolean;
}

export type StreamMessage =
  | { type: 'batch'; batch: RecordingBatch; meta: RecordingMeta }
  | { type: 'end'; file: string; meta: RecordingMeta; present: string[] };

export function replayStream(job: StreamJob, port: MessagePort): void {
  const loop = new StreamingOpenLoop(job.sources.map(prepareFormula), job.request, {
    buildResults: job.buildResults,
    keepContexts: job.keepContexts,
  });
  port.on('message', (m: StreamMessage) => {
    if (m.type === 'batch') {
      loop.add(m.batch, m.meta);
      return;
    }
    // Packed: a pool-year's timeline cloned row by row would cost more than its evaluations' tail.
    const { message, transfer } = packOutcome(loop.finish(m.file, m.meta, m.present));
    port.postMessage(message, transfer);
    port.close();
  });
}
