// The replay charts' time labels: UTC and 24-hour whatever the machine's zone, the day under the
// first tick of each day, days alone for ticks a day or more apart, the cursor's time with "UTC".

import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { utcCursorTime, utcTicks } from '../src/panels/time-labels.ts';

const u = {} as uPlot;
const at = (iso: string) => Date.parse(iso) / 1000;

describe('replay chart time labels', () => {
  it('labels hourly ticks in 24-hour UTC, with the day under the first tick of each day', () => {
    const splits = ['2026-01-05T20:00:00Z', '2026-01-05T22:00:00Z', '2026-01-06T00:00:00Z', '2026-01-06T14:00:00Z'].map(
      at,
    );
    expect(utcTicks(u, splits, 0, 50, 7200)).toEqual(['20:00\nJan 5', '22:00', '00:00\nJan 6', '14:00']);
  });

  it('labels ticks a day or more apart by their day', () => {
    expect(utcTicks(u, [at('2026-02-28T00:00:00Z'), at('2026-03-01T00:00:00Z')], 0, 50, 86_400)).toEqual([
      'Feb 28',
      'Mar 1',
    ]);
  });

  it('gives the cursor time to the minute in UTC, and -- where there is none', () => {
    expect(utcCursorTime(u, at('2026-01-05T06:15:42Z'))).toBe('2026-01-05 06:15 UTC');
    expect(utcCursorTime(u, null)).toBe('--');
  });
});
