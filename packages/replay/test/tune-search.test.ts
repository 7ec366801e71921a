// tuneFormula on small recordings whose figures can be worked out by hand: which variants form the
// Pareto front and which is best, and why (the reasoning is in the comments; the figures are
// computed from the model's rules, not taken from a run). Also: the result does not depend on
// --jobs, the baseline is the formula as written, and every problem comes back as sentences.

import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFormula } from '@autoscale/core';
import { tuneFormula, tuneSpace, type ParamRange, type TuneRequest, type TuneResult } from '@autoscale/replay';
import { iso, MIN, T0, TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const HOUR = 60 * MIN;

function request(
  text: string,
  ranges: ParamRange[],
  rest: Partial<TuneRequest> & Pick<TuneRequest, 'recording' | 'replay'>,
): TuneRequest {
  const space = tuneSpace(analyzeFormula(text), ranges);
  if (!space.ok) throw new Error(space.problems.map((p) => p.reason).join('\n'));
  return {
    formula: { name: 'pool.autoscale', text },
    space: space.space,
    objective: 'cost',
    maxWaitP95Seconds: null,
    budget: 200,
    seed: 1,
    shard: null,
    jobs: 1,
    ...rest,
  };
}

async function tune(r: TuneRequest): Promise<TuneResult> {
  const outcome = await tuneFormula(r);
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.result;
}

// Closed loop, full fidelity: 4 tasks of 60 minutes each, all submitted at the start, on a pool of
// 1 slot per node that starts empty (the recording's node count is 0), for 5 hours. The formula
// holds `cap + spare` dedicated nodes; they join 4 minutes (the default allocation latency) after
// the first evaluation at the start, and stay.
const closedRecording = files.write(
  'closed.csv',
  `timestamp,$CurrentDedicatedNodes\n${iso(T0)},0\n${iso(T0 + 5 * HOUR)},0\n`,
);
const taskLog = files.write(
  'tasks.csv',
  `submitted,duration\n${[0, 1, 2, 3].map(() => `${iso(T0)},60m`).join('\n')}\n`,
);
const CLOSED_FORMULA = `// Nodes: a base and a spare.
cap = 1;
spare = 0;
$TargetDedicatedNodes = cap + spare;
`;

describe('tune: a closed-loop grid worked out by hand', () => {
  // With n = cap + spare nodes the 4 tasks start in waves of n, an hour apart: the first at 4 minutes
  // (240 s), the next at 1h04m (3,840 s), ... The wait p95 of 4 tasks is the 4th smallest (nearest
  // rank, ceil(0.95 x 4) = 4), i.e. the last wave's wait:
  //   n = 1: 240, 3840, 7440, 11040 -> 11,040 s      n = 2: 240, 240, 3840, 3840 -> 3,840 s
  //   n = 3: 240 x 3, 3840 -> 3,840 s                 n >= 4: all at 240 s -> 240 s
  // Cost at 1 per node-hour: the nodes are there from 0:04 to 5:00, n x 4h56m = n x 296/60.
  const waits: Record<number, number> = { 1: 11_040, 2: 3840, 3: 3840, 4: 240, 5: 240, 6: 240 };
  const cost = (n: number): number => (n * 296) / 60;
  const closed = (extra: Partial<TuneRequest>) =>
    request(
      CLOSED_FORMULA,
      [
        { name: 'cap', from: 1, to: 4, step: 1 },
        { name: 'spare', from: 0, to: 2, step: 1 },
      ],
      {
        recording: closedRecording,
        replay: { mode: 'closed', taskLog, priceDedicated: 1 },
        ...extra,
      },
    );

  it('finds the cheapest variant meeting the wait constraint, ties going to grid order', async () => {
    // Wait p95 <= 10 minutes needs n >= 4. The cheapest n = 4 is reached three ways, (2, 2),
    // (3, 1) and (4, 0), with equal cost and wait: the tie goes to the first in grid order, the
    // lowest cap. (1, 2) has only 3 nodes.
    const r = await tune(closed({ maxWaitP95Seconds: 600 }));
    expect(r.search.strategy).toBe('grid');
    expect(r.evaluated).toBe(12);
    expect(r.best?.params).toEqual({ cap: 2, spare: 2 });
    expect(r.best?.summary.closedLoop?.waitP95Seconds).toBe(waits[4]);
    expect(r.best?.summary.cost).toBeCloseTo(cost(4), 9);
    expect(r.best?.formula).toBe(
      '// Nodes: a base and a spare.\ncap = 2;\nspare = 2;\n$TargetDedicatedNodes = cap + spare;\n',
    );
    // The baseline is the formula as written: cap 1, spare 0, one node.
    expect(r.baseline.params).toEqual({ cap: 1, spare: 0 });
    expect(r.baseline.summary.closedLoop?.waitP95Seconds).toBe(waits[1]);
  });

  it('puts on the front one variant per undominated (cost, wait) point', async () => {
    // n = 1 (cheapest), n = 2 (wait 3,840 s), n = 4 (wait 240 s); n = 3 waits as long as n = 2
    // for more, and n = 5, 6 wait as little as n = 4 for more: dominated. Each point is held by
    // its first variant in grid order: n = 1 by (1, 0), n = 2 by (1, 1), n = 4 by (2, 2).
    const r = await tune(closed({ maxWaitP95Seconds: 600 }));
    expect(r.front.map((p) => p.params)).toEqual([
      { cap: 1, spare: 0 },
      { cap: 1, spare: 1 },
      { cap: 2, spare: 2 },
    ]);
    expect(r.front.map((p) => p.summary.closedLoop?.waitP95Seconds)).toEqual([waits[1], waits[2], waits[4]]);
    for (const p of r.front) {
      const n = (p.params.cap as number) + (p.params.spare as number);
      expect(p.summary.cost).toBeCloseTo(cost(n), 9);
    }
    // Every variant's figures, in grid order.
    expect(r.variants.map((v) => [v.params.cap, v.params.spare, v.delay])).toEqual(
      [1, 2, 3, 4].flatMap((cap) => [0, 1, 2].map((spare) => [cap, spare, waits[cap + spare]])),
    );
  });

  it('without a constraint the cheapest variant is best; with an unreachable one there is none', async () => {
    const free = await tune(closed({}));
    expect(free.best?.params).toEqual({ cap: 1, spare: 0 });
    // No variant waits less than 240 s.
    const none = await tune(closed({ maxWaitP95Seconds: 200 }));
    expect(none.best).toBeNull();
    expect(none.front).toHaveLength(3);
  });

  it('gives the same result on worker threads as on this thread', async () => {
    const here = await tune(closed({ maxWaitP95Seconds: 600, jobs: 1 }));
    const workers = await tune(closed({ maxWaitP95Seconds: 600, jobs: 3, workerThresholdMs: 0 }));
    expect(workers).toEqual(here);
  });

  it('reports progress up to the plan size', async () => {
    const seen: Array<[number, number]> = [];
    await tune(closed({ onProgress: (done, total) => seen.push([done, total]) }));
    expect(seen[0]).toEqual([0, 12]);
    expect(seen[seen.length - 1]).toEqual([12, 12]);
    expect(seen.every(([d], i) => i === 0 || d >= (seen[i - 1] as [number, number])[0])).toBe(true);
  });
});

describe('tune: an open-loop grid worked out by hand', () => {
  // Two hours with 6 pending tasks throughout and 1 slot per node; the pool starts empty. The
  // formula holds `ded` dedicated and `low` low-priority nodes; they join after 4 minutes. Cost:
  // 1 per dedicated and 0.25 per low-priority node-hour, over 2h - 4m = 116 minutes. Queued with
  // no free slot: pending 6 > nodes all along when ded + low < 6, else only the first 4 minutes.
  const rows = Array.from({ length: 241 }, (_, i) => `${iso(T0 + i * 30_000)},6,0`).join('\n');
  const recording = files.write('open.csv', `timestamp,$PendingTasks,$CurrentDedicatedNodes\n${rows}\n`);
  const text = 'ded = 2;\nlow = 0;\n$TargetDedicatedNodes = ded;\n$TargetLowPriorityNodes = low;\n';
  const ranges = [
    { name: 'ded', from: 2, to: 6, step: 2 },
    { name: 'low', from: 0, to: 4, step: 2 },
  ];
  const hours = 116 / 60;

  it('trades cost against hours queued with no free slot', async () => {
    const r = await tune(
      request(text, ranges, {
        recording,
        replay: { mode: 'open', priceDedicated: 1, priceLowPriority: 0.25 },
      }),
    );
    expect(r.search.delay).toBe('queued-no-free-slot-hours');
    // Cheapest: (2, 0) at 2 x 116 min, queued all 2 hours. The cheapest with 6 nodes is (2, 4):
    // 2 + 4 x 0.25 = 3 per hour, queued 4 minutes. Every other variant costs more than one of these
    // two without queueing less.
    expect(r.front.map((p) => p.params)).toEqual([
      { ded: 2, low: 0 },
      { ded: 2, low: 4 },
    ]);
    expect(r.front[0]?.summary.cost).toBeCloseTo(2 * hours, 9);
    expect(r.front[0]?.summary.queuedNoFreeSlotHours).toBeCloseTo(2, 9);
    expect(r.front[1]?.summary.cost).toBeCloseTo(3 * hours, 9);
    expect(r.front[1]?.summary.queuedNoFreeSlotHours).toBeCloseTo(4 / 60, 9);
    // No constraint in open loop: the cheapest is best.
    expect(r.best?.params).toEqual({ ded: 2, low: 0 });
  });

  it('minimises node-hours when asked, whatever the prices', async () => {
    const r = await tune(
      request(text, ranges, {
        recording,
        objective: 'node-hours',
        replay: { mode: 'open', priceDedicated: 1, priceLowPriority: 0.25 },
      }),
    );
    expect(r.search.objective).toBe('node-hours');
    expect(r.variants.find((v) => v.params.ded === 4 && v.params.low === 2)?.objective).toBeCloseTo(6 * hours, 9);
  });

  it('refuses the cost objective without prices, a wait constraint in open loop, and a budget of 0', async () => {
    const base = { recording, replay: { mode: 'open' as const } };
    expect(await tuneFormula(request(text, ranges, base))).toEqual({
      ok: false,
      errors: ['the cost objective needs a price per node-hour, dedicated or low-priority'],
    });
    const waits = await tuneFormula(request(text, ranges, { ...base, maxWaitP95Seconds: 60, objective: 'node-hours' }));
    expect(waits.ok).toBe(false);
    expect(JSON.stringify(waits)).toContain('needs the closed loop');
    const zero = await tuneFormula(request(text, ranges, { ...base, budget: 0, objective: 'node-hours' }));
    expect(JSON.stringify(zero)).toContain('at least one variant');
  });

  it('reports an unreadable recording as the replay does', async () => {
    const r = await tuneFormula(
      request(text, ranges, {
        recording: `${files.dir}/missing.csv`,
        replay: { mode: 'open' },
        objective: 'node-hours',
      }),
    );
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('missing.csv');
  });
});
