// Open-loop replay on hand-computed cases: node-hours recorded vs simulated, allocation latency,
// quotas, the pool state the formula sees, failures by code with their first instants, scale
// events, cost, queueing, and every setting's validation.

import { afterAll, describe, expect, it } from 'vitest';
import {
  formatRecordingError,
  readRecording,
  runReplay,
  type Recording,
  type RecordingReplay,
  type ReplayRequest,
} from '@autoscale/replay';
import { csv, MIN, T0, TempFiles, must } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

/** One hour of samples (121 rows): 2 dedicated nodes recorded, 3 pending tasks. */
async function hour(
  extraHeader: string[] = [],
  columns = ['$PendingTasks', '$CurrentDedicatedNodes'],
  value: (r: number, c: string) => number | string = (_, c) => (c === '$PendingTasks' ? 3 : 2),
): Promise<Recording> {
  const r = await readRecording(files.write(`hour-${Math.random()}.csv`, csv(columns, 121, value, T0, extraHeader)));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  return r.value;
}

function replay(recording: Recording, formula: string, request: Partial<ReplayRequest> = {}): RecordingReplay {
  const out = runReplay(recording, [{ name: 'f', text: formula }], { mode: 'open', ...request });
  if (!out.ok) throw new Error(out.errors.join('\n'));
  return out.replay;
}

describe('open loop', () => {
  it('node-hours: targets reached after the allocation latency, recorded counts integrated', async () => {
    const r = replay(await hour(), '$TargetDedicatedNodes = 4;', { priceDedicated: 0.5 });
    const s = must(r.formulas[0]).summary;
    expect(s.evaluations).toBe(5); // 0, 15, 30, 45, 60 minutes
    // 2 nodes for the first 4 minutes (latency), then 4 nodes for 56 minutes.
    expect(s.nodeHours.dedicated).toBeCloseTo((2 * 4 + 4 * 56) / 60, 10);
    expect(r.recorded.nodeHours.dedicated).toBeCloseTo(2, 10);
    expect(s.nodeHoursDifference.dedicated).toBeCloseTo((2 * 4 + 4 * 56) / 60 - 2, 10);
    expect(s.cost).toBeCloseTo(0.5 * ((2 * 4 + 4 * 56) / 60), 10);
    expect(s.costDifference).toBeCloseTo(0.5 * ((2 * 4 + 4 * 56) / 60 - 2), 10);
    expect(s.scaleUps).toBe(1);
    expect(s.scaleDowns).toBe(0);
    // 3 pending tasks > 2 nodes x 1 slot: recorded all hour, simulated only until the nodes arrive.
    expect(r.recorded.queuedNoFreeSlotHours).toBeCloseTo(1, 10);
    expect(s.queuedNoFreeSlotHours).toBeCloseTo(4 / 60, 10);
    const first = must(must(r.formulas[0]).timeline[0]);
    expect(first).toMatchObject({
      time: T0,
      targetDedicated: 4,
      recordedDedicated: 2,
      simulatedDedicated: 2,
      recordedPending: 3,
      error: null,
    });
    expect(first.results).toBe('$TargetDedicatedNodes=4;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue');
    expect(must(r.formulas[0]).timeline[1]).toMatchObject({ time: T0 + 15 * MIN, simulatedDedicated: 4 });
  });

  it('shrinks at once, with a latency of 0 grows at once; quotas cap the nodes, not the targets', async () => {
    const rec = await hour(['# maxDedicatedNodes: 3', '# maxLowPriorityNodes: 1']);
    const r = replay(
      rec,
      '$TargetDedicatedNodes = time() < time("2026-01-05T00:30:00Z") ? 5 : 1;\n$TargetLowPriorityNodes = 4;',
      { allocationLatency: 0 },
    );
    const s = must(r.formulas[0]).summary;
    expect(s.nodeHours.dedicated).toBeCloseTo((3 * 30 + 1 * 30) / 60, 10);
    expect(s.nodeHours.lowPriority).toBeCloseTo(1, 10);
    expect(must(r.formulas[0]).timeline.map((row) => row.targetDedicated)).toEqual([5, 5, 1, 1, 1]);
    expect(s.scaleUps).toBe(1);
    expect(s.scaleDowns).toBe(1);
    expect(r.settings.maxDedicatedNodes).toBe(3);
  });

  it('the formula sees the recorded node counts and its own previous targets', async () => {
    const rec = await hour([], ['$CurrentDedicatedNodes', '$CurrentLowPriorityNodes'], (row, c) =>
      c === '$CurrentDedicatedNodes' ? Math.floor(row / 30) : 7,
    );
    const r = replay(
      rec,
      'seen = $CurrentDedicatedNodes * 100 + $CurrentLowPriorityNodes;\nprevious = $TargetDedicatedNodes;\n$TargetDedicatedNodes = previous + 1;',
    );
    expect(must(r.formulas[0]).timeline.map((row) => row.results.replace(/^.*requeue;/, ''))).toEqual([
      'previous=0;seen=7',
      'previous=1;seen=107',
      'previous=2;seen=207',
      'previous=3;seen=307',
      'previous=4;seen=407',
    ]);
  });

  it('honours the availability delay: a sample is visible only delay after it was taken', async () => {
    const rec = await hour([], ['$PendingTasks'], (row) => row);
    const last = (delay: number) =>
      replay(rec, 'n = $PendingTasks.GetSample(1);', { delay }).formulas[0]?.timeline[1]?.results.replace(/^.*;n=/, '');
    // At 15 minutes the sample of 15:00 is row 30; with 30 s delay the newest visible is row 29.
    expect(last(0)).toBe('[30]');
    expect(last(30_000)).toBe('[29]');
    expect(last(90_000)).toBe('[27]');
  });

  it('failed evaluations keep the targets and are counted by code with their first instants', async () => {
    const rec = await hour([], ['$PendingTasks'], (row) => (row >= 60 && row < 100 ? '' : 1));
    const r = replay(rec, '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Minute * 10, 90));', {
      interval: 5 * MIN,
    });
    const s = must(r.formulas[0]).summary;
    // Fails at 0 and 5 (history too short), 35 to 55 (the 20-minute hole): 18 of 20 samples are needed.
    expect(s.failures.map((f) => [f.code, f.count, f.first.map((t) => (t - T0) / MIN)])).toEqual([
      ['InsufficientSampleData', 7, [0, 5, 35]],
    ]);
    expect(must(s.failures[0]).message).toMatch(
      /^Line 1, Col \d+: Insufficient data from data set: \$PendingTasks wanted 90%, received 0%$/,
    );
    expect(s.failedEvaluations).toBe(7);
    const failed = must(must(r.formulas[0]).timeline.find((row) => row.error !== null));
    expect(failed.targetDedicated).toBe(0);
    expect(failed.results).toBe('$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue');
  });

  it('--from/--to/--interval pick the instants; initial targets default to the recorded nodes', async () => {
    const rec = await hour();
    const r = replay(rec, '$TargetDedicatedNodes = $TargetDedicatedNodes;', {
      from: T0 + 10 * MIN,
      to: T0 + 40 * MIN,
      interval: 5 * MIN,
    });
    expect(must(r.formulas[0]).timeline.map((row) => (row.time - T0) / MIN)).toEqual([10, 15, 20, 25, 30, 35, 40]);
    expect(r.settings.initialTargetDedicatedNodes).toBe(2);
    expect(must(r.formulas[0]).summary.nodeHours.dedicated).toBeCloseTo(1, 10);
    expect(r.recorded.nodeHours.dedicated).toBeCloseTo(1, 10);
    const withMeta = replay(
      await hour(['# initialTargetDedicatedNodes: 6', '# evaluationInterval: 20m']),
      '$TargetDedicatedNodes = $TargetDedicatedNodes;',
    );
    expect(withMeta.settings.initialTargetDedicatedNodes).toBe(6);
    expect(withMeta.settings.interval).toBe(20 * MIN);
    expect(must(withMeta.formulas[0]).summary.evaluations).toBe(4);
  });

  it('refuses settings the service or the recording cannot support', async () => {
    const rec = await hour();
    const errors = (request: Partial<ReplayRequest>) => {
      const out = runReplay(rec, [{ name: 'f', text: '$TargetDedicatedNodes = 1;' }], { mode: 'open', ...request });
      return out.ok ? [] : out.errors.map((e) => e.replace(/^.*\.csv: /, ''));
    };
    expect(errors({ interval: 4 * MIN })).toEqual([
      'the evaluation interval must be between 5m and 7d (the service refuses 4m with InvalidPropertyValue)',
    ]);
    expect(errors({ interval: 169 * 60 * MIN })).toEqual([
      'the evaluation interval must be between 5m and 7d (the service refuses 7d1h with InvalidPropertyValue)',
    ]);
    expect(errors({ interval: 5 * MIN })).toEqual([]);
    expect(errors({ from: T0 + 30 * MIN, to: T0 + 20 * MIN })).toEqual([
      "the replay's start, 2026-01-05T00:30:00Z, is after its end, 2026-01-05T00:20:00Z",
    ]);
    expect(errors({ from: T0 + 2 * 60 * MIN })).toEqual([
      "the replay's start, 2026-01-05T02:00:00Z, is after its end, 2026-01-05T01:00:00Z",
      "the replay's start, 2026-01-05T02:00:00Z, is after the recording's last sample (2026-01-05T01:00:00Z)",
    ]);
    expect(errors({ to: T0 - MIN })).toEqual([
      "the replay's start, 2026-01-05T00:00:00Z, is after its end, 2026-01-04T23:59:00Z",
      "the replay's end, 2026-01-04T23:59:00Z, is before the recording's first sample (2026-01-05T00:00:00Z)",
    ]);
  });

  it('recorded figures are null when the recording has no node counts', async () => {
    const r = replay(await hour([], ['$PendingTasks'], () => 1), '$TargetDedicatedNodes = 1;');
    expect(r.recorded.nodeHours).toEqual({ dedicated: null, lowPriority: null });
    expect(r.recorded.queuedNoFreeSlotHours).toBeNull();
    expect(must(r.formulas[0]).summary.nodeHoursDifference).toEqual({ dedicated: null, lowPriority: null });
  });
});
