// The remembered sample searches (upperBoundFrom, MetricRef.countUpTo) give upperBound's answer
// whatever the hint or the order of questions: they are shortcuts, never a second semantics.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upperBound, upperBoundFrom } from '../src/runtime/samples.ts';
import { MetricRef } from '../src/runtime/values.ts';

const sortedTimes = fc
  .array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 })
  .map((xs) => Float64Array.from(xs.sort((a, b) => a - b)));
const question = fc.oneof(
  fc.integer({ min: -60, max: 60 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe('upperBoundFrom', () => {
  it('answers as upperBound from any hint, in range or not', () => {
    fc.assert(
      fc.property(sortedTimes, question, fc.integer({ min: -5, max: 70 }), (times, t, hint) => {
        expect(upperBoundFrom(times, t, hint)).toBe(upperBound(times, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the ends of runs of equal times from either side', () => {
    const times = Float64Array.from([1, 2, 2, 2, 2, 3]);
    expect(upperBoundFrom(times, 2, 0)).toBe(5);
    expect(upperBoundFrom(times, 2, 6)).toBe(5);
    expect(upperBoundFrom(times, 1.5, 6)).toBe(1);
    expect(upperBoundFrom(times, 0, 3)).toBe(0);
    expect(upperBoundFrom(times, 9, 0)).toBe(6);
  });
});

describe('MetricRef.countUpTo', () => {
  it('answers any sequence of questions as upperBound', () => {
    fc.assert(
      fc.property(sortedTimes, fc.array(question, { maxLength: 20 }), (times, questions) => {
        const ref = new MetricRef('$CPUPercent', { times, values: new Float64Array(times.length) });
        for (const t of questions) expect(ref.countUpTo(t)).toBe(upperBound(times, t));
      }),
      { numRuns: 1000 },
    );
  });

  it('forgets its answers when the history is given other times', () => {
    const history = { times: Float64Array.from([1, 2, 3]), values: new Float64Array(3) };
    const ref = new MetricRef('$CPUPercent', history);
    expect(ref.countUpTo(2)).toBe(2);
    history.times = Float64Array.from([1, 1.5, 1.7, 2, 3]);
    expect(ref.countUpTo(2)).toBe(4);
  });
});
