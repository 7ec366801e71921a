// Tests for the seedable `rand()` generator: determinism, range [0, 1), rough uniformity, and
// tolerance of any seed.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRandom } from '../src/eval/rng.ts';

const take = (seed: number, n: number): number[] => {
  const next = createRandom(seed);
  return Array.from({ length: n }, () => next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(42, 100)).toEqual(take(42, 100));
  });

  it('gives different sequences for different seeds', () => {
    const seeds = [0, 1, 2, 42, -1, 0.5, 1.5, 2 ** 32, 2 ** 32 + 1, 1e300, -1e-300];
    const firsts = new Set(seeds.map((s) => take(s, 3).join(',')));
    expect(firsts.size).toBe(seeds.length);
  });

  it('treats 0 and -0 alike, and all NaNs alike', () => {
    expect(take(-0, 10)).toEqual(take(0, 10));
    expect(take(Number.NaN, 10)).toEqual(take(0 / 0, 10));
  });

  const oddSeeds: number[] = [
    0,
    -0,
    1,
    -1,
    0.1,
    123456789,
    2 ** 53,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  it.each(oddSeeds)('seed %s: draws are in [0, 1) and do not throw', (seed) => {
    for (const x of take(seed, 1000)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('stays in [0, 1) for any seed', () => {
    fc.assert(
      fc.property(fc.double(), (seed) => take(seed, 20).every((x) => x >= 0 && x < 1)),
      { numRuns: 2_000 },
    );
  });

  it('is roughly uniform (10 buckets, 100k draws, chi-square)', () => {
    const n = 100_000;
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    for (const x of take(7, n)) {
      const i = Math.floor(x * 10);
      buckets[i] = (buckets[i] ?? 0) + 1;
      sum += x;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    const expected = n / 10;
    const chi = buckets.reduce((acc, b) => acc + (b - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: 27.88 is the 0.1% critical value.
    expect(chi).toBeLessThan(27.88);
  });

  it('uses more than 32 bits of resolution', () => {
    const draws = take(3, 1000);
    expect(draws.some((x) => !Number.isInteger(x * 2 ** 32))).toBe(true);
  });
});
