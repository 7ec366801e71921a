// sweep(): the fast path for series sharing one times array (dense recording columns) visits
// exactly the segments and values the general merge does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricHistory } from '@autoscale/core';
import { sweep } from '../src/sim/trajectory.ts';

type Visit = [number, number, number[]];

function visits(series: Array<MetricHistory | undefined>, from: number, to: number): Visit[] {
  const out: Visit[] = [];
  sweep(series, from, to, (t0, t1, v) => out.push([t0, t1, Array.from(v)]));
  return out;
}

describe('sweep', () => {
  it('visits the same segments whether or not the series share their times array', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 30 })
          .map((t) => t.sort((a, b) => a - b)),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: -20, max: 220 }),
        fc.integer({ min: 0, max: 240 }),
        fc.boolean(),
        (times, columns, from, length, withAbsent) => {
          const shared = Float64Array.from(times);
          const seriesShared: Array<MetricHistory | undefined> = Array.from({ length: columns }, (_, k) => ({
            times: shared,
            values: Float64Array.from(times, (t) => t * (k + 1)),
          }));
          if (withAbsent) seriesShared.push(undefined);
          // The same data with a copy of the times per series takes the general merge.
          const seriesCopied = seriesShared.map((h) =>
            h === undefined ? undefined : { times: Float64Array.from(h.times), values: h.values },
          );
          expect(visits(seriesShared, from, from + length)).toEqual(visits(seriesCopied, from, from + length));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('integrates a hand-computed case: 2 nodes for 30 s, then 4 for 60 s', () => {
    const times = Float64Array.from([0, 30_000]);
    const out = visits([{ times, values: Float64Array.from([2, 4]) }], 0, 90_000);
    expect(out).toEqual([
      [0, 30_000, [2]],
      [30_000, 90_000, [4]],
    ]);
  });
});
