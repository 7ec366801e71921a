// The streaming open loop (reading on one thread, evaluating batches on a worker as they arrive)
// gives exactly the report of the plain replay, whatever the batch size, with gaps, metadata,
// --from/--to and several formulas; and reports bad input exactly as readRecording does.

import { afterAll, describe, expect, it } from 'vitest';
import { formatRecordingError, readRecording, runReplay, type ReplayRequest } from '@autoscale/replay';
import { replayCsvStreaming } from '../src/replay/streaming.ts';
import { csv, MIN, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const FORMULAS = [
  { name: 'pending', text: '$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 10);\n$TargetDedicatedNodes = $samples < 70 ? $TargetDedicatedNodes : max($PendingTasks.GetSample(TimeInterval_Minute * 10));\n$TargetLowPriorityNodes = $CurrentDedicatedNodes > 3 ? 1 : 0;' },
  { name: 'cpu', text: 'c = avg($CPUPercent.GetSample(TimeInterval_Minute * 5, 50));\n$TargetDedicatedNodes = c > 50 ? 4 : 2;\n$NodeDeallocationOption = taskcompletion;' },
];

const text = csv(['$PendingTasks', '$CPUPercent', '$CurrentDedicatedNodes', '$ActiveTasks'], 400, (row, c) => {
  if (c === '$CPUPercent') return row % 13 === 0 || (row > 100 && row < 130) ? '' : (row * 7) % 100;
  if (c === '$CurrentDedicatedNodes') return Math.floor(row / 50);
  if (c === '$ActiveTasks') return row % 5;
  return row % 40 === 0 ? '' : (row * 3) % 17;
}, T0, ['# taskSlotsPerNode: 2', '# evaluationInterval: 5m']);

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
