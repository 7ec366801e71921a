// Sample visibility and windows over a metric history (docs/semantics.md §7). A sample at time t is
// visible at `now` only if t + delay <= now. Windows are half-open (older, newer]. All look-ups
// are binary searches over the columnar arrays: cost is O(log n + samples returned), never O(n).

import type { MetricHistory } from './context.ts';
import { SAMPLE_PERIOD_MS } from './context.ts';

/** Index of the first sample with time > t (upper bound). */
export function upperBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * upperBound(times, t), searched outwards from `hint` (an earlier answer): when t is near the
 * previous question, as a replay's next evaluation is, a few steps instead of a whole binary
 * search. The answer is upperBound's, whatever the hint.
 */
export function upperBoundFrom(times: Float64Array, t: number, hint: number): number {
  const n = times.length;
  const at = Math.min(Math.max(hint, 0), n);
  // The hint itself is the answer for most questions of a replay (t moved within the same gap between
  // samples). Tested first in a function kept small, which V8 inlines into every caller; the search
  // outwards is a call (NaN falls through to it: it compares false).
  if ((at === 0 || (times[at - 1] as number) <= t) && (at === n || (times[at] as number) > t)) return at;
  return searchOutwards(times, t, at);
}

/** upperBound(times, t) for a t that is not in the gap before `at`, searched outwards from it. */
function searchOutwards(times: Float64Array, t: number, at: number): number {
  // NaN compares false with every time, which upperBound's search reads as "before all of them".
  if (Number.isNaN(t)) return 0;
  const n = times.length;
  if (at > 0 && (times[at - 1] as number) > t) {
    // The answer is before the hint: step back by doubling, then search the last step.
    let step = 1;
    let hi = at - 1;
    while (hi - step >= 0 && (times[hi - step] as number) > t) {
      hi -= step;
      step *= 2;
    }
    let lo = Math.max(0, hi - step);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  // The answer is at or after the hint.
  let step = 1;
  let lo = at;
  while (lo + step - 1 < n && (times[lo + step - 1] as number) <= t) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(n, lo + step - 1);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of samples visible at `now` with the given delay: they are indices [0, result). */
export function visibleCount(h: MetricHistory, now: number, delay: number): number {
  return upperBound(h.times, now - delay);
}

export interface WindowSelection {
  /** First index in the window (inclusive). */
  from: number;
  /** Last index in the window (exclusive). */
  to: number;
  /** Samples a complete history would hold in the window: its length over the 30-s period. */
  expected: number;
}

/** The visible samples in (older, newer]. */
export function selectWindow(
  h: MetricHistory,
  older: number,
  newer: number,
  now: number,
  delay: number,
): WindowSelection {
  const lastVisible = Math.min(newer, now - delay);
  const from = upperBound(h.times, older);
  const to = Math.max(from, upperBound(h.times, lastVisible));
  return { from, to, expected: (newer - older) / SAMPLE_PERIOD_MS };
}

/**
 * Percentage of expected samples present, 0-100. A window of zero length expects nothing and
 * is 100% complete; more samples than expected (irregular timestamps) still count as 100%.
 */
export function windowPercent(sel: WindowSelection): number {
  if (!(sel.expected > 0)) return 100;
  return Math.min(100, ((sel.to - sel.from) / sel.expected) * 100);
}

export function sliceValues(h: MetricHistory, from: number, to: number): number[] {
  if (to <= from) return [];
  // Allocated once at its length and filled (measured faster, sum included, than growing a packed
  // array by push: a window of 30 samples grew through two reallocations).
  const out = new Array<number>(to - from);
  for (let i = from; i < to; i++) out[i - from] = h.values[i] as number;
  return out;
}
