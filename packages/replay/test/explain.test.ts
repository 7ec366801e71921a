// Explaining any evaluation of a replay after the fact (explain/): the kept contexts survive the
// compact encoding bit for bit, and evaluating again from them gives every evaluation's results
// string or error exactly as the replay computed it, in open and closed loop, streamed or not.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeContexts,
  encodeContexts,
  evaluationAt,
  explainEvaluation,
  replayFile,
  type EvaluationContexts,
  type FormulaSource,
  type RecordingReplay,
} from '@autoscale/replay';
import { REPO_ROOT } from '../../../test/support/paths.ts';
import { must } from './support.ts';

const WEEK = join(REPO_ROOT, 'examples', 'recordings', 'week.csv');
const FORMULAS: FormulaSource[] = ['business-hours', 'cpu-low-priority', 'pending-tasks'].map((name) => ({
  name,
  text: readFileSync(join(REPO_ROOT, 'examples', 'formulas', `${name}.autoscale`), 'utf8'),
}));
/** Fails now and then: an hour of a metric the week records only in part, to explain errors too. */
const SOMETIMES_FAILS: FormulaSource = {
  name: 'strict',
  text: '$TargetDedicatedNodes = max($PendingTasks.GetSample(TimeInterval_Hour, 100));',
};

async function replay(mode: 'open' | 'closed', stream: boolean): Promise<RecordingReplay> {
  const r = await replayFile(
    WEEK,
    [...FORMULAS, SOMETIMES_FAILS],
    { mode, interval: 5 * 60_000 },
    {
      buildResults: true,
      keepContexts: true,
      stream,
    },
  );
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.replay;
}

function expectEveryEvaluationExplained(r: RecordingReplay, contexts: EvaluationContexts[]): void {
  // Runs of the same results, which the replay keeps as one string (EvaluationLog), are among them.
  let repeats = 0;
  r.formulas.forEach((f, fi) => {
    const kept = must(contexts[fi]);
    expect(kept.now.length).toBe(f.timeline.length);
    let failures = 0;
    f.timeline.forEach((row, i) => {
      const view = explainEvaluation(kept, i);
      expect(view.time).toBe(row.time);
      expect(view.formula).toBe(f.summary.formula);
      if (row.error) {
        failures++;
        expect(view.results).toBeNull();
        expect(view.error).toContain(row.error.code);
      } else {
        expect(view.error).toBeNull();
        expect(view.results).toBe(row.results);
        if (i > 0 && row.results === f.timeline[i - 1]?.results) repeats++;
      }
      expect(view.trace.length).toBeGreaterThan(0);
    });
    expect(failures).toBe(f.summary.failedEvaluations);
  });
  expect(repeats).toBeGreaterThan(20);
}

describe('explaining a replay evaluation again from its kept context', () => {
  for (const [mode, stream] of [
    ['open', false],
    ['open', true],
    ['closed', false],
  ] as const) {
    it(`${mode} loop${stream ? ', streamed' : ''}: every evaluation's results or error, after encoding`, async () => {
      const r = await replay(mode, stream);
      expect(r.formulas.every((f) => f.contexts !== undefined)).toBe(true);
      const decoded = must(decodeContexts(encodeContexts([r.formulas.map((f) => must(f.contexts))]))[0]);
      expectEveryEvaluationExplained(r, decoded);
      // The strict formula fails in the first hour (too few samples), so errors are explained too.
      expect(must(r.formulas[3]).summary.failedEvaluations).toBeGreaterThan(0);
    });
  }

  it('keeps only the metrics a formula reads, and shares identical recorded columns when encoded', async () => {
    const r = await replay('open', false);
    const names = r.formulas.map((f) => must(f.contexts).metrics.map((m) => m.name));
    expect(names[2]).toEqual(['$ActiveTasks', '$PendingTasks'].filter((n) => FORMULAS[2]?.text.includes(n)));
    const all = r.formulas.map((f) => must(f.contexts));
    const once = encodeContexts([all.slice(0, 1)]).length;
    const twice = encodeContexts([[must(all[0]), must(all[0])]]).length;
    // The second copy costs only its header entry.
    expect(twice - once).toBeLessThan(2000);
  });

  it('keeps no contexts unless asked (text and JSON reports)', async () => {
    const r = await replayFile(WEEK, FORMULAS, { mode: 'open' }, { buildResults: false, stream: false });
    expect(r.ok && r.replay.formulas.every((f) => f.contexts === undefined)).toBe(true);
  });

  it('finds the evaluation at or just before a time', async () => {
    const r = await replay('open', false);
    const kept = must(r.formulas[0]?.contexts);
    const t0 = must(kept.now[0]);
    const t1 = must(kept.now[1]);
    expect(evaluationAt(kept, t0)).toBe(0);
    expect(evaluationAt(kept, t1 - 1)).toBe(0);
    expect(evaluationAt(kept, t1)).toBe(1);
    expect(evaluationAt(kept, t0 - 3_600_000)).toBe(0);
    expect(evaluationAt(kept, Number.POSITIVE_INFINITY)).toBe(kept.now.length - 1);
  });

  it('summarises the context: pool state and each metric as last seen', async () => {
    const r = await replay('open', false);
    const view = explainEvaluation(must(r.formulas[2]?.contexts), 100);
    const labels = view.context.map(([label]) => label);
    expect(labels).toContain('$CurrentDedicatedNodes');
    expect(labels).toContain('$TargetDedicatedNodes before');
    expect(view.context.find(([l]) => l === '$PendingTasks')?.[1]).toMatch(
      /^\d+(\.\d+)? at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+ samples? in the hour before\)$/,
    );
  });
});

describe('the contexts encoding', () => {
  const column = fc
    .oneof(
      fc.array(fc.integer({ min: -1e6, max: 1e6 })),
      fc.array(fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100)),
      fc.array(fc.double()),
      fc.array(fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e300, 2 ** 60, 0.1, 1 / 3)),
    )
    .map((values) => Float64Array.from(values));

  it('gives back every number bit for bit', () => {
    fc.assert(
      fc.property(column, column, column, (a, b, c) => {
        const pool = {
          currentDedicatedNodes: a,
          currentLowPriorityNodes: b,
          targetDedicatedNodes: c,
          targetLowPriorityNodes: a,
          taskSlotsPerNode: b,
          usableNodeCount: c,
        };
        const contexts: EvaluationContexts = {
          name: 'a "quoted" name',
          text: '$TargetDedicatedNodes = 1; // ü',
          availabilityDelay: 30_000,
          now: a,
          seed: b,
          pool,
          metrics: [{ name: '$CPUPercent', times: b, values: c }],
        };
        const back = must(decodeContexts(encodeContexts([[contexts], []]))[0]?.[0]);
        const same = (x: Float64Array, y: Float64Array): boolean =>
          x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
        expect(back.text).toBe(contexts.text);
        expect(back.name).toBe(contexts.name);
        expect(same(back.now, a) && same(back.seed, b) && same(back.pool.usableNodeCount, c)).toBe(true);
        expect(same(must(back.metrics[0]).values, c)).toBe(true);
      }),
    );
  });

  it('stores counts and timestamps in a byte or two each', () => {
    const times = Float64Array.from({ length: 10_000 }, (_, i) => 1.7e12 + i * 30_000);
    const counts = Float64Array.from({ length: 10_000 }, (_, i) => 50 + (i % 7));
    const bytes = encodeContexts([
      [
        {
          name: 'counts',
          text: '',
          availabilityDelay: 0,
          now: times,
          seed: counts,
          pool: {
            currentDedicatedNodes: counts,
            currentLowPriorityNodes: counts,
            targetDedicatedNodes: counts,
            targetLowPriorityNodes: counts,
            taskSlotsPerNode: counts,
            usableNodeCount: counts,
          },
          metrics: [],
        },
      ],
    ]);
    // 3 bytes per timestamp delta (30,000), 1 per count delta, the counts column once.
    expect(bytes.length).toBeLessThan(10_000 * 4 + 1_000);
  });

  it('refuses bytes it did not write', () => {
    expect(() => decodeContexts(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/not an evaluation-contexts block/);
    const good = encodeContexts([[]]);
    expect(() => decodeContexts(good.subarray(0, good.length - 1))).toThrow(/ends early/);
  });
});
