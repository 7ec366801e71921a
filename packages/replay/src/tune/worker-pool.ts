// How a tune search replays its variants: on the calling thread, or on worker threads (--jobs),
// each of which reads the recording once and replays the batches it is handed (worker-job.ts).
// Batches go to whichever worker is free; results come back in the order of the variants, so a
// search's result does not depend on the number of workers.

import type { Worker } from 'node:worker_threads';
import { startWorker } from '../parallel/start-worker.ts';
import type { ReplayFileRequest } from '../replay/replay-file.ts';
import type { FormulaSource } from '../replay/types.ts';
import type { SummaryJson } from './rank.ts';
import { REPLAY_BATCH, replaySummaries, type LoadedRecording, type SummariesOutcome } from './replay-summaries.ts';

/** A tune worker's job (its workerData): where the recording is and how to replay it. */
export interface TuneWorkerJob {
  path: string;
  request: ReplayFileRequest;
  keep: string[];
}

export interface TuneBatch {
  id: number;
  sources: FormulaSource[];
}

export interface TuneReply {
  id: number;
  outcome: SummariesOutcome;
}

export type ReplayedBatch = { ok: true; summaries: SummaryJson[] } | { ok: false; errors: string[] };

export interface Replayer {
  /** Replays the formulas; `onReplayed(n)` as each batch of n finishes. */
  replay(sources: readonly FormulaSource[], onReplayed: (n: number) => void): Promise<ReplayedBatch>;
  close(): Promise<void>;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Replays on the calling thread. */
export class LocalReplayer implements Replayer {
  private readonly loaded: LoadedRecording;

  constructor(loaded: LoadedRecording) {
    this.loaded = loaded;
  }

  async replay(sources: readonly FormulaSource[], onReplayed: (n: number) => void): Promise<ReplayedBatch> {
    const summaries: SummaryJson[] = [];
    for (const batch of batches(sources, REPLAY_BATCH)) {
      const outcome = replaySummaries(this.loaded, batch);
      if (!outcome.ok) return outcome;
      summaries.push(...outcome.summaries);
      onReplayed(batch.length);
      // Lets progress output and signals through between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { ok: true, summaries };
  }

  async close(): Promise<void> {}
}

interface Waiting {
  resolve: (reply: SummariesOutcome) => void;
  worker: Worker;
}

/** Replays on `count` worker threads, each reading the recording itself once. */
export class WorkerReplayer implements Replayer {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  constructor(job: TuneWorkerJob, count: number) {
    this.workers = Array.from({ length: count }, () => {
      const worker = startWorker({ autoscaleReplayWorker: 'tune', job });
      worker.on('message', (reply: TuneReply) => {
        const w = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        w?.resolve(reply.outcome);
      });
      const fail = (why: string): void => {
        for (const [id, w] of this.waiting) {
          if (w.worker !== worker) continue;
          this.waiting.delete(id);
          w.resolve({ ok: false, errors: [`internal error in a tune worker: ${why}`] });
        }
      };
      worker.on('error', (err) => fail(err instanceof Error ? err.message : String(err)));
      worker.on('exit', () => fail('it stopped without a result'));
      return worker;
    });
  }

  async replay(sources: readonly FormulaSource[], onReplayed: (n: number) => void): Promise<ReplayedBatch> {
    // Small enough batches that every worker gets some, at most REPLAY_BATCH each.
    const size = Math.max(1, Math.min(REPLAY_BATCH, Math.ceil(sources.length / this.workers.length)));
    const parts = batches(sources, size);
    const results = new Array<SummaryJson[]>(parts.length);
    let next = 0;
    let failure: string[] | undefined;
    const drive = async (worker: Worker): Promise<void> => {
      while (next < parts.length && failure === undefined) {
        const i = next++;
        const part = parts[i] as FormulaSource[];
        const outcome = await this.send(worker, part);
        if (!outcome.ok) failure ??= outcome.errors;
        else {
          results[i] = outcome.summaries;
          onReplayed(part.length);
        }
      }
    };
    await Promise.all(this.workers.map(drive));
    return failure === undefined ? { ok: true, summaries: results.flat() } : { ok: false, errors: failure };
  }

  private send(worker: Worker, sources: FormulaSource[]): Promise<SummariesOutcome> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, worker });
      const batch: TuneBatch = { id, sources };
      worker.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
