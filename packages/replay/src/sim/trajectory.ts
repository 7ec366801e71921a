// Piecewise-constant node counts over time, as change points, and exact integration of them and
// of recorded step series. The accounting rule (MODEL.md): a count holds from its time until the
// next change; before a series' first sample its first value is assumed.

import { upperBound, type MetricHistory } from '@autoscale/core';
import { GrowableFloat64 } from '../recording/model.ts';

export const MS_PER_HOUR = 3_600_000;

/** Node counts of a simulated pool: (time, dedicated, low-priority) at every change. */
export class NodeTrajectory {
  private readonly times = new GrowableFloat64(256);
  private readonly dedicated = new GrowableFloat64(256);
  private readonly lowPriority = new GrowableFloat64(256);

  record(t: number, dedicated: number, lowPriority: number): void {
    const n = this.times.length;
    if (n > 0 && this.dedicated.get(n - 1) === dedicated && this.lowPriority.get(n - 1) === lowPriority) return;
    if (n > 0 && this.times.get(n - 1) === t) {
      // Two changes at one instant: the later one is the state from t on.
      this.times.length--;
      this.dedicated.length--;
      this.lowPriority.length--;
      if (n > 1 && this.dedicated.get(n - 2) === dedicated && this.lowPriority.get(n - 2) === lowPriority) return;
    }
    this.times.push(t);
    this.dedicated.push(dedicated);
    this.lowPriority.push(lowPriority);
  }

  /** The dedicated and low-priority counts as step series (views; valid until the next record). */
  series(): { dedicated: MetricHistory; lowPriority: MetricHistory } {
    const times = this.times.view();
    return {
      dedicated: { times, values: this.dedicated.view() },
      lowPriority: { times, values: this.lowPriority.view() },
    };
  }
}

/** Index of the last sample at or before t, or -1 (the core's binary search over sample times). */
export function lastAtOrBefore(times: Float64Array, t: number): number {
  return upperBound(times, t) - 1;
}

/** The value in force at t: the latest sample at or before t, else the first sample; undefined if empty. */
export function stepValueAt(h: MetricHistory, t: number): number | undefined {
  if (h.times.length === 0) return undefined;
  const i = lastAtOrBefore(h.times, t);
  return h.values[Math.max(0, i)];
}

/** The latest sample at or before t (no backfill): what a plain variable reads at an instant. */
export function latestAtOrBefore(h: MetricHistory, t: number): number | undefined {
  const i = lastAtOrBefore(h.times, t);
  return i < 0 ? undefined : h.values[i];
}

/** The integral of a step series over [from, to), in value x hours. */
export function integrateHours(h: MetricHistory, from: number, to: number): number {
  const { times, values } = h;
  if (!(to > from) || times.length === 0) return 0;
  let i = Math.max(0, lastAtOrBefore(times, from));
  let t = from;
  let total = 0;
  while (t < to) {
    const next = i + 1 < times.length ? Math.min(to, Math.max(t, times[i + 1] as number)) : to;
    total += (values[i] as number) * (next - t);
    t = next;
    i++;
  }
  return total / MS_PER_HOUR;
}

/** Reads a step series at increasing instants in amortized constant time: the latest sample at or before t. */
export class LatestCursor {
  private h: MetricHistory | undefined;
  private i = -1;

  constructor(h: MetricHistory | undefined) {
    this.h = h;
  }

  /** Follows the same series after it grew (a streamed recording): the position is kept. */
  retarget(h: MetricHistory | undefined): void {
    this.h = h;
  }

  at(t: number): number | null {
    const h = this.h;
    if (h === undefined) return null;
    while (this.i + 1 < h.times.length && (h.times[this.i + 1] as number) <= t) this.i++;
    return this.i < 0 ? null : (h.values[this.i] as number);
  }
}

/**
 * Walks [from, to) in the segments where none of the step series changes and calls `visit` with
 * each segment and every series' value in it (NaN for an absent or empty series).
 */
export function sweep(
  series: ReadonlyArray<MetricHistory | undefined>,
  from: number,
  to: number,
  visit: (t0: number, t1: number, values: Float64Array) => void,
): void {
  if (!(to > from)) return;
  const shared = sharedTimes(series);
  if (shared) {
    sweepShared(series, shared, from, to, visit);
    return;
  }
  const m = series.length;
  const values = new Float64Array(m);
  const next = new Int32Array(m);
  const times: Float64Array[] = [];
  const vals: Float64Array[] = [];
  for (let k = 0; k < m; k++) {
    const h = series[k];
    times.push(h?.times ?? new Float64Array(0));
    vals.push(h?.values ?? new Float64Array(0));
    if (h === undefined || h.times.length === 0) {
      values[k] = Number.NaN;
      next[k] = 0;
      continue;
    }
    const i = lastAtOrBefore(h.times, from);
    values[k] = h.values[Math.max(0, i)] as number;
    next[k] = i + 1;
  }
  let t = from;
  while (t < to) {
    let change = to;
    for (let k = 0; k < m; k++) {
      const tk = times[k] as Float64Array;
      const i = next[k] as number;
      if (i < tk.length && (tk[i] as number) < change) change = tk[i] as number;
    }
    if (change > t) visit(t, change, values);
    t = change;
    for (let k = 0; k < m; k++) {
      const tk = times[k] as Float64Array;
      let i = next[k] as number;
      while (i < tk.length && (tk[i] as number) <= t) {
        values[k] = (vals[k] as Float64Array)[i] as number;
        i++;
      }
      next[k] = i;
    }
  }
}

/** The one times array every present series uses (dense recording columns share the row times). */
function sharedTimes(series: ReadonlyArray<MetricHistory | undefined>): Float64Array | undefined {
  let times: Float64Array | undefined;
  for (const h of series) {
    if (h === undefined) continue;
    if (times === undefined) times = h.times;
    else if (h.times !== times) return undefined;
  }
  return times !== undefined && times.length > 0 ? times : undefined;
}

/** `sweep` when all series change at the same instants: one index walks them all at once. */
function sweepShared(
  series: ReadonlyArray<MetricHistory | undefined>,
  times: Float64Array,
  from: number,
  to: number,
  visit: (t0: number, t1: number, values: Float64Array) => void,
): void {
  const m = series.length;
  const values = new Float64Array(m);
  const load = (i: number): void => {
    for (let k = 0; k < m; k++)
      values[k] = series[k] === undefined ? Number.NaN : ((series[k] as MetricHistory).values[i] as number);
  };
  const first = lastAtOrBefore(times, from);
  load(Math.max(0, first));
  let next = first + 1;
  let t = from;
  while (t < to) {
    const change = next < times.length ? Math.min(to, Math.max(t, times[next] as number)) : to;
    if (change > t) visit(t, change, values);
    t = change;
    while (next < times.length && (times[next] as number) <= t) {
      load(next);
      next++;
    }
  }
}
