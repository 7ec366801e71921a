// Which variants a tune search replays, with a made-up judge instead of replays (so the figures are
// known exactly): the whole grid when it fits the budget, otherwise the seeded sampler, which stays
// within its budget, refines towards the best, is the same for the same seed, and splits into
// shards whose union is exactly the unsharded search.

import { describe, expect, it } from 'vitest';
import { axisOf, type Axis } from '../src/tune/axis.ts';
import {
  drawVariants,
  gridVariants,
  initialRadii,
  planSize,
  runSearch,
  samplerShape,
  strategyFor,
  type PlanOptions,
} from '../src/tune/plan.ts';
import { meetsConstraint, type Criteria, type Scored } from '../src/tune/rank.ts';
import { variantKey, variantParams, type Variant } from '../src/tune/variant.ts';

function axis(name: string, from: number, to: number, step: number): Axis {
  const a = axisOf({ name, from, to, step });
  if (typeof a === 'string') throw new Error(a);
  return a;
}

const criteria: Criteria = { objective: 'cost', delay: 'wait-p95-seconds', maxWaitP95Seconds: null };

/** Replays nothing: scores each variant with `f` of its values and records what it was asked. */
async function search(axes: Axis[], options: PlanOptions, f: (values: number[]) => [number, number]) {
  const asked: string[] = [];
  await runSearch(axes, options, async (variants: Variant[]) => {
    for (const v of variants) asked.push(variantKey(v));
    return variants.map((v): Scored => {
      const params = variantParams(axes, v);
      const [objective, delay] = f(Object.values(params));
      return { params, objective, delay, failedEvaluations: 0, meets: meetsConstraint(criteria, delay) };
    });
  });
  return asked;
}

describe('the grid', () => {
  it('is every variant, first parameter slowest, when it fits the budget', async () => {
    const axes = [axis('a', 1, 3, 1), axis('b', 0, 1, 1)];
    expect(gridVariants(axes)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
    expect(strategyFor(axes, 6)).toBe('grid');
    expect(strategyFor(axes, 5)).toBe('sampler');
    const asked = await search(axes, { budget: 6, seed: 1, shard: null }, () => [0, 0]);
    expect(asked).toHaveLength(6);
    expect(new Set(asked).size).toBe(6);
  });

  it('is dealt round-robin to shards', async () => {
    const axes = [axis('a', 1, 3, 1), axis('b', 0, 1, 1)];
    const one = await search(axes, { budget: 6, seed: 1, shard: { index: 1, count: 4 } }, () => [0, 0]);
    const two = await search(axes, { budget: 6, seed: 1, shard: { index: 2, count: 4 } }, () => [0, 0]);
    // Grid indexes 0 and 4 for shard 1; 1 and 5 for shard 2.
    expect(one).toEqual(['0,0', '2,0']);
    expect(two).toEqual(['0,1', '2,1']);
    expect(planSize(axes, { budget: 6, seed: 1, shard: { index: 4, count: 4 } })).toEqual({
      strategy: 'grid',
      planned: 1,
    });
  });
});

describe('the sampler', () => {
  // 100 x 50 = 5,000 variants; a smooth bowl with its bottom at a = 73, b = 12 (cost), delay
  // rising with a's distance from 40 so the front is not a single point.
  const axes = [axis('a', 0, 99, 1), axis('b', 0, 49, 1)];
  const bowl = ([a, b]: number[]): [number, number] => [
    ((a as number) - 73) ** 2 + ((b as number) - 12) ** 2,
    Math.abs((a as number) - 40),
  ];

  it('draws distinct variants, the same for the same seed', () => {
    const first = drawVariants(axes, 100, 7);
    expect(new Set(first.map(variantKey)).size).toBe(100);
    expect(drawVariants(axes, 100, 7)).toEqual(first);
    expect(drawVariants(axes, 100, 8)).not.toEqual(first);
  });

  it('splits the budget into draws and chains as documented', () => {
    expect(samplerShape(200)).toEqual({ draws: 100, chains: 5 });
    expect(samplerShape(400)).toEqual({ draws: 200, chains: 7 });
    expect(samplerShape(1)).toEqual({ draws: 1, chains: 1 });
  });

  it('stays within its budget and refines to the bottom of a smooth bowl', async () => {
    const asked = await search(axes, { budget: 200, seed: 3, shard: null }, bowl);
    expect(asked.length).toBeLessThanOrEqual(200);
    expect(new Set(asked).size).toBe(asked.length);
    // The draws alone (100 of 5,000 variants) do not hit the exact bottom; refinement does.
    expect(asked).toContain('73,12');
    const drawsOnly = drawVariants(axes, samplerShape(200).draws, 3).map(variantKey);
    expect(drawsOnly).not.toContain('73,12');
    expect(asked.slice(0, drawsOnly.length).sort()).toEqual([...drawsOnly].sort());
  });

  it('starts refining at half the spacing of the draws', () => {
    // 100 draws over 2 varying axes: 10 per axis; 99 / 20 -> 5 steps of a, 49 / 20 -> 2 of b.
    expect(initialRadii(axes, 100)).toEqual([5, 2]);
    expect(initialRadii([axis('a', 0, 3, 1), axis('fixed', 1, 1, 1)], 50)).toEqual([1, 0]);
  });

  it('is the same search for the same seed, another for another seed', async () => {
    const a = await search(axes, { budget: 80, seed: 11, shard: null }, bowl);
    expect(await search(axes, { budget: 80, seed: 11, shard: null }, bowl)).toEqual(a);
    expect(await search(axes, { budget: 80, seed: 12, shard: null }, bowl)).not.toEqual(a);
  });

  it('splits into shards whose union is the unsharded search', async () => {
    const options = { budget: 300, seed: 5 };
    const whole = new Set(await search(axes, { ...options, shard: null }, bowl));
    for (const count of [2, 3]) {
      const union = new Set<string>();
      let planned = 0;
      for (let index = 1; index <= count; index++) {
        for (const k of await search(axes, { ...options, shard: { index, count } }, bowl)) union.add(k);
        planned += planSize(axes, { ...options, shard: { index, count } }).planned;
      }
      expect([...union].sort()).toEqual([...whole].sort());
      // The shards plan the whole budget between them.
      expect(planned).toBe(300);
    }
  });
});
