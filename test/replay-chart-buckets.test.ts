// Re-bucketing replay charts to their width in pixels: the playground's TypeScript
// (panels/chart-buckets.ts) and the self-contained report's page script (BUCKET_SCRIPT, plain
// JavaScript run here in a fresh V8 context as the page runs it) must keep every bucket's lowest
// and highest value in the order they occurred, keep a short range whole, keep the instants around
// the range and the replay's first and last, and give the same output for the same input.

import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketRange, type Column, nearestIndex } from '../packages/playground/src/panels/chart-buckets.ts';
import { BUCKET_SCRIPT } from '../packages/replay/src/report/chart-buckets-script.ts';

type Bucketing = typeof bucketRange;
type Nearest = typeof nearestIndex;

const page = runInNewContext(`${BUCKET_SCRIPT}; ({ bucketRange, nearestIndex })`) as {
  bucketRange: Bucketing;
  nearestIndex: Nearest;
};
// Arrays made in the page's context are copied into this one, so they compare as arrays here.
const pageBucketRange: Bucketing = (...args) => structuredClone(page.bucketRange(...args));

const implementations: Array<[string, Bucketing, Nearest]> = [
  ['playground', bucketRange, nearestIndex],
  ['report page', pageBucketRange, page.nearestIndex],
];

/** A year of 5-minute evaluations: x in seconds, a flat series with one spike and one dip, and a gap. */
function year(): { x: number[]; values: Array<number | null> } {
  const x = Array.from({ length: 105_120 }, (_, i) => 1_767_225_600 + i * 300);
  const values: Array<number | null> = x.map((_, i) => 10 + (i % 7));
  values[12_345] = 500;
  values[54_321] = -40;
  values[99_999] = null;
  return { x, values };
}

describe.each(implementations)('chart bucketing (%s)', (_, bucket, nearest) => {
  it('keeps a range of at most two instants per bucket as it is', () => {
    const x = [10, 20, 30, 40];
    expect(bucket(x, [[1, null, 3, 4]], 10, 40, 2)).toEqual([x, [1, null, 3, 4]]);
    expect(bucket([], [[]], 0, 1, 10)).toEqual([[], []]);
  });

  it('draws a bucket as two points, its lowest and highest value in the order they occurred', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    // Two buckets of four instants: the first rises to 5 then falls to 0, the second is flat.
    const out = bucket(x, [[1, 5, 2, 0, 3, 3, 3, 3]], 0, 8, 2);
    expect(out).toEqual([
      [0, 2, 4, 6, 7],
      [5, 0, 3, 3, 3],
    ]);
    // Its low before its high: the low comes first. A bucket of nulls stays a gap.
    expect(bucket(x, [[2, 1, 4, 9, null, null, null, null]], 0, 8, 2)[1]).toEqual([1, 9, null, null, null]);
  });

  it('cuts a year to the width in pixels, with its spike, dip and both ends, all at real instants', () => {
    const { x, values } = year();
    const [outX, outValues] = bucket(x, [values], x[0] as number, x[x.length - 1] as number, 800);
    expect(outX.length).toBeLessThanOrEqual(2 * 800 + 4);
    expect(outValues).toHaveLength(outX.length);
    expect(Math.max(...(outValues ?? []).map((v) => v ?? -Infinity))).toBe(500);
    expect(Math.min(...(outValues ?? []).map((v) => v ?? Infinity))).toBe(-40);
    expect(outX[0]).toBe(x[0]);
    expect(outX[outX.length - 1]).toBe(x[x.length - 1]);
    const instants = new Set(x);
    for (let i = 1; i < outX.length; i++) expect(outX[i] as number).toBeGreaterThan(outX[i - 1] as number);
    expect(outX.every((t) => instants.has(t))).toBe(true);
  });

  it('zoomed in, shows every instant of the period, the ones just outside it, and the ends', () => {
    const { x, values } = year();
    const [from, to] = [x[12_300] as number, x[12_400] as number];
    const whole = bucket(x, [values], x[0] as number, x[x.length - 1] as number, 800)[0];
    const [outX, outValues] = bucket(x, [values], from, to, 800);
    expect(outX).toEqual([x[0], ...x.slice(12_299, 12_402), x[x.length - 1]]);
    expect(outValues).toEqual([values[0], ...values.slice(12_299, 12_402), values[values.length - 1]]);
    // Finer than the whole year in the same period: every one of the 101 instants, not a few buckets' worth.
    const inPeriod = (xs: number[]) => xs.filter((t) => t >= from && t <= to).length;
    expect(inPeriod(outX)).toBe(101);
    expect(inPeriod(whole)).toBeLessThan(5);
  });

  it('picks the instant nearest to a time', () => {
    expect(nearest([], 5)).toBe(-1);
    expect(nearest([10, 20, 30], 0)).toBe(0);
    expect(nearest([10, 20, 30], 24)).toBe(1);
    expect(nearest([10, 20, 30], 26)).toBe(2);
    expect(nearest([10, 20, 30], 15)).toBe(0);
    expect(nearest([10, 20, 30], 99)).toBe(2);
  });
});

describe('chart bucketing: the page script and the playground agree', () => {
  const input = fc
    .record({
      steps: fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 400 }),
      columns: fc.integer({ min: 1, max: 3 }),
      seed: fc.array(fc.option(fc.integer({ min: -100, max: 100 }), { nil: null }), { minLength: 1, maxLength: 50 }),
      from: fc.double({ min: -0.1, max: 1.1, noNaN: true }),
      length: fc.double({ min: 0, max: 1.2, noNaN: true }),
      buckets: fc.integer({ min: 1, max: 60 }),
    })
    .map(({ steps, columns, seed, from, length, buckets }) => {
      const x: number[] = [];
      let t = 1000;
      for (const step of steps) {
        t += step;
        x.push(t);
      }
      const span = (x[x.length - 1] ?? 1000) - 1000;
      const cols: Column[] = Array.from({ length: columns }, (_, c) =>
        x.map((_, i) => seed[(i * (c + 3)) % seed.length] ?? null),
      );
      return { x, cols, min: 1000 + from * span, max: 1000 + (from + length) * span, buckets };
    });

  it('gives the same output for the same input, with every column as long as x, in ascending time', () => {
    fc.assert(
      fc.property(input, ({ x, cols, min, max, buckets }) => {
        const ours = bucketRange(x, cols, min, max, buckets);
        expect(pageBucketRange(x, cols, min, max, buckets)).toEqual(ours);
        const [outX, ...outCols] = ours;
        for (const col of outCols) expect(col).toHaveLength(outX.length);
        for (let i = 1; i < outX.length; i++) expect(outX[i] as number).toBeGreaterThan(outX[i - 1] as number);
        // The highest and lowest value of each column inside the period are drawn inside it: no spike lost.
        const within = (t: number) => t >= min && t <= max;
        for (const [c, col] of cols.entries()) {
          const source = col.filter((v, i): v is number => v !== null && within(x[i] as number));
          const drawn = (outCols[c] ?? []).filter((v, i): v is number => v !== null && within(outX[i] as number));
          expect(Math.max(...drawn)).toBe(Math.max(...source));
          expect(Math.min(...drawn)).toBe(Math.min(...source));
        }
      }),
      { numRuns: 300 },
    );
  });
});
