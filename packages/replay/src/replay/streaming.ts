// Streaming open-loop replay of a CSV recording: this thread reads and parses the file and hands
// each batch of rows to a worker thread, which evaluates while the rest is read (the worker's
// start-up overlaps the first batches), and sends the replay back with its timelines packed
// (streaming-outcome.ts). Bad input, and a file that cannot be read, is reported exactly as by
// readRecording, and nothing else differs from runReplay (tested).

import { stat } from 'node:fs/promises';
import { readCsvRecording, type CsvReadState } from '../recording/csv.ts';
import { formatRecordingError } from '../recording/errors.ts';
import { toBatch, type RecordingBatch } from '../recording/growing.ts';
import { mergeMeta } from '../recording/meta.ts';
import { peekRecording, readSideMeta } from '../recording/read.ts';
import { checkTextRecording } from '../recording/read-source.ts';
import { fileLines, readFailure } from '../io/line-reader.ts';
import type { StreamJob, StreamMessage } from '../parallel/stream-worker.ts';
import { startWorker } from '../parallel/start-worker.ts';
import { columnsToKeep, prepareFormula } from './formulas.ts';
import type { ReplayFileOptions } from './replay-file.ts';
import type { ReplayOutcome } from './run.ts';
import { type PackedOutcome, unpackOutcome } from './streaming-outcome.ts';
import type { ReplayRequest } from './settings.ts';
import type { FormulaSource } from './types.ts';

/** Rows per batch: big enough that messages cost nothing, small enough that evaluation starts early. */
export const STREAM_BATCH_ROWS = 32_768;

export async function replayCsvStreaming(
  path: string,
  sources: readonly FormulaSource[],
  request: ReplayRequest,
  options: ReplayFileOptions,
  batchRows = STREAM_BATCH_ROWS,
): Promise<ReplayOutcome> {
  // Checked before the worker starts, in readRecording's words and order (the file, then its side file).
  const readable = await peekRecording(path);
  if (!readable.ok) return { ok: false, errors: readable.errors.map(formatRecordingError) };
  const side = await readSideMeta(path);
  if (!side.ok) return { ok: false, errors: side.errors.map(formatRecordingError) };
  const size = await stat(path)
    .then((s) => s.size)
    .catch(() => 0);
  const job: StreamJob = {
    sources: [...sources],
    request,
    buildResults: options.buildResults ?? true,
    keepContexts: options.keepContexts ?? false,
  };
  const worker = startWorker({ autoscaleReplayWorker: 'stream', job });
  const outcome = new Promise<ReplayOutcome>((resolve) => {
    let result: ReplayOutcome | undefined;
    worker.on('message', (m: ReplayOutcome | PackedOutcome) => (result = unpackOutcome(m)));
    worker.on(
      'error',
      (err) =>
        (result ??= {
          ok: false,
          errors: [`${path}: internal error in the replay worker: ${err instanceof Error ? err.message : String(err)}`],
        }),
    );
    worker.on('exit', () =>
      resolve(result ?? { ok: false, errors: [`${path}: the replay worker stopped without a result`] }),
    );
  });
  const send = (message: StreamMessage, batch?: RecordingBatch): void => {
    const buffers = new Set<ArrayBuffer>();
    if (batch) {
      buffers.add(batch.times.buffer as ArrayBuffer);
      for (const c of batch.columns) {
        buffers.add(c.values.buffer as ArrayBuffer);
        if (c.times) buffers.add(c.times.buffer as ArrayBuffer);
      }
    }
    worker.postMessage(message, [...buffers]);
  };
  let rows = 0;
  /** The row count the worker was last told to expect (its arrays' size). */
  let expected = 0;
  let state: CsvReadState;
  try {
    state = await readCsvRecording(fileLines(path), path, columnsToKeep(sources.map(prepareFormula)), {
      rows: batchRows,
      emit: (recording, meta, read) => {
        rows += recording.times.length;
        const batch = toBatch(recording);
        // Judged from the bytes each row took so far; told again only if the rows outgrow it.
        if (size > 0 && rows + batchRows > expected) {
          expected = rows + Math.ceil(((size - read) / (read / rows)) * 1.08) + batchRows;
          batch.expectedRows = expected;
        }
        send({ type: 'batch', batch, meta: mergeMeta(meta, side.value).meta }, batch);
        if (options.onProgress && size > 0) options.onProgress(Math.min(0.99, read / size));
      },
    });
  } catch (err) {
    // The file became unreadable after the check (removed, an I/O error), or a line passed its
    // bound: a running worker would keep the process alive, so stop it; worded as readRecording words it.
    await worker.terminate();
    return { ok: false, errors: [formatRecordingError(readFailure(path, err))] };
  }
  const checked = checkTextRecording(state, 'csv', side.value, path, rows + state.builder.rows);
  if (!checked.ok) {
    await worker.terminate();
    return { ok: false, errors: checked.errors.map(formatRecordingError) };
  }
  const last = state.builder.finish('csv', checked.value);
  const batch = toBatch(last);
  send({ type: 'batch', batch, meta: checked.value }, batch);
  send({ type: 'end', file: path, meta: checked.value, present: last.present });
  const result = await outcome;
  options.onProgress?.(1);
  return result;
}
