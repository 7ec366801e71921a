// Pieces of text the streamed reports' rows are made of (standard-row-json.ts, csv-line-writer.ts),
// each made once and kept flat: an instant with the text around it, a small whole number with
// the text around it, one of a handful of strings (deallocation options) with its text. A
// pool-year's timeline is a hundred thousand rows of such values, and its chunks are flattened to
// be written, which costs for each piece of a row, and more for a piece that is itself a rope.

import { flattenString } from '@autoscale/core';
import { instant } from './format.ts';

/** Whole numbers 0 to SMALL - 1 are kept with the text around them. */
const SMALL = 1024;
const SECONDS_PER_DAY = 86_400;
const DAY_MS = SECONDS_PER_DAY * 1000;
/** 10000-01-01T00:00:00Z: from there toISOString writes six-digit years. */
const LAST_FAST_MS = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `before`, an ISO instant (as format.ts's `instant` writes it) and `after`, for a timeline's
 * instants in turn: the date is worked out once a day (a day holds hundreds of evaluations).
 */
export class InstantPieces {
  private readonly before: string;
  private readonly after: string;
  /** `before` and the date of the day `day`, made when the day changes. */
  private day = Number.NaN;
  private dayStart = '';
  /** Each second of the day, `hh:mm:ssZ` and `after`, shared by every writer with the same `after`. */
  private readonly timesOfDay: string[];

  constructor(before: string, after: string) {
    this.before = flattenString(before);
    this.after = flattenString(after);
    let times = TIMES_OF_DAY.get(after);
    if (times === undefined) {
      // Filled with '' (not yet made), so that the array stays dense.
      times = new Array<string>(SECONDS_PER_DAY).fill('');
      TIMES_OF_DAY.set(after, times);
    }
    this.timesOfDay = times;
  }

  text(ms: number): string {
    // Whole seconds within years 1970-9999 from the kept pieces; anything else the general way.
    if (!(ms >= 0 && ms < LAST_FAST_MS && ms % 1000 === 0)) return this.before + instant(ms) + this.after;
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayStart = flattenString(this.before + instant(day * DAY_MS).slice(0, 11));
    }
    const second = (ms - day * DAY_MS) / 1000;
    let rest = this.timesOfDay[second] as string;
    if (rest === '') {
      const hours = TWO_DIGITS[Math.floor(second / 3600)];
      rest = flattenString(
        `${hours}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}Z${this.after}`,
      );
      this.timesOfDay[second] = rest;
    }
    return this.dayStart + rest;
  }
}

/** Per text after the instant: each second of the day's piece. */
const TIMES_OF_DAY = new Map<string, string[]>();

/** `before`, a small whole number or null, and `after`. */
export class NumberPieces {
  private readonly before: string;
  private readonly after: string;
  private readonly withNull: string;
  /** Filled with '' (not yet made) when first used, so that the array stays dense. */
  private kept: string[] = [];

  /** `nullText`: how null is written between `before` and `after`. */
  constructor(before: string, after: string, nullText: string) {
    this.before = before;
    this.after = after;
    this.withNull = flattenString(before + nullText + after);
  }

  /** The kept text of null or of a whole number 0 <= n < SMALL (-0 as 0), else undefined. */
  of(n: number | null): string | undefined {
    if (n === null) return this.withNull;
    if (!(n >= 0 && n < SMALL && Number.isInteger(n))) return undefined;
    if (this.kept.length === 0) this.kept = new Array<string>(SMALL).fill('');
    let text = this.kept[n] as string;
    if (text === '') {
      // String(-0) is "0", as JSON and String write it.
      text = flattenString(this.before + String(n) + this.after);
      this.kept[n] = text;
    }
    return text;
  }
}

/** Texts made from a handful of strings (deallocation options: the service has four), up to 16 kept. */
export class FewTexts {
  private readonly make: (value: string) => string;
  private readonly kept = new Map<string, string>();

  constructor(make: (value: string) => string) {
    this.make = make;
  }

  of(value: string): string {
    let text = this.kept.get(value);
    if (text === undefined) {
      text = flattenString(this.make(value));
      if (this.kept.size < 16) this.kept.set(value, text);
    }
    return text;
  }
}
