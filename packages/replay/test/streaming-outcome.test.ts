// A streamed replay's outcome packed for the trip from its worker (replay/streaming-outcome.ts)
// comes back as the worker had it: every row's fields, nulls and errors, in the same key order (the
// JSON report lists them so), for open and closed loops; a failed outcome and rows of another shape
// go as they are; and the packed message survives a real structured clone with its buffers moved.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRecordingError, readRecording, renderJson, runReplay, type ReplayOutcome } from '@autoscale/replay';
import { packOutcome, unpackOutcome } from '../src/replay/streaming-outcome.ts';
import { csv, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const FORMULAS = [
  { name: 'ok', text: '$TargetDedicatedNodes = $PendingTasks.GetSample(1) / 2;\n$TargetLowPriorityNodes = 1;' },
  { name: 'failing', text: '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Hour, 100));' },
];

let outcomes: ReplayOutcome[];

beforeAll(async () => {
  const text = csv(
    ['$PendingTasks', '$ActiveTasks', '$CurrentDedicatedNodes'],
    300,
    (row, c) => (c === '$CurrentDedicatedNodes' ? (row < 40 ? '' : 3) : c === '$ActiveTasks' ? row % 5 : row % 11),
    T0,
  );
  const r = await readRecording(files.write('pool.csv', text));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  outcomes = [
    runReplay(r.value, FORMULAS, { mode: 'open', interval: 5 * 60_000 }),
    runReplay(r.value, FORMULAS, { mode: 'open', interval: 5 * 60_000 }, { buildResults: false }),
    runReplay(r.value, FORMULAS, { mode: 'closed', interval: 5 * 60_000 }),
    { ok: false, errors: ['pool.csv: something'] },
  ];
});

/** What goes between threads: a structured clone, with the transferred buffers moved. */
function trip(outcome: ReplayOutcome): ReplayOutcome {
  const { message, transfer } = packOutcome(outcome);
  const cloned = structuredClone(message, { transfer });
  for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
  return unpackOutcome(cloned);
}

describe('a streamed outcome packed for its trip', () => {
  it('comes back as it was: values, nulls, errors, key order', () => {
    for (const outcome of outcomes) {
      const expected = JSON.stringify(outcome);
      const back = trip(structuredClone(outcome));
      expect(JSON.stringify(back)).toBe(expected);
      if (outcome.ok)
        expect(renderJson([back.ok ? back.replay : outcome.replay], true)).toBe(renderJson([outcome.replay], true));
    }
    const open = outcomes[0];
    if (!open?.ok) throw new Error('replay failed');
    const rows = open.replay.formulas[1]?.timeline ?? [];
    expect(rows.some((r) => r.error !== null)).toBe(true);
    expect(open.replay.formulas[0]?.timeline.some((r) => r.recordedDedicated === null)).toBe(true);
  });

  it('packs the timelines into buffers, the results strings and a table of the other texts', () => {
    const open = outcomes[0];
    if (!open?.ok) throw new Error('replay failed');
    const { message, transfer } = packOutcome(structuredClone(open));
    expect(transfer.length).toBe(3 * open.replay.formulas.length);
    expect(message.outcome.ok && message.outcome.replay.formulas.every((f) => f.timeline.length === 0)).toBe(true);
    const texts = new Set(
      open.replay.formulas.flatMap((f) =>
        f.timeline.flatMap((r) => [r.deallocation, ...(r.error ? [r.error.code, r.error.message] : [])]),
      ),
    );
    expect(message.strings.length).toBe(texts.size);
    expect(texts.size).toBeLessThan(open.replay.formulas[1]?.timeline.length ?? 0);
  });

  it('a timeline of rows of another shape, and an outcome that is not packed, go as they are', () => {
    const open = outcomes[0];
    if (!open?.ok) throw new Error('replay failed');
    const odd = structuredClone(open);
    const formula = odd.ok ? odd.replay.formulas[0] : undefined;
    if (formula === undefined) throw new Error('no formula');
    formula.timeline = formula.timeline.map((r) => ({ ...r, extra: 1 }));
    const expected = JSON.stringify(odd);
    expect(packOutcome(structuredClone(odd)).message.timelines[0]).toBeNull();
    expect(JSON.stringify(trip(odd))).toBe(expected);
    expect(unpackOutcome(open)).toBe(open);
  });
});
