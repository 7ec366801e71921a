// Durations and instants of context files: every accepted form, every refusal with its reason,
// and the formatDuration / parseDuration round trip.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatInstant, parseDuration, parseInstant } from '../src/context/duration.ts';

const schema = JSON.parse(readFileSync(new URL('../context.schema.json', import.meta.url), 'utf8'));
const durationPattern = new RegExp(schema.$defs.duration.pattern);
const instantPattern = new RegExp(schema.$defs.instant.pattern);

const S = 1000,
  M = 60 * S,
  H = 60 * M,
  D = 24 * H;

describe('parseDuration accepts', () => {
  it.each([
    ['30s', 30 * S],
    ['15m', 15 * M],
    ['2h', 2 * H],
    ['1d', D],
    ['500ms', 500],
    ['0s', 0],
    ['1h30m', 90 * M],
    ['1d2h3m4s5ms', D + 2 * H + 3 * M + 4 * S + 5],
    ['1.5s', 1500],
    ['0.1s', 100],
    ['1.5h', 90 * M],
    ['PT15M', 15 * M],
    ['P1D', D],
    ['PT0.5S', 500],
    ['P1W', 7 * D],
    ['P1DT12H', 36 * H],
    ['PT1H30M', 90 * M],
    ['pt15m', 15 * M],
    ['PT0,5S', 500],
    ['PT0S', 0],
    ['PT0.001S', 1],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
    expect(durationPattern.test(text), 'schema pattern agrees').toBe(true);
  });
});

describe('parseDuration refuses', () => {
  it.each([
    ['30', /no unit.*ambiguous/],
    ['0', /no unit/],
    ['1.5', /no unit/],
    ['', /empty duration/],
    ['-30s', /cannot be negative/],
    ['30S', /lowercase/],
    ['1h30', /"30" has no unit/],
    ['30sec', /unknown unit "sec"/],
    ['30 s', /not a duration/],
    [' 30s', /not a duration/],
    ['30s1m', /largest to smallest/],
    ['1m1m', /largest to smallest/],
    ['abc', /not a duration/],
    ['P', /not an ISO 8601 duration/],
    ['PT', /not an ISO 8601 duration/],
    ['P1DT', /not an ISO 8601 duration/],
    ['PT15X', /not an ISO 8601 duration/],
    ['P1Y', /no fixed length/],
    ['P1M', /no fixed length/],
    ['0.5ms', /whole number of milliseconds/],
    ['PT0.0001S', /whole number of milliseconds/],
    ['99999999999999999999d', /too long/],
  ])('%j', (text, reason) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [30 * S, '30s'],
    [90 * M, '1h30m'],
    [D, '1d'],
    [D + 1, '1d1ms'],
    [36 * H + 30 * S, '1d12h30s'],
    [-30 * S, '-30s'],
    [1.5, '1.5ms'],
  ])('%d ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('round-trips through parseDuration', () => {
    for (const ms of [0, 1, 999, 1000, 59_999, 60_000, 3_599_999, 86_400_000, 123_456_789, 7 * D + 1]) {
      expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, ms });
    }
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-01-05T10:00:00Z', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05t10:00:00z', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05 10:00:00Z', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05T10:00Z', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05T11:00:00+01:00', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05T05:30:00-0430', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05T10:00:00.250Z', Date.UTC(2026, 0, 5, 10, 0, 0, 250)],
    ['2026-01-05T10:00:00.5Z', Date.UTC(2026, 0, 5, 10, 0, 0, 500)],
    ['2026-01-05T10:00:00.123000Z', Date.UTC(2026, 0, 5, 10, 0, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0050-01-01T00:00:00Z', -60589296000000],
  ])('%s', (text, ms) => {
    expect(parseInstant(text)).toEqual({ ok: true, ms });
    expect(instantPattern.test(text), 'schema pattern agrees').toBe(true);
  });

  it.each([
    ['2026-01-05T10:00:00', /zone.*required/],
    ['2026-01-05', /not an ISO 8601 instant/],
    ['yesterday', /not an ISO 8601 instant/],
    ['1767607200000', /not an ISO 8601 instant/],
    ['2026-13-01T00:00:00Z', /no such date/],
    ['2025-02-29T00:00:00Z', /no such date/],
    ['2026-01-05T24:00:00Z', /no such time/],
    ['2026-01-05T10:60:00Z', /no such time/],
    ['2026-01-05T10:00:60Z', /no such time/],
    ['2026-01-05T10:00:00+25:00', /no such zone offset/],
    ['2026-01-05T10:00:00.0001Z', /finer than a millisecond/],
  ])('refuses %s', (text, reason) => {
    const r = parseInstant(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('formatInstant drops a zero millisecond part and round-trips', () => {
    expect(formatInstant(Date.UTC(2026, 0, 5, 10))).toBe('2026-01-05T10:00:00Z');
    expect(formatInstant(Date.UTC(2026, 0, 5, 10, 0, 0, 7))).toBe('2026-01-05T10:00:00.007Z');
    for (const ms of [0, 1, Date.UTC(2026, 0, 5, 10, 0, 0, 7), Date.UTC(1999, 11, 31, 23, 59, 59, 999)]) {
      expect(parseInstant(formatInstant(ms))).toEqual({ ok: true, ms });
    }
  });
});
