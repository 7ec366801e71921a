// The streaming open loop (reading on one thread, evaluating batches on a worker as they arrive)
// gives exactly the report of the plain replay, whatever the batch size, with gaps, metadata,
// --from/--to and several formulas; and reports bad input exactly as readRecording does. In-process
// runs of its evaluating half show when evaluation starts, and that it starts with the settings of
// the whole recording (no silent plain re-run at the end) when the node counts begin late.

import { truncateSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRecordingError, readRecording, runReplay, type ReplayRequest } from '@autoscale/replay';
import { fileLines } from '../src/io/line-reader.ts';
import { readCsvRecording } from '../src/recording/csv.ts';
import { toBatch } from '../src/recording/growing.ts';
import { columnsToKeep, prepareFormula } from '../src/replay/formulas.ts';
import { replayCsvStreaming } from '../src/replay/streaming.ts';
import { STREAM_MIN_BYTES, STREAM_MIN_CORES, streamsByDefault } from '../src/replay/replay-file.ts';
import { StreamingOpenLoop } from '../src/replay/streaming-open-loop.ts';
import { csv, MIN, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const FORMULAS = [
  {
    name: 'pending',
    text: '$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 10);\n$TargetDedicatedNodes = $samples < 70 ? $TargetDedicatedNodes : max($PendingTasks.GetSample(TimeInterval_Minute * 10));\n$TargetLowPriorityNodes = $CurrentDedicatedNodes > 3 ? 1 : 0;',
  },
  {
    name: 'cpu',
    text: 'c = avg($CPUPercent.GetSample(TimeInterval_Minute * 5, 50));\n$TargetDedicatedNodes = c > 50 ? 4 : 2;\n$NodeDeallocationOption = taskcompletion;',
  },
];

const text = csv(
  ['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes', '$ActiveTasks'],
  400,
  (row, c) => {
    if (c === '$CPUPercent') return row % 13 === 0 || (row > 100 && row < 130) ? '' : (row * 7) % 100;
    if (c === '$CurrentDedicatedNodes') return Math.floor(row / 50);
    if (c === '$ActiveTasks') return row % 5;
    return row % 40 === 0 ? '' : (row * 3) % 17;
  },
  T0,
  ['# taskSlotsPerNode: 2', '# evaluationInterval: 5m'],
);

async function plain(path: string, request: ReplayRequest): Promise<string> {
  const r = await readRecording(path);
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  const out = runReplay(r.value, FORMULAS, request);
  return JSON.stringify(out);
}

describe('streaming open loop', () => {
  it.each([
    [7, {}],
    [64, { from: T0 + 17 * MIN, to: T0 + 3 * 60 * MIN, delay: 0, allocationLatency: MIN }],
    [1000, { interval: 10 * MIN, priceDedicated: 2 }],
    [3, { from: T0 + 90 * MIN }],
  ] as const)('batches of %i rows give the plain report (%j)', async (batchRows, extra) => {
    const path = files.write(`stream-${batchRows}.csv`, text);
    const request: ReplayRequest = { mode: 'open', ...extra };
    const streamed = await replayCsvStreaming(path, FORMULAS, request, { buildResults: true }, batchRows);
    expect(streamed.ok).toBe(true);
    expect(JSON.stringify(streamed)).toBe(await plain(path, request));
  });

  it('reports bad input and bad settings as the plain path does', async () => {
    const bad = files.write('stream-bad.csv', `${text}2026-01-05T01:00:00Z,1,2,3,4\n`);
    const streamed = await replayCsvStreaming(bad, FORMULAS, { mode: 'open' }, {}, 16);
    const read = await readRecording(bad);
    expect(streamed).toEqual({ ok: false, errors: read.ok ? [] : read.errors.map(formatRecordingError) });
    const path = files.write('stream-settings.csv', text);
    const late = await replayCsvStreaming(path, FORMULAS, { mode: 'open', from: T0 + 24 * 60 * MIN }, {}, 16);
    expect(late).toEqual(JSON.parse(await plain(path, { mode: 'open', from: T0 + 24 * 60 * MIN })));
    expect(late.ok).toBe(false);
  });
});

/**
 * What the stream worker does, on this thread: the replay, whether finish() fell back to a plain
 * replay, and how many evaluations had run after each batch (0 until the runs start).
 */
async function streamInProcess(path: string, request: ReplayRequest, batchRows: number) {
  const formulas = FORMULAS.map(prepareFormula);
  let evaluations = 0;
  const loop = new StreamingOpenLoop(formulas, request, { onEvaluation: () => evaluations++ });
  const afterBatch: number[] = [];
  const state = await readCsvRecording(fileLines(path), path, columnsToKeep(formulas), {
    rows: batchRows,
    emit: (recording, meta) => {
      loop.add(toBatch(recording), meta);
      afterBatch.push(evaluations);
    },
  });
  const last = state.builder.finish('csv', state.meta);
  loop.add(toBatch(last), state.meta);
  const outcome = loop.finish(path, state.meta, last.present);
  return { outcome: JSON.stringify(outcome), replayedPlainly: loop.replayedPlainly, afterBatch };
}

describe('streaming open loop: when evaluation starts', () => {
  /** 200 rows (100 minutes); $CurrentDedicatedNodes is empty until row `firstNodes`, then 5. */
  const lateNodes = (firstNodes: number, header: string[] = []) =>
    csv(
      ['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes'],
      200,
      (row, c) => (c === '$CurrentDedicatedNodes' ? (row < firstNodes ? '' : 5) : (row * 7) % 60),
      T0,
      ['# evaluationInterval: 5m', ...header],
    );

  it('starts with the first batch when the node counts are sampled from the first row', async () => {
    const path = files.write('start-at-once.csv', text);
    const r = await streamInProcess(path, { mode: 'open' }, 16);
    expect(r.replayedPlainly).toBe(false);
    expect(r.afterBatch[0]).toBeGreaterThan(0);
    expect(r.outcome).toBe(await plain(path, { mode: 'open' }));
  });

  it('waits for the first $CurrentDedicatedNodes sample: same settings as the whole recording, no plain re-run', async () => {
    // The first sample is in the third batch of 16 rows; starting earlier would take 0 as the
    // starting target where the whole recording gives 5 (its first sample), and finish() would
    // then throw the runs away and replay plainly.
    const path = files.write('late-nodes.csv', lateNodes(40));
    const r = await streamInProcess(path, { mode: 'open' }, 16);
    expect(r.replayedPlainly).toBe(false);
    expect(r.afterBatch.slice(0, 3)).toEqual([0, 0, r.afterBatch[2]]);
    expect(r.afterBatch[2]).toBeGreaterThan(0);
    expect(r.outcome).toBe(await plain(path, { mode: 'open' }));
    expect(JSON.parse(r.outcome).replay.settings.initialTargetDedicatedNodes).toBe(5);
  });

  it('does not wait when the metadata gives the starting target', async () => {
    const path = files.write('late-nodes-meta.csv', lateNodes(40, ['# initialTargetDedicatedNodes: 2']));
    const r = await streamInProcess(path, { mode: 'open' }, 16);
    expect(r.replayedPlainly).toBe(false);
    expect(r.afterBatch[0]).toBeGreaterThan(0);
    expect(r.outcome).toBe(await plain(path, { mode: 'open' }));
  });

  it('a node-count column that is never sampled is replayed plainly at the end, with the same result', async () => {
    const path = files.write('no-nodes.csv', lateNodes(1000));
    const r = await streamInProcess(path, { mode: 'open' }, 16);
    expect(r.replayedPlainly).toBe(true);
    expect(r.outcome).toBe(await plain(path, { mode: 'open' }));
  });
});

describe('streamsByDefault', () => {
  it('follows AUTOSCALE_REPLAY_STREAM when it is 1 or 0, else the machine’s cores and the file’s size', async () => {
    const small = files.write('small.csv', 'timestamp,$PendingTasks\n');
    const big = files.write('big.csv', '');
    // Sparse: its size without writing it.
    truncateSync(big, STREAM_MIN_BYTES);
    const missing = `${files.dir}/missing.csv`;
    const manyCores = availableParallelism() >= STREAM_MIN_CORES;
    for (const path of [small, big, missing]) {
      expect(await streamsByDefault(path, { AUTOSCALE_REPLAY_STREAM: '1' })).toBe(true);
      expect(await streamsByDefault(path, { AUTOSCALE_REPLAY_STREAM: '0' })).toBe(false);
    }
    expect(await streamsByDefault(small, {})).toBe(false);
    expect(await streamsByDefault(big, {})).toBe(manyCores);
    expect(await streamsByDefault(big, { AUTOSCALE_REPLAY_STREAM: 'yes' })).toBe(manyCores);
    // Unreadable: the streaming path words it as readRecording does.
    expect(await streamsByDefault(missing, {})).toBe(manyCores);
  });
});
