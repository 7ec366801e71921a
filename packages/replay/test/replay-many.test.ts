// replayMany, as `autoscale replay -r ... --jobs N` calls it: whatever the number of jobs (this
// thread alone, or it and workers that each replay recording after recording), every recording's
// outcome is the one a lone replay gives, in the order of the recordings, errors included, with
// the contexts an HTML report keeps; progress ends at 1, a recording that fails counting as done;
// and when workers fail, the recordings they held are reported as theirs while every other
// recording is still replayed.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { replayMany, type ReplayFileRequest, type ReplayOutcome } from '@autoscale/replay';
import { useWorkerEntry } from '@autoscale/replay/workers';
import { csv, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const FORMULAS = [
  {
    name: 'pending',
    text: '$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 10);\n$TargetDedicatedNodes = $samples < 70 ? 1 : max($PendingTasks.GetSample(TimeInterval_Minute * 10));',
  },
  { name: 'strict', text: '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Hour, 100));' },
];

/** Pools of different lengths and loads, and one file that is not there. */
const recordings = [
  ...Array.from({ length: 9 }, (_, pool) =>
    files.write(
      `pool-${pool}.csv`,
      csv(
        ['$PendingTasks', '$ActiveTasks', '$CurrentDedicatedNodes'],
        240 + pool * 37,
        (row, c) =>
          c === '$CurrentDedicatedNodes' ? 2 + (pool % 3) : c === '$ActiveTasks' ? row % 4 : (row * (pool + 3)) % 23,
        T0,
      ),
    ),
  ),
];
recordings.splice(4, 0, join(files.dir, 'missing.csv'));

const request: ReplayFileRequest = { mode: 'open', interval: 5 * 60_000 };

async function replayAll(jobs: number, keepContexts = false): Promise<ReplayOutcome[]> {
  return replayMany(recordings, FORMULAS, request, { jobs, buildResults: true, keepContexts });
}

describe('replayMany', () => {
  it('gives every recording the outcome of a lone replay, in order, for any number of jobs', async () => {
    const alone = await Promise.all(
      recordings.map(async (path) => (await replayMany([path], FORMULAS, request, { jobs: 1, buildResults: true }))[0]),
    );
    expect(alone.map((o) => o?.ok)).toEqual(recordings.map((_, i) => i !== 4));
    expect(alone[4]).toMatchObject({ ok: false, errors: [expect.stringContaining('missing.csv')] });
    const expected = JSON.stringify(alone);
    for (const jobs of [1, 2, 4]) expect(JSON.stringify(await replayAll(jobs)), `--jobs ${jobs}`).toBe(expected);
  });

  it('keeps the same contexts on every thread (the HTML report explains from them)', async () => {
    const serial = await replayAll(1, true);
    const first = serial[0];
    expect(first?.ok && first.replay.formulas[0]?.contexts).toBeTruthy();
    expect(JSON.stringify(await replayAll(3, true))).toBe(JSON.stringify(serial));
  });

  it('reports progress across all recordings, ending at 1', async () => {
    const seen: number[] = [];
    await replayMany(recordings, FORMULAS, request, { jobs: 2, buildResults: false, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(recordings.length);
    for (const f of seen) expect(f).toBeGreaterThanOrEqual(0);
    // The missing recording counts as done too.
    expect(seen.at(-1)).toBeCloseTo(1, 12);
  });
});

describe('replayMany when its workers fail', () => {
  afterEach(() => useWorkerEntry(new URL('../src/parallel/worker.ts', import.meta.url)));

  it('reports the recording each failed worker held, replaces it, and replays every other recording', async () => {
    const serial = await replayAll(1);
    const crashing = join(files.dir, 'crashing-worker.mjs');
    writeFileSync(crashing, "throw new Error('the worker broke');\n");
    useWorkerEntry(pathToFileURL(crashing));
    const outcomes = await replayAll(3);
    expect(outcomes).toHaveLength(recordings.length);
    let failed = 0;
    outcomes.forEach((o, i) => {
      const crashed = [`${recordings[i]}: internal error in the replay worker: the worker broke`];
      if (!o.ok && JSON.stringify(o.errors) === JSON.stringify(crashed)) failed++;
      else expect(JSON.stringify(o)).toBe(JSON.stringify(serial[i]));
    });
    // The workers take the first recordings, this thread the next.
    expect(outcomes[0]?.ok).toBe(false);
    expect(outcomes[2]?.ok).toBe(true);
    expect(failed).toBeGreaterThanOrEqual(2);
    expect(failed).toBeLessThan(recordings.length - 1);
  });
});
