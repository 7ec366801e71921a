// The orders and the front of a tune search (ties, missing figures, the constraint), merging the
// results of shards (the union's best and front from the shards' own, and every way shards can fail
// to make one search), and the progress line.

import { describe, expect, it } from 'vitest';
import { mergeShards, type ShardFile } from '../src/tune/merge.ts';
import { TuneProgress } from '../src/tune/progress.ts';
import { bestOf, compareCentre, paretoFront, type Criteria, type Scored } from '../src/tune/rank.ts';
import { buildResult, figuresOf, type ScoredPoint, type SearchJson, type TuneResult } from '../src/tune/result.ts';
import type { ParamValues } from '../src/tune/variant.ts';

function scored(x: number, objective: number, delay: number | null, failed = 0, meets = true): Scored {
  return { params: { x }, objective, delay, failedEvaluations: failed, meets };
}

describe('best and front', () => {
  it('the best meets the constraint, then has the lowest objective, delay, failures, grid position', () => {
    expect(bestOf([scored(1, 5, 10), scored(2, 4, 99, 0, false), scored(3, 5, 9)])?.params).toEqual({ x: 3 });
    expect(bestOf([scored(1, 5, 9, 2), scored(2, 5, 9, 1)])?.params).toEqual({ x: 2 });
    expect(bestOf([scored(2, 5, 9), scored(1, 5, 9)])?.params).toEqual({ x: 1 });
    expect(bestOf([scored(1, 5, null), scored(2, 5, 100)])?.params).toEqual({ x: 2 });
    expect(bestOf([scored(1, 1, 1, 0, false)])).toBeUndefined();
  });

  it('a chain centre prefers meeting the constraint, then the nearest to meeting it', () => {
    expect(compareCentre(scored(1, 9, 5), scored(2, 1, 50, 0, false))).toBeLessThan(0);
    expect(compareCentre(scored(1, 1, 60, 0, false), scored(2, 9, 50, 0, false))).toBeGreaterThan(0);
  });

  it('the front keeps one variant per undominated point, sorted by objective', () => {
    const front = paretoFront([
      scored(1, 10, 5),
      scored(2, 10, 5), // the same point as x = 1: x = 1 represents it
      scored(3, 8, 9),
      scored(4, 9, 9), // dominated by x = 3
      scored(5, 12, 1),
      scored(6, 3, null), // cheapest, no figure: on the front
      scored(7, 4, null), // dominated by x = 6
    ]);
    expect(front.map((s) => s.params.x)).toEqual([6, 3, 1, 5]);
  });
});

const SEARCH: SearchJson = {
  formula: { name: 'f.autoscale', text: 'x = 1;\n$TargetDedicatedNodes = x;\n' },
  recording: 'r.csv',
  settings: { mode: 'closed' },
  params: [{ name: 'x', from: 1, to: 6, step: 1, values: 6, formula: 1 }],
  objective: 'cost',
  delay: 'wait-p95-seconds',
  maxWaitP95Seconds: 10,
  strategy: 'grid',
  space: 6,
  budget: 200,
  seed: 1,
  chains: null,
};
const criteria: Criteria = { objective: 'cost', delay: 'wait-p95-seconds', maxWaitP95Seconds: 10 };

/** A summary with the figures the orders read; the rest of its fields do not matter here. */
function point(x: number, cost: number, wait: number): ScoredPoint {
  const summary = {
    cost,
    nodeHours: { dedicated: cost, lowPriority: 0 },
    failedEvaluations: 0,
    closedLoop: { waitP95Seconds: wait },
  };
  const params: ParamValues = { x };
  return {
    params,
    objective: cost,
    delay: wait,
    failedEvaluations: 0,
    meets: wait <= (criteria.maxWaitP95Seconds as number),
    summary: summary as unknown as ScoredPoint['summary'],
  };
}

// x nodes: cost x, wait 60 / x. Meets wait <= 10 from x = 6.
const POINTS = [1, 2, 3, 4, 5, 6].map((x) => point(x, x, 60 / x));
const baseline = { params: { x: 1 }, summary: POINTS[0]?.summary as ScoredPoint['summary'] };
const formulaOf = (p: ParamValues) => `x = ${p.x};\n$TargetDedicatedNodes = x;\n`;

function shard(index: number, count: number): TuneResult {
  const mine = POINTS.filter((_, i) => i % count === index - 1);
  return buildResult(SEARCH, { index, count }, baseline, mine, mine.map(figuresOf), formulaOf);
}

const whole = buildResult(SEARCH, null, baseline, POINTS, POINTS.map(figuresOf), formulaOf);
const files = (...results: unknown[]): ShardFile[] => results.map((value, i) => ({ file: `s${i + 1}.json`, value }));

describe('merging shards', () => {
  it('gives the unsharded result, whatever the number of shards', () => {
    expect(whole.best?.params).toEqual({ x: 6 });
    for (const count of [1, 2, 3, 4]) {
      const shards = Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(shard(i + 1, count))));
      expect(mergeShards(files(...shards.reverse()))).toEqual({ ok: true, result: whole });
    }
  });

  it('needs every shard of one search once', () => {
    const errors = (...results: unknown[]) => {
      const r = mergeShards(files(...results));
      return r.ok ? [] : r.errors;
    };
    expect(errors(shard(1, 2))).toEqual(['shard 2 of 2 is missing']);
    expect(errors(shard(1, 2), shard(1, 2), shard(2, 2))).toEqual(['s1.json and s2.json are both shard 1 of 2']);
    expect(errors(shard(1, 2), shard(2, 3))).toEqual(['s2.json is shard 2 of 3, but s1.json is one of 2']);
    const other = { ...shard(2, 2), search: { ...SEARCH, seed: 2, budget: 100 } };
    expect(errors(shard(1, 2), other)).toEqual([
      's2.json is a shard of another search than s1.json (they differ in: budget, seed)',
    ]);
    const rebased = { ...shard(2, 2), baseline: { ...baseline, params: { x: 2 } } };
    expect(errors(shard(1, 2), rebased)).toEqual([
      's2.json replayed the formula as written differently from s1.json (another recording?)',
    ]);
    expect(errors()).toEqual(['no shard results to merge']);
  });

  it('refuses what is not a shard result', () => {
    const errors = (value: unknown) => {
      const r = mergeShards([{ file: 'x.json', value }]);
      return r.ok ? '' : (r.errors[0] ?? '');
    };
    expect(errors(whole)).toBe(
      'x.json: not the result of a tune shard: it was not run as a shard (only the shards of one search are merged)',
    );
    expect(errors([1, 2])).toContain('not a JSON object');
    expect(errors({ ...shard(1, 1), version: 99 })).toContain('not a tune result of version 1');
    expect(errors({ ...shard(1, 1), front: null })).toContain('no "front" list');
    expect(errors({ ...shard(1, 1), shard: { index: 'one' } })).toContain('"shard" is not {index, count}');
  });
});

describe('the progress line', () => {
  it('redraws when the count changes and clears itself', () => {
    const out: string[] = [];
    const p = new TuneProgress((s) => out.push(s), 10);
    p.update(0, 8);
    p.update(0, 8);
    p.update(4, 8);
    p.done();
    expect(out).toEqual([
      '\rtuning [..........]   0%  0/8 variants',
      '\rtuning [#####.....]  50%  4/8 variants',
      `\r${' '.repeat(38)}\r`,
    ]);
  });
});
