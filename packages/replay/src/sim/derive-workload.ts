// Derives the closed loop's tasks from recorded task counts (MODEL.md, "Workload model"):
// arrivals in each sample period = growth of $PendingTasks + completions ($SucceededTasks +
// $FailedTasks, per 30 s); each task's duration = the mean run time around its arrival by
// Little's law (running-task area / completions within +-30 min). Periods the counts cannot
// support are returned as low-confidence periods rather than guessed at silently.

import { SAMPLE_PERIOD_MS, type MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { GrowableFloat64 } from '../recording/model.ts';
import { addPeriod, type Period, type Workload } from './workload-model.ts';

/** Half-width of the window the mean task duration is estimated over. */
export const DURATION_WINDOW_HALF_MS = 30 * 60_000;
/** Duration assumed when the recording has no completions at all to estimate from. */
export const FALLBACK_TASK_DURATION_MS = 10 * 60_000;
/** A shorter task than this is not distinguishable in 30-s samples. */
export const MIN_TASK_DURATION_MS = 1000;
/** Gaps up to this long are bridged (completions filled with the local mean) without lowering confidence. */
export const SHORT_GAP_MS = 2 * 60_000;
/** Half-width of the window whose mean fills a short gap in the completion counts. */
const FILL_WINDOW_HALF_MS = 5 * 60_000;
/** Refuse to build more tasks than this (a pool-year of a busy pool): ask for a narrower --from/--to. */
export const MAX_DERIVED_TASKS = 20_000_000;

/** Exact-time reads of a column at increasing row times (the column's times are a subset). */
class ExactCursor {
  private readonly h: MetricHistory | undefined;
  private j = 0;

  constructor(h: MetricHistory | undefined) {
    this.h = h;
  }

  get present(): boolean {
    return this.h !== undefined;
  }

  at(t: number): number {
    const h = this.h;
    if (h === undefined) return Number.NaN;
    while (this.j < h.times.length && (h.times[this.j] as number) < t) this.j++;
    return this.j < h.times.length && h.times[this.j] === t ? (h.values[this.j] as number) : Number.NaN;
  }
}

export function deriveWorkload(recording: Recording, from: number, to: number): Workload | string {
  const col = (name: string): ExactCursor => new ExactCursor(recording.columns.get(name));
  const [P, A, R, S, F] = ['$PendingTasks', '$ActiveTasks', '$RunningTasks', '$SucceededTasks', '$FailedTasks'].map(
    col,
  ) as [ExactCursor, ExactCursor, ExactCursor, ExactCursor, ExactCursor];
  if (!P.present && !(A.present && R.present)) {
    return 'a closed-loop replay needs $PendingTasks (or $ActiveTasks and $RunningTasks) in the recording, or a task log';
  }
  const times = recording.times;
  let i0 = 0;
  while (i0 + 1 < times.length && (times[i0 + 1] as number) <= from) i0++;
  let i1 = i0;
  while (i1 + 1 < times.length && (times[i1 + 1] as number) <= to) i1++;
  const n = i1 - i0 + 1;
  const t = times.subarray(i0, i1 + 1);
  const pending = new Float64Array(n),
    running = new Float64Array(n),
    done = new Float64Array(n),
    failedShare = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const tk = t[k] as number;
    const a = A.at(tk),
      r = R.at(tk),
      p = P.at(tk),
      s = S.at(tk),
      f = F.at(tk);
    pending[k] = Number.isNaN(p) ? a + r : p;
    running[k] = Number.isNaN(r) ? p - a : r;
    // A column the recording lacks counts as 0; a missing sample of a present column is unknown.
    const c = (S.present ? s : 0) + (F.present ? f : 0);
    done[k] = S.present || F.present ? c : Number.NaN;
    failedShare[k] = F.present && !Number.isNaN(f) ? f : 0;
  }
  const lowConfidence: Period[] = [];
  const notes: string[] = [];
  const hasCompletions = S.present || F.present;
  if (hasCompletions) fillShortGaps(t, done);
  if (!hasCompletions) {
    notes.push(
      'The recording has no $SucceededTasks/$FailedTasks: arrivals are only the increases of the pending count (a lower bound) and task durations are assumed to be 10 minutes.',
    );
    addPeriod(lowConfidence, from, to, 'no completion counts in the recording');
  }
  const period = (k: number): number => (k === 0 ? SAMPLE_PERIOD_MS : (t[k] as number) - (t[k - 1] as number));
  const durations = estimateDurations(t, running, done, period);
  if (!durations.anyEstimate && hasCompletions)
    notes.push('No period has completions to estimate task durations from: they are assumed to be 10 minutes.');

  const submitted = new GrowableFloat64(4096);
  const duration = new GrowableFloat64(4096);
  const fails: number[] = [];
  let failCarry = 0;
  const add = (at: number, d: number, failShare: number): void => {
    submitted.push(at);
    duration.push(Math.max(MIN_TASK_DURATION_MS, d));
    failCarry += failShare;
    const fail = failCarry >= 1 ? 1 : 0;
    if (fail) failCarry -= 1;
    fails.push(fail);
  };

  // The pool's state at the start: running tasks part-way through (uniform remaining time), then the queue.
  const p0 = Number.isNaN(pending[0] as number) ? 0 : Math.round(pending[0] as number);
  const r0 = Math.min(p0, Number.isNaN(running[0] as number) ? 0 : Math.round(running[0] as number));
  if (Number.isNaN(pending[0] as number))
    addPeriod(lowConfidence, from, from + SAMPLE_PERIOD_MS, 'no task counts at the start');
  const d0 = durations.at(0);
  for (let j = 0; j < r0; j++) add(from, (d0 * (j + 0.5)) / r0, 0);
  for (let j = r0; j < p0; j++) add(from, d0, 0);
  const initial = submitted.length;

  let lastKnown = Number.isNaN(pending[0] as number) ? -1 : 0;
  let carry = 0;
  let missingSince = -1;
  for (let k = 1; k < n; k++) {
    const tk = t[k] as number;
    const start = Math.max(from, t[k - 1] as number);
    if (period(k) > SHORT_GAP_MS)
      addPeriod(lowConfidence, t[k - 1] as number, tk, 'samples missing from the recording');
    if (Number.isNaN(pending[k] as number)) {
      if (missingSince < 0) missingSince = t[k - 1] as number;
      continue;
    }
    // A short gap in the pending count costs nothing: arrivals are counted across it.
    if (missingSince >= 0 && tk - missingSince > SHORT_GAP_MS)
      addPeriod(lowConfidence, missingSince, tk, 'task counts missing');
    missingSince = -1;
    // Completions since the last known pending count (per-30-s counts scaled to each period).
    let completions = 0;
    let completionsKnown = hasCompletions;
    for (let j = Math.max(lastKnown, 0) + 1; j <= k; j++) {
      if (Number.isNaN(done[j] as number)) completionsKnown = false;
      else completions += ((done[j] as number) * period(j)) / SAMPLE_PERIOD_MS;
    }
    if (hasCompletions && !completionsKnown)
      addPeriod(lowConfidence, t[Math.max(lastKnown, 0)] as number, tk, 'completion counts missing');
    const before = lastKnown < 0 ? 0 : (pending[lastKnown] as number);
    const arrivals = (pending[k] as number) - before + (hasCompletions ? completions : 0);
    // Rounding and filled-in completion counts make small deficits; a real one means tasks vanished.
    if (completionsKnown && arrivals < -(1 + 0.05 * before))
      addPeriod(
        lowConfidence,
        t[Math.max(lastKnown, 0)] as number,
        tk,
        'task counts do not add up (tasks left without completing: deleted or terminated?)',
      );
    // A small deficit offsets the next arrivals, so estimates that overshoot do not add up over time.
    carry = Math.max(-2, carry + arrivals);
    const whole = carry >= 1 ? Math.floor(carry + 1e-9) : 0;
    carry -= whole;
    const d = durations.at(k);
    if (hasCompletions && durations.fallback(k))
      addPeriod(
        lowConfidence,
        start,
        tk,
        'no completions within 30 minutes: task durations estimated from the whole recording',
      );
    const share = failureShare(failedShare, done, k);
    for (let j = 0; j < whole; j++) add(start + ((tk - start) * (j + 1)) / (whole + 1), d, share);
    lastKnown = k;
    if (submitted.length > MAX_DERIVED_TASKS)
      return `the recording implies more than ${MAX_DERIVED_TASKS.toLocaleString('en-US')} tasks: replay a shorter range in closed loop`;
  }
  if (missingSince >= 0) addPeriod(lowConfidence, missingSince, to, 'task counts missing');
  const count = submitted.length;
  return {
    count,
    submitted: submitted.finish(),
    duration: duration.finish(),
    slots: new Uint16Array(count).fill(1),
    fails: Uint8Array.from(fails),
    initial,
    source: 'recording',
    lowConfidence: lowConfidence.sort((a, b) => a.from - b.from),
    notes,
  };
}

/** Replaces completion counts missing for at most SHORT_GAP_MS by the mean of the known ones within +-5 minutes. */
function fillShortGaps(t: Float64Array, done: Float64Array): void {
  const n = t.length;
  let k = 0;
  while (k < n) {
    if (!Number.isNaN(done[k] as number)) {
      k++;
      continue;
    }
    let end = k;
    while (end < n && Number.isNaN(done[end] as number)) end++;
    const span = (t[Math.min(end, n - 1)] as number) - (t[Math.max(k - 1, 0)] as number);
    if (span <= SHORT_GAP_MS + SAMPLE_PERIOD_MS) {
      let sum = 0;
      let count = 0;
      for (let j = k - 1; j >= 0 && (t[j] as number) >= (t[k] as number) - FILL_WINDOW_HALF_MS; j--) {
        if (Number.isNaN(done[j] as number)) continue;
        sum += done[j] as number;
        count++;
      }
      for (let j = end; j < n && (t[j] as number) <= (t[k] as number) + FILL_WINDOW_HALF_MS; j++) {
        if (Number.isNaN(done[j] as number)) continue;
        sum += done[j] as number;
        count++;
      }
      if (count > 0) for (let j = k; j < end; j++) done[j] = sum / count;
    }
    k = end;
  }
}

function failureShare(failed: Float64Array, done: Float64Array, k: number): number {
  const d = done[k] as number;
  return d > 0 && !Number.isNaN(d) ? Math.min(1, (failed[k] as number) / d) : 0;
}

/** Mean task duration at each row by Little's law over +-30 minutes, with the whole recording as fallback. */
function estimateDurations(t: Float64Array, running: Float64Array, done: Float64Array, period: (k: number) => number) {
  const n = t.length;
  const area = new Float64Array(n + 1);
  const count = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const ok = !Number.isNaN(running[k] as number) && !Number.isNaN(done[k] as number);
    area[k + 1] = (area[k] as number) + (ok ? (running[k] as number) * period(k) : 0);
    count[k + 1] = (count[k] as number) + (ok ? ((done[k] as number) * period(k)) / SAMPLE_PERIOD_MS : 0);
  }
  const whole = (count[n] as number) >= 1 ? (area[n] as number) / (count[n] as number) : FALLBACK_TASK_DURATION_MS;
  const lo = new Int32Array(n),
    hi = new Int32Array(n);
  let a = 0,
    b = 0;
  for (let k = 0; k < n; k++) {
    while ((t[a] as number) < (t[k] as number) - DURATION_WINDOW_HALF_MS) a++;
    while (b < n && (t[b] as number) <= (t[k] as number) + DURATION_WINDOW_HALF_MS) b++;
    lo[k] = a;
    hi[k] = b;
  }
  const local = (k: number): number | undefined => {
    const c = (count[hi[k] as number] as number) - (count[lo[k] as number] as number);
    return c >= 1 ? ((area[hi[k] as number] as number) - (area[lo[k] as number] as number)) / c : undefined;
  };
  return {
    anyEstimate: (count[n] as number) >= 1,
    at: (k: number): number => local(k) ?? whole,
    fallback: (k: number): boolean =>
      local(k) === undefined && (area[hi[k] as number] as number) - (area[lo[k] as number] as number) > 0,
  };
}
