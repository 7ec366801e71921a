// Runtime values of the evaluator and their printing in the service's results format.
// Doubles are JS numbers and doubleVecs plain number arrays (the hot path stays allocation-light);
// the other types are small classes so a value's type is one `typeof`/`instanceof` away.

import type { MetricHistory } from './context.ts';
import { upperBoundFrom } from './samples.ts';
import { formatDouble, formatTimeInterval, formatTimestamp } from './format-value-text.ts';
import { DOUBLE, INTERVAL, KEYWORD, METRIC, NOTHING, STRING, TIMESTAMP, VEC, type Type } from '../types.ts';

export class Timestamp {
  /** Milliseconds since the Unix epoch, UTC; may carry a sub-millisecond fraction. */
  readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
}

export class Interval {
  /** Length in milliseconds (negative allowed). */
  readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
}

/** A $NodeDeallocationOption keyword value. */
export class Keyword {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/**
 * A sampled service variable, as a value: carries its history for the sample methods, and
 * remembers its last two searches of it (an evaluation asks for the same few instants, and the
 * next evaluation of a replay for nearby ones; see upperBoundFrom).
 */
export class MetricRef {
  readonly name: string;
  readonly history: MetricHistory;
  /** The times array the remembered searches were made in (a caller may swap it). */
  private searched: Float64Array | undefined;
  private recentT = Number.NaN;
  private recentIndex = 0;
  private olderT = Number.NaN;
  private olderIndex = 0;

  constructor(name: string, history: MetricHistory) {
    this.name = name;
    this.history = history;
  }

  /** upperBound(history.times, t): the number of samples at or before t. */
  countUpTo(t: number): number {
    if (this.history.times !== this.searched) this.forget();
    if (t === this.recentT) return this.recentIndex;
    if (t === this.olderT) return this.olderIndex;
    // Searched from the nearer remembered answer: an evaluation asks for a few instants (a window's
    // two ends), and the next evaluation for each of them a little later.
    const nearerRecent = Math.abs(t - this.recentT) <= Math.abs(t - this.olderT);
    const index = upperBoundFrom(this.history.times, t, nearerRecent ? this.recentIndex : this.olderIndex);
    this.olderT = this.recentT;
    this.olderIndex = this.recentIndex;
    this.recentT = t;
    this.recentIndex = index;
    return index;
  }

  private forget(): void {
    this.searched = this.history.times;
    this.recentT = Number.NaN;
    this.recentIndex = 0;
    this.olderT = Number.NaN;
    this.olderIndex = 0;
  }
}

/** What stop() returns; never stored (stop ends the evaluation). */
export const NOTHING_VALUE = Object.freeze({ nothing: true as const });

export type Value = number | number[] | string | Timestamp | Interval | Keyword | MetricRef | typeof NOTHING_VALUE;

export function typeOfValue(v: Value): Type {
  if (typeof v === 'number') return DOUBLE;
  if (typeof v === 'string') return STRING;
  if (Array.isArray(v)) return VEC;
  if (v instanceof Timestamp) return TIMESTAMP;
  if (v instanceof Interval) return INTERVAL;
  if (v instanceof Keyword) return KEYWORD;
  if (v instanceof MetricRef) return METRIC;
  return NOTHING;
}

/** A value as the service prints it in a results string. */
export function formatValue(v: Value): string {
  if (typeof v === 'number') return formatDouble(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(formatDouble).join(',')}]`;
  if (v instanceof Timestamp) return formatTimestamp(v.ms);
  if (v instanceof Interval) return formatTimeInterval(v.ms);
  if (v instanceof Keyword) return v.name;
  if (v instanceof MetricRef) return v.name;
  return '';
}
