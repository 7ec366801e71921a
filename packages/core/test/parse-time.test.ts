// Tests for `time("...")` string parsing: RFC 1123 and W3C-DTF / ISO 8601, at most 7 fractional
// digits, strict calendar validation, and never throwing on arbitrary input.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseTimeString } from '../src/runtime/parse-time.ts';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('parseTimeString: accepted', () => {
  const cases: Array<[string, number]> = [
    // RFC 1123, as .NET's ToString("r") writes it (the docs' example).
    ['Mon, 06 Oct 2014 10:20:00 GMT', utc(2014, 10, 6, 10, 20)],
    ['06 Oct 2014 10:20:00 GMT', utc(2014, 10, 6, 10, 20)],
    ['6 Oct 2014 10:20:00 GMT', utc(2014, 10, 6, 10, 20)],
    ['Thu, 13 Oct 2016 19:18:47 UTC', utc(2016, 10, 13, 19, 18, 47)],
    ['Thu, 13 Oct 2016 19:18:47 UT', utc(2016, 10, 13, 19, 18, 47)],
    ['Thu, 13 Oct 2016 19:18:47 Z', utc(2016, 10, 13, 19, 18, 47)],
    ['Thu, 13 Oct 2016 19:18 GMT', utc(2016, 10, 13, 19, 18)],
    ['mon, 06 oct 2014 10:20:00 gmt', utc(2014, 10, 6, 10, 20)],
    ['Mon, 06 Oct 2014 12:20:00 +0200', utc(2014, 10, 6, 10, 20)],
    ['Mon, 06 Oct 2014 05:20:00 -0500', utc(2014, 10, 6, 10, 20)],
    // The day name belongs to the written date even when the zone moves the instant to another day.
    ['Tue, 07 Oct 2014 01:00:00 +0200', utc(2014, 10, 6, 23)],
    ['Tue, 29 Feb 2000 00:00:00 GMT', utc(2000, 2, 29)],
    // W3C-DTF / ISO 8601.
    ['2014', utc(2014, 1, 1)],
    ['2014-10', utc(2014, 10, 1)],
    ['2014-10-06', utc(2014, 10, 6)],
    ['2014-10-06T10:20Z', utc(2014, 10, 6, 10, 20)],
    ['2014-10-06T10:20:30Z', utc(2014, 10, 6, 10, 20, 30)],
    ['2014-10-06T10:20:30', utc(2014, 10, 6, 10, 20, 30)],
    ['2014-10-06 10:20:30', utc(2014, 10, 6, 10, 20, 30)],
    ['2014-10-06T10:20:30.5Z', utc(2014, 10, 6, 10, 20, 30, 500)],
    ['2014-10-06T10:20:30.123Z', utc(2014, 10, 6, 10, 20, 30, 123)],
    ['2014-10-06T12:20:30+02:00', utc(2014, 10, 6, 10, 20, 30)],
    ['2014-10-06T05:50:30-04:30', utc(2014, 10, 6, 10, 20, 30)],
    ['2014-10-06T00:00:00-00:00', utc(2014, 10, 6)],
    ['2014-10-06T00:30:00+14:00', utc(2014, 10, 5, 10, 30)],
    ['  2014-10-06T10:20:30Z\n', utc(2014, 10, 6, 10, 20, 30)],
    ['2000-02-29', utc(2000, 2, 29)],
    ['2024-02-29T23:59:59Z', utc(2024, 2, 29, 23, 59, 59)],
    ['0001-01-01T00:00:00Z', -62_135_596_800_000],
    ['0099-06-15', -59_028_739_200_000],
    ['9999-12-31T23:59:59.9999999Z', utc(9999, 12, 31, 23, 59, 59) + 999.9999],
  ];
  it.each(cases)('%j', (text, expected) => {
    const result = parseTimeString(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.ms).toBeCloseTo(expected, 2);
  });

  it('keeps sub-millisecond precision as a fraction', () => {
    const base = utc(2024, 10, 30);
    const six = parseTimeString('2024-10-30T00:00:00.880011Z');
    expect(six.ok && six.ms - base).toBeCloseTo(880.011, 3);
    const seven = parseTimeString('1970-01-01T00:00:00.0000001Z');
    expect(seven).toEqual({ ok: true, ms: 0.0001 });
    const near = parseTimeString('1970-01-01T00:00:01.2345678Z');
    expect(near).toEqual({ ok: true, ms: 1234.5678 });
  });
});

describe('parseTimeString: rejected', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    // Java 17 Instant.toString(): the service rejected it (Nextflow #3866).
    ['2024-10-30T00:00:00.880011123Z', /more than 7 fractional digits/],
    ['2024-10-30T00:00:00.12345678Z', /more than 7 fractional digits/],
    ['2024-02-30', /day 30 is out of range/],
    ['2023-02-29', /day 29 is out of range/],
    ['1900-02-29', /day 29 is out of range/],
    ['2024-04-31', /day 31/],
    ['2024-13-01', /month 13/],
    ['2024-00-10', /month 0/],
    ['2024-01-00', /day 0/],
    ['2024-01-01T24:00:00Z', /hour 24/],
    ['2024-01-01T23:60:00Z', /minute 60/],
    ['2024-01-01T23:59:60Z', /second 60/],
    ['0000-01-01', /year 0/],
    ['2024-01-01T10:00:00+15:00', /offset/],
    ['2024-01-01T10:00:00+05:60', /minutes 60/],
    ['Mon, 30 Feb 2014 10:20:00 GMT', /day 30/],
    ['Mon, 06 Foo 2014 10:20:00 GMT', /unknown month/],
    ['Tue, 06 Oct 2014 10:20:00 GMT', /does not match the date \(it is a mon\)/],
    ['Xyz, 06 Oct 2014 10:20:00 GMT', /unknown day name/],
    ['Mon, 06 Oct 2014 24:00:00 GMT', /hour 24/],
    ['Mon, 06 Oct 2014 10:20:00 +0261', /minutes 61/],
    ['Mon, 06 Oct 2014 10:20:00 EST', /not a recognised time/],
    ['Mon, 06 Oct 2014 10:20:00', /not a recognised time/],
    ['Mon 06 Oct 2014 10:20:00 GMT', /not a recognised time/],
    ['Monday, 06 Oct 2014 10:20:00 GMT', /not a recognised time/],
    ['2014-10-06T10:20:30.Z', /not a recognised time/],
    ['2014-10-06T10Z', /not a recognised time/],
    ['2014-10-06T1:20:30Z', /not a recognised time/],
    ['2014-10-06T10:20:30+0200', /not a recognised time/],
    ['2014-10-06T10:20:30z', /not a recognised time/],
    ['2014-1-6', /not a recognised time/],
    ['14-10-06', /not a recognised time/],
    ['20141006', /not a recognised time/],
    ['+002014-10-06', /not a recognised time/],
    ['2014-10-06Z', /not a recognised time/],
    ['2014-10-06T10:20:30Z extra', /not a recognised time/],
    ['now', /not a recognised time/],
    ['1412590800', /not a recognised time/],
    ['１２３４-01-01', /not a recognised time/],
  ];
  it.each(cases)('%j', (text, reason) => {
    const result = parseTimeString(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('never throws, on any string or non-string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const result = parseTimeString(text);
        return result.ok ? Number.isFinite(result.ms) : result.reason.length > 0;
      }),
      { numRuns: 5_000 },
    );
    for (const bad of [undefined, null, 42, {}] as unknown[]) {
      expect(parseTimeString(bad as string).ok).toBe(false);
    }
  });

  it('round-trips every ISO timestamp Date can print in years 0001-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        const result = parseTimeString(new Date(ms).toISOString());
        return result.ok && result.ms === ms;
      }),
      { numRuns: 5_000 },
    );
  });

  it('round-trips every RFC 1123 string Date can print in years 1000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_610_224_000, max: 253_402_300_799 }), (s) => {
        const ms = s * 1000;
        const result = parseTimeString(new Date(ms).toUTCString());
        return result.ok && result.ms === ms;
      }),
      { numRuns: 5_000 },
    );
  });
});
