// A step series read forwards in order, for merges that walk several series at once without a
// callback per segment (sweep's visit costs more than the work in a million-sample walk). Its
// rules are sweep's: the value in force at the start is the latest sample at or before it, else the
// first sample; an absent or empty series is NaN throughout.

import type { MetricHistory } from '@autoscale/core';
import { lastAtOrBefore } from './trajectory.ts';

const NO_TIMES = new Float64Array(0);

export class StepWalker {
  /** The value in force at the instant last walked to. */
  value: number;
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  /** Index of the next sample, the first after the instant last walked to. */
  private next: number;

  constructor(h: MetricHistory | undefined, from: number) {
    this.times = h?.times ?? NO_TIMES;
    this.values = h?.values ?? NO_TIMES;
    if (this.times.length === 0) {
      this.value = Number.NaN;
      this.next = 0;
      return;
    }
    const i = lastAtOrBefore(this.times, from);
    this.value = this.values[Math.max(0, i)] as number;
    this.next = i + 1;
  }

  /** The time of the next change, or `limit` when there is none before it. */
  nextChange(limit: number): number {
    return this.next < this.times.length && (this.times[this.next] as number) < limit
      ? (this.times[this.next] as number)
      : limit;
  }

  /** Takes every sample at or before t. */
  walkTo(t: number): void {
    const times = this.times;
    let i = this.next;
    while (i < times.length && (times[i] as number) <= t) i++;
    if (i > this.next) this.value = this.values[i - 1] as number;
    this.next = i;
  }

  /**
   * Milliseconds of [from, until) during which the value in force is above `limit`, walking the
   * samples before `until` (as nextChange and walkTo would, segment by segment, in one loop).
   * `from` is the instant last walked to.
   */
  msAbove(limit: number, from: number, until: number): number {
    const times = this.times;
    const values = this.values;
    let ms = 0;
    let t = from;
    let i = this.next;
    let value = this.value;
    for (; i < times.length && (times[i] as number) < until; i++) {
      const change = times[i] as number;
      if (change > t) {
        if (value > limit) ms += change - t;
        t = change;
      }
      value = values[i] as number;
    }
    if (until > t && value > limit) ms += until - t;
    this.next = i;
    this.value = value;
    return ms;
  }
}
