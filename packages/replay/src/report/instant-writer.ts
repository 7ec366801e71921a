// ISO instants of a timeline's times for the streamed reports, exactly as format.ts's `instant`
// writes them, without a Date and a string replace per row: a pool-year's timeline is a hundred
// thousand instants, five minutes apart.

import { instant } from './format.ts';

/**
 * ISO instants of a timeline's times, as report/format.ts's `instant` writes them: the date part
 * is worked out once per day (a day holds hundreds of evaluations), the time of day by digits.
 */
export class InstantWriter {
  private day = Number.NaN;
  private prefix = '';

  format(ms: number): string {
    if (!isPlainInstant(ms)) return instant(ms);
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.prefix = datePrefix(day);
    }
    const rest = ms - day * DAY_MS;
    const seconds = Math.floor(rest / 1000);
    const millis = rest - seconds * 1000;
    const time = timeOfDay(seconds);
    return millis === 0 ? `${this.prefix}${time}Z` : `${this.prefix}${time}.${String(millis).padStart(3, '0')}Z`;
  }
}

export const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from there toISOString writes six-digit years. */
const LAST_FAST_MS = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Whether `ms` is a whole millisecond within years 1970-9999: the instants written by parts here. */
export function isPlainInstant(ms: number): boolean {
  return ms >= 0 && ms < LAST_FAST_MS && Number.isInteger(ms);
}

/** `YYYY-MM-DDT` of a day counted from 1970-01-01 (a plain instant's day). */
export function datePrefix(day: number): string {
  return instant(day * DAY_MS).slice(0, 11);
}

/** `hh:mm:ss` of a second of the day. */
export function timeOfDay(seconds: number): string {
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

function two(n: number): string {
  return TWO_DIGITS[n] as string;
}
