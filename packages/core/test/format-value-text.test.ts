// Tests for the service's text forms of values: C `%g` doubles (expected values checked against
// glibc printf), ISO 8601 millisecond timestamps and .NET TimeSpan "c" intervals.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  formatDouble,
  formatDoubleSlowly,
  formatTimestamp,
  formatTimestampSlowly,
  formatTimeInterval,
  formatTimeIntervalSlowly,
} from '../src/runtime/format-value-text.ts';

describe('formatDouble', () => {
  const cases: Array<[number, string]> = [
    [(29 / 30) * 100, '96.6667'],
    [0.5, '0.5'],
    [3, '3'],
    [100, '100'],
    [-2.5, '-2.5'],
    [0, '0'],
    [-0, '-0'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [1e21, '1e+21'],
    [1e-7, '1e-07'],
    [123456, '123456'],
    [999999, '999999'],
    [999999.4, '999999'],
    // Rounds up to 1e+06, which then takes the exponent form (exponent judged after rounding).
    [999999.5, '1e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [9.999995e-5, '0.0001'],
    [2.5e-5, '2.5e-05'],
    [0.000123456789, '0.000123457'],
    [0.000999999, '0.000999999'],
    [1e6, '1e+06'],
    [1.5e10, '1.5e+10'],
    [1234567, '1.23457e+06'],
    // Exact ties round half to even, as glibc does.
    [1234565, '1.23456e+06'],
    [1234575, '1.23458e+06'],
    [123456.5, '123456'],
    [123457.5, '123458'],
    [0.3333333333333333, '0.333333'],
    [2 / 3, '0.666667'],
    [-123.456789, '-123.457'],
    [9.999995, '10'],
    [99999.95, '99999.9'],
    [0.1, '0.1'],
    [1e15, '1e+15'],
    [1.2345678901234567e19, '1.23457e+19'],
    [1e100, '1e+100'],
    [-1e-300, '-1e-300'],
    [5e-324, '4.94066e-324'],
    [Number.MAX_VALUE, '1.79769e+308'],
    [-Number.MAX_VALUE, '-1.79769e+308'],
  ];
  it.each(cases)('formatDouble(%s) = %s', (x, expected) => {
    expect(formatDouble(x)).toBe(expected);
  });

  it('round-trips any finite double to within 6 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const back = Number(formatDouble(x));
        if (x === 0) return back === 0;
        return Math.abs(back - x) <= 5e-6 * Math.abs(x);
      }),
      { numRuns: 20_000 },
    );
  });

  it('never prints more than 6 significant digits or a trailing zero/point', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatDouble(x);
        const mantissa = text.split('e')[0] ?? '';
        const digits = mantissa.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
        const fractionOk = !mantissa.includes('.') || !/[0.]$/.test(mantissa);
        return digits.length <= 6 && fractionOk;
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('formatTimestamp', () => {
  const cases: Array<[number, string]> = [
    [Date.UTC(2016, 9, 13, 19, 18, 47, 805), '2016-10-13T19:18:47.805Z'],
    [0, '1970-01-01T00:00:00.000Z'],
    [-0, '1970-01-01T00:00:00.000Z'],
    [Date.UTC(2024, 9, 30) + 880.011, '2024-10-30T00:00:00.880Z'],
    // Sub-millisecond parts are dropped toward the past: the printed ms contains the instant.
    [999.9999, '1970-01-01T00:00:00.999Z'],
    [-0.5, '1969-12-31T23:59:59.999Z'],
    [Date.UTC(9999, 11, 31, 23, 59, 59, 999), '9999-12-31T23:59:59.999Z'],
    [Date.UTC(2000, 1, 29, 12), '2000-02-29T12:00:00.000Z'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ];
  it.each(cases)('formatTimestamp(%s) = %s', (ms, expected) => {
    expect(formatTimestamp(ms)).toBe(expected);
  });

  it('does not throw outside the Date range and keeps the 400-year calendar cycle', () => {
    const cycle = 146_097 * 86_400_000;
    expect(formatTimestamp(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(formatTimestamp(8.64e15 + cycle)).toBe('+276160-09-13T00:00:00.000Z');
    expect(formatTimestamp(-8.64e15 - cycle)).toBe('-272221-04-20T00:00:00.000Z');
    for (const ms of [1e16, -1e16, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE]) {
      expect(typeof formatTimestamp(ms)).toBe('string');
    }
  });

  it('matches Date.prototype.toISOString for whole milliseconds in years 0000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        return formatTimestamp(ms) === new Date(ms).toISOString();
      }),
    );
  });
});

describe('formatTimeInterval', () => {
  const cases: Array<[number, string]> = [
    [0, '00:00:00'],
    [-0, '00:00:00'],
    [30_000, '00:00:30'],
    [60_000, '00:01:00'],
    [3_600_000, '01:00:00'],
    [86_400_000, '1.00:00:00'],
    [86_400_000 * 2 + 3_723_004, '2.01:02:03.0040000'],
    [500, '00:00:00.5000000'],
    [-90_000, '-00:01:30'],
    [-86_400_000 - 500, '-1.00:00:00.5000000'],
    [0.0001, '00:00:00.0000001'],
    // Below half a tick rounds to zero; there is no negative zero TimeSpan.
    [0.00004, '00:00:00'],
    [-0.00004, '00:00:00'],
    [1.23456789, '00:00:00.0012346'],
    [23 * 3_600_000 + 59 * 60_000 + 59_999.9999, '23:59:59.9999999'],
    [10_675_199 * 86_400_000, '10675199.00:00:00'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    // ms * 10000 overflows: reported as the infinity it became.
    [1e306, 'inf'],
    [-1e306, '-inf'],
  ];
  it.each(cases)('formatTimeInterval(%s) = %s', (ms, expected) => {
    expect(formatTimeInterval(ms)).toBe(expected);
  });

  it('prints huge finite intervals exactly without throwing', () => {
    // 1e15 ms = 1e19 ticks, exactly representable: BigInt keeps every digit.
    expect(formatTimeInterval(1e15)).toBe('11574074.01:46:40');
    expect(formatTimeInterval(-1e15)).toBe('-11574074.01:46:40');
    expect(typeof formatTimeInterval(1e300)).toBe('string');
  });

  it('has the "c" shape for any finite input', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (ms) => {
        return /^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{7})?$/.test(formatTimeInterval(ms));
      }),
    );
  });
});

describe('timestamps and intervals: the fast paths print what the general routes print', () => {
  it('formatTimestamp: by day and digit tables as through a Date, in any order of instants', () => {
    const instant = fc.oneof(
      fc.integer({ min: -1e13, max: 2.6e14 }),
      fc.double({ min: -1e13, max: 2.6e14, noNaN: true }),
      fc.constantFrom(0, -0, 0.5, 86_399_999.9, 253_402_300_799_999.5, 253_402_300_800_000, -0.5),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 8 }), (list) => {
        for (const ms of list) expect(formatTimestamp(ms)).toBe(formatTimestampSlowly(ms));
      }),
      { numRuns: 2000 },
    );
  });

  it('formatTimeInterval: in doubles up to 2^53 ticks as in BigInt, and beyond', () => {
    // 2^53 ticks is about 9.007e11 ms: both sides of it, fractions of a tick, halves of one.
    const interval = fc.oneof(
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((t) => t / 10_000),
      fc.integer({ min: -100, max: 100 }).map((t) => 900_719_925_474.0992 + t / 10_000),
      fc.constantFrom(0, -0, 0.00005, -0.00005, 0.00015, -0.00015, 1e15, -1e15, Number.NaN),
    );
    fc.assert(
      fc.property(interval, (ms) => {
        expect(formatTimeInterval(ms)).toBe(formatTimeIntervalSlowly(ms));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formatDouble: the fast paths print what the exact route prints', () => {
  // Dyadic values with few digits hit exact ties (12.34625 = 395/32: C breaks it to even).
  const dyadic = fc
    .tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 30 }))
    .map(([n, k]) => n / 2 ** k);
  const decimal = fc
    .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 9 }))
    .map(([n, k]) => n / 10 ** k);

  // Six-digit halves (d.5 x 10^k, C's ties when exact) and the doubles either side of them.
  const nextTo = (x: number, steps: number): number => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    view.setBigInt64(0, view.getBigInt64(0) + BigInt(steps));
    return view.getFloat64(0);
  };
  const nearHalf = fc
    .tuple(
      fc.integer({ min: 100_000, max: 999_999 }),
      fc.integer({ min: -10, max: 1 }),
      fc.integer({ min: -3, max: 3 }),
    )
    .map(([digits, k, steps]) => nextTo((digits + 0.5) * 10 ** k, steps));
  // Powers of ten and their neighbours (log10 may be one off there).
  const nearPower = fc
    .tuple(fc.integer({ min: -5, max: 6 }), fc.integer({ min: -3, max: 3 }))
    .map(([k, steps]) => nextTo(10 ** k, steps));

  it('on arbitrary doubles, dyadic ties, short decimals and the range edges', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), dyadic, decimal, nearHalf, nearPower), (x) => {
        expect(formatDouble(x)).toBe(formatDoubleSlowly(x));
      }),
      { numRuns: 20_000 },
    );
    for (const x of [
      12.34625,
      12.34375,
      999999.5,
      999999.4,
      999999.6,
      0.0001,
      0.00009999996,
      1e-4 - 1e-20,
      1e6,
      -0,
      0.5,
      -2.5e-5,
      83.33333333,
    ])
      expect(formatDouble(x), String(x)).toBe(formatDoubleSlowly(x));
    expect(formatDouble(12.34625)).toBe('12.3462');
    expect(formatDouble(83.33333333)).toBe('83.3333');
  });

  it('prints the same when a value comes again, or another takes its remembered slot', () => {
    // A few values over and over (the percentages of a 30-sample window), and many that share slots.
    const percentages = fc.integer({ min: 0, max: 30 }).map((k) => (k / 30) * 100);
    const crowd = fc.integer({ min: 1, max: 5000 }).map((k) => k / 7 + 0.001);
    fc.assert(
      fc.property(fc.array(fc.oneof(percentages, crowd, decimal, nearHalf), { minLength: 1, maxLength: 300 }), (xs) => {
        for (const x of xs) expect(formatDouble(x)).toBe(formatDoubleSlowly(x));
      }),
      { numRuns: 300 },
    );
  });
});
