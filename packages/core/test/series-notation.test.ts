// The expanding series notation: every item form, every error with its offset, the expansion
// cap, and placement of a series on the time axis (end-anchored, start-anchored, gaps).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SERIES_SAMPLES, parseSeries, seriesToHistory } from '../src/context/series-notation.ts';

const schema = JSON.parse(readFileSync(new URL('../context.schema.json', import.meta.url), 'utf8'));
const seriesPattern = new RegExp(schema.$defs.metric.properties.values.pattern);

const _ = null;

describe('parseSeries accepts', () => {
  it.each<[string, Array<number | null>]>([
    ['', []],
    ['   ', []],
    ['7', [7]],
    ['1 2 3', [1, 2, 3]],
    ['  1\t2\n3  ', [1, 2, 3]],
    ['0x3', [0, 0, 0, 0]],
    ['5x0', [5]],
    ['1+1x3', [1, 2, 3, 4]],
    ['10-2x3', [10, 8, 6, 4]],
    ['-1.5', [-1.5]],
    ['-1-1x2', [-1, -2, -3]],
    ['-3+1.5x2', [-3, -1.5, 0]],
    ['2.5+0.5x3', [2.5, 3, 3.5, 4]],
    ['.5 1. +2', [0.5, 1, 2]],
    ['1e3 2.5e-1x1', [1000, 0.25, 0.25]],
    ['1e3+1e2x2', [1000, 1100, 1200]],
    ['_', [_]],
    ['_x2', [_, _, _]],
    ['1 _ 2', [1, _, 2]],
    ['0x1 5+1x1 _x1', [0, 0, 5, 6, _, _]],
  ])('%j', (text, values) => {
    expect(parseSeries(text)).toEqual({ ok: true, values });
    expect(seriesPattern.test(text), 'schema pattern agrees').toBe(true);
  });

  it('expands the issue example to 65 slots, the last 4 missing', () => {
    const r = parseSeries('0x20 5+1x39 _x3');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.values).toHaveLength(21 + 40 + 4);
    expect(r.values.slice(0, 21).every((v) => v === 0)).toBe(true);
    expect(r.values.slice(21, 61)).toEqual(Array.from({ length: 40 }, (_v, i) => 5 + i));
    expect(r.values.slice(61)).toEqual([_, _, _, _]);
  });

  it('computes ramps as a + i*b, without accumulated rounding', () => {
    const r = parseSeries('0+0.1x1000');
    expect(r.ok && r.values[1000]).toBe(100);
  });
});

describe('parseSeries refuses', () => {
  it.each<[string, Array<{ offset: number; length: number; message: RegExp }>]>([
    ['abc', [{ offset: 0, length: 3, message: /"abc" is not a series item/ }]],
    ['1 2 x3', [{ offset: 4, length: 2, message: /not a series item/ }]],
    ['x', [{ offset: 0, length: 1, message: /"x" is not a series item/ }]],
    ['5+1', [{ offset: 0, length: 3, message: /a step needs a count/ }]],
    ['5-1', [{ offset: 0, length: 3, message: /a step needs a count/ }]],
    ['1x', [{ offset: 0, length: 2, message: /followed by a count/ }]],
    ['1x-2', [{ offset: 0, length: 4, message: /non-negative whole number/ }]],
    ['1x2.5', [{ offset: 0, length: 5, message: /whole number/ }]],
    ['1X3', [{ offset: 0, length: 3, message: /lowercase "x"/ }]],
    ['_+1x3', [{ offset: 0, length: 5, message: /missing sample.*cannot have a step/ }]],
    ['NaN', [{ offset: 0, length: 3, message: /only finite numbers/ }]],
    ['-Inf', [{ offset: 0, length: 4, message: /only finite numbers/ }]],
    ['stale', [{ offset: 0, length: 5, message: /only finite numbers/ }]],
    ['1e400', [{ offset: 0, length: 5, message: /finite/ }]],
    ['1e308+1e308x5', [{ offset: 0, length: 13, message: /finite/ }]],
    ['1,2', [{ offset: 0, length: 3, message: /not a series item/ }]],
    ['5+-1x3', [{ offset: 0, length: 6, message: /not a series item/ }]],
    [
      '1 bad 2 worse',
      [
        { offset: 2, length: 3, message: /"bad"/ },
        { offset: 8, length: 5, message: /"worse"/ },
      ],
    ],
  ])('%j', (text, errors) => {
    const r = parseSeries(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(errors.length);
    errors.forEach((want, i) => {
      const got = r.errors[i];
      expect(got).toMatchObject({ offset: want.offset, length: want.length });
      expect(got?.message).toMatch(want.message);
    });
  });

  it('caps the expansion at MAX_SERIES_SAMPLES, before expanding anything', () => {
    expect(MAX_SERIES_SAMPLES).toBe(5_000_000);
    const r = parseSeries('1 0x99999999999');
    expect(r).toEqual({
      ok: false,
      errors: [{ offset: 2, length: 13, message: expect.stringMatching(/more than 5,000,000 samples/) }],
    });
    const total = parseSeries(`0x${MAX_SERIES_SAMPLES / 2 - 1} 1x${MAX_SERIES_SAMPLES / 2 - 1} 2`);
    expect(total.ok).toBe(false);
    if (!total.ok) expect(total.errors[0]?.message).toMatch(/limit/);
  });

  it('accepts exactly MAX_SERIES_SAMPLES', () => {
    const r = parseSeries(`_x${MAX_SERIES_SAMPLES - 1}`);
    expect(r.ok && r.values.length).toBe(MAX_SERIES_SAMPLES);
  });

  it('refuses a repeat count past the safe integers', () => {
    const r = parseSeries('0x99999999999999999999');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/too large/);
  });
});

describe('seriesToHistory', () => {
  const values = [1, null, 3, 4, null];

  it('ends the series (missing slots included) at `end`', () => {
    const h = seriesToHistory(values, { end: 1000, intervalMs: 10 });
    expect([...h.times]).toEqual([960, 980, 990]);
    expect([...h.values]).toEqual([1, 3, 4]);
  });

  it('starts the series at `start`', () => {
    const h = seriesToHistory(values, { start: 1000, intervalMs: 10 });
    expect([...h.times]).toEqual([1000, 1020, 1030]);
    expect([...h.values]).toEqual([1, 3, 4]);
  });

  it('gives an empty history for an empty or all-missing series', () => {
    for (const v of [[], [null, null]]) {
      const h = seriesToHistory(v, { end: 0, intervalMs: 30_000 });
      expect(h.times.length).toBe(0);
      expect(h.values.length).toBe(0);
    }
  });
});
