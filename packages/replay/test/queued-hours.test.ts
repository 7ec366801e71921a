// queuedNoFreeSlotHours walks its three series inline (StepWalker, msAbove); it must count exactly the
// time sweep's segments would: pending tasks above nodes x slots, absent node series as 0.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricHistory } from '@autoscale/core';
import { queuedNoFreeSlotHours } from '../src/replay/recorded.ts';
import type { ReplaySettings } from '../src/replay/types.ts';
import { MS_PER_HOUR, sweep } from '../src/sim/trajectory.ts';

/** The rule stated over sweep's segments: the reference the inline walk must agree with. */
function bySweep(series: Array<MetricHistory | undefined>, from: number, to: number, slots: number): number {
  let ms = 0;
  sweep(series, from, to, (t0, t1, v) => {
    const nodes =
      (Number.isNaN(v[1] as number) ? 0 : (v[1] as number)) + (Number.isNaN(v[2] as number) ? 0 : (v[2] as number));
    if ((v[0] as number) > nodes * slots) ms += t1 - t0;
  });
  return ms / MS_PER_HOUR;
}

const series = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc
      .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 25 })
      .chain((times) =>
        fc.tuple(
          fc.constant(Float64Array.from(times.sort((a, b) => a - b))),
          fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(Number.NaN)), {
            minLength: times.length,
            maxLength: times.length,
          }),
        ),
      )
      .map(([times, values]): MetricHistory => ({ times, values: Float64Array.from(values) })),
  },
);

describe('queuedNoFreeSlotHours', () => {
  it('counts what sweep’s segments count, for any series, window and slots', () => {
    fc.assert(
      fc.property(
        series,
        series,
        series,
        fc.integer({ min: -20, max: 320 }),
        fc.integer({ min: -5, max: 340 }),
        fc.integer({ min: 1, max: 4 }),
        (pending, dedicated, lowPriority, from, length, slots) => {
          const settings = { from, to: from + length, taskSlotsPerNode: slots } as ReplaySettings;
          const expected =
            pending === undefined || (dedicated === undefined && lowPriority === undefined)
              ? null
              : bySweep([pending, dedicated, lowPriority], from, from + length, slots);
          expect(queuedNoFreeSlotHours(pending, dedicated, lowPriority, settings)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("counts the same when the three share one time array, as a recording's dense columns do", () => {
    const shared = fc
      .uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 40 })
      .map((times) => Float64Array.from(times.sort((a, b) => a - b)))
      .chain((times) => {
        const values = fc
          .array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(Number.NaN)), {
            minLength: times.length,
            maxLength: times.length,
          })
          .map((v): MetricHistory => ({ times, values: Float64Array.from(v) }));
        return fc.tuple(values, values, values);
      });
    fc.assert(
      fc.property(
        shared,
        fc.integer({ min: -20, max: 320 }),
        fc.integer({ min: -5, max: 340 }),
        fc.integer({ min: 1, max: 4 }),
        ([pending, dedicated, lowPriority], from, length, slots) => {
          const settings = { from, to: from + length, taskSlotsPerNode: slots } as ReplaySettings;
          const expected = bySweep([pending, dedicated, lowPriority], from, from + length, slots);
          expect(queuedNoFreeSlotHours(pending, dedicated, lowPriority, settings)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts a hand-checked case: 5 tasks, 1 node of 2 slots for an hour, then 3 nodes', () => {
    const h = (times: number[], values: number[]): MetricHistory => ({
      times: Float64Array.from(times),
      values: Float64Array.from(values),
    });
    const settings = { from: 0, to: 2 * MS_PER_HOUR, taskSlotsPerNode: 2 } as ReplaySettings;
    const pending = h([0], [5]);
    const dedicated = h([0, MS_PER_HOUR], [1, 3]);
    expect(queuedNoFreeSlotHours(pending, dedicated, undefined, settings)).toBe(1);
    expect(queuedNoFreeSlotHours(pending, undefined, undefined, settings)).toBeNull();
  });
});
