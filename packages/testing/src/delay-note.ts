// The availability-delay note on a failed step: a sample is visible to an evaluation at `at` only
// once `timestamp + availabilityDelay <= at`, so samples taken in (at - delay, at] exist in the
// test's series (which end at `at` unless given `start` or `end`) yet were not seen. When the
// failing evaluation read such a metric, the failure says so: the usual surprise is an expected
// value worked out from the newest samples. Samples after `at` (a later step's) are not mentioned.

import { formatDuration, upperBound, type MetricHistory } from '@autoscale/core';

/** One note per metric the evaluation read that has samples inside the delay, in the order of `metrics`. */
export function delayNotes(
  metrics: ReadonlyMap<string, MetricHistory>,
  read: ReadonlySet<string>,
  at: number,
  delay: number,
): string[] {
  const notes: string[] = [];
  for (const [metric, history] of metrics) {
    if (!read.has(metric)) continue;
    // Visible are the samples with time <= at - delay; of the rest, those with time <= at.
    const hidden = upperBound(history.times, at) - upperBound(history.times, at - delay);
    if (hidden === 0) continue;
    const [samples, are, were] = hidden === 1 ? ['sample', 'is', 'was'] : ['samples', 'are', 'were'];
    notes.push(
      `${hidden} ${samples} of ${metric} ${are} newer than at - availabilityDelay (${formatDuration(delay)}) and ${were} not visible`,
    );
  }
  return notes;
}

/** The test's histories, noting which metrics an evaluation looks up (core reads each one with `get`). */
export class ReadRecordingMetrics extends Map<string, MetricHistory> {
  readonly read = new Set<string>();

  override get(metric: string): MetricHistory | undefined {
    this.read.add(metric);
    return super.get(metric);
  }
}
