// What the recording itself says, for comparison with each formula: recorded node-hours and cost,
// demand ($PendingTasks, or $ActiveTasks + $RunningTasks), and the time tasks queued with no free
// slot (pending tasks > nodes x task slots: the same rule for recorded and simulated nodes).

import type { MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { StepWalker } from '../sim/step-walker.ts';
import { integrateHours, lastAtOrBefore, MS_PER_HOUR } from '../sim/trajectory.ts';
import type { RecordedSummary, ReplaySettings } from './types.ts';

/** Recorded pending tasks: the $PendingTasks column, else active + running where both were sampled. */
export function recordedPending(recording: Recording): MetricHistory | undefined {
  const p = recording.columns.get('$PendingTasks');
  if (p !== undefined) return p;
  const a = recording.columns.get('$ActiveTasks');
  const r = recording.columns.get('$RunningTasks');
  if (a === undefined || r === undefined) return undefined;
  const times: number[] = [];
  const values: number[] = [];
  let j = 0;
  for (let i = 0; i < a.times.length; i++) {
    const t = a.times[i] as number;
    while (j < r.times.length && (r.times[j] as number) < t) j++;
    if (r.times[j] === t) {
      times.push(t);
      values.push((a.values[i] as number) + (r.values[j] as number));
    }
  }
  return { times: Float64Array.from(times), values: Float64Array.from(values) };
}

/** Hours in [from, to) during which pending tasks exceeded nodes x slots; null without the data. */
export function queuedNoFreeSlotHours(
  pending: MetricHistory | undefined,
  dedicated: MetricHistory | undefined,
  lowPriority: MetricHistory | undefined,
  settings: ReplaySettings,
): number | null {
  if (pending === undefined || (dedicated === undefined && lowPriority === undefined)) return null;
  const { from, to, taskSlotsPerNode } = settings;
  const times = pending.times;
  if ((dedicated?.times ?? times) === times && (lowPriority?.times ?? times) === times && times.length > 0)
    return queuedOnOneTimeline(
      times,
      pending.values,
      dedicated?.values,
      lowPriority?.values,
      from,
      to,
      taskSlotsPerNode,
    );
  // sweep's segments, walked inline: a pool-year is a million of them. The nodes stay constant
  // between their own changes (a simulated pool's are far apart), and the pending tasks are walked
  // through each such stretch in one tight loop.
  const tasks = new StepWalker(pending, from);
  const ded = new StepWalker(dedicated, from);
  const low = new StepWalker(lowPriority, from);
  let ms = 0;
  let t = from;
  while (t < to) {
    const change = low.nextChange(ded.nextChange(to));
    const nodes = (Number.isNaN(ded.value) ? 0 : ded.value) + (Number.isNaN(low.value) ? 0 : low.value);
    ms += tasks.msAbove(nodes * taskSlotsPerNode, t, change);
    t = change;
    ded.walkTo(t);
    low.walkTo(t);
  }
  return ms / MS_PER_HOUR;
}

/**
 * queuedNoFreeSlotHours of series that share one time array (a recording's dense columns share its
 * row times): every segment runs from one sample to the next, so one index walks all three.
 */
function queuedOnOneTimeline(
  times: Float64Array,
  pending: Float64Array,
  dedicated: Float64Array | undefined,
  lowPriority: Float64Array | undefined,
  from: number,
  to: number,
  slots: number,
): number {
  // The value in force at `from`: the latest sample at or before it, else the first (sweep's rule).
  let i = Math.max(0, lastAtOrBefore(times, from));
  let ms = 0;
  let t = from;
  while (t < to) {
    const change = i + 1 < times.length ? Math.min(times[i + 1] as number, to) : to;
    const ded = dedicated === undefined ? 0 : (dedicated[i] as number);
    const low = lowPriority === undefined ? 0 : (lowPriority[i] as number);
    const nodes = (Number.isNaN(ded) ? 0 : ded) + (Number.isNaN(low) ? 0 : low);
    if (change > t && (pending[i] as number) > nodes * slots) ms += change - t;
    t = change;
    i++;
  }
  return ms / MS_PER_HOUR;
}

export function cost(
  dedicatedHours: number | null,
  lowPriorityHours: number | null,
  settings: ReplaySettings,
): number | null {
  if (settings.priceDedicated === null && settings.priceLowPriority === null) return null;
  return (
    (dedicatedHours ?? 0) * (settings.priceDedicated ?? 0) + (lowPriorityHours ?? 0) * (settings.priceLowPriority ?? 0)
  );
}

export function summarizeRecorded(
  recording: Recording,
  settings: ReplaySettings,
  pending: MetricHistory | undefined,
): RecordedSummary {
  const ded = recording.columns.get('$CurrentDedicatedNodes');
  const low = recording.columns.get('$CurrentLowPriorityNodes');
  const dedicated = ded === undefined ? null : integrateHours(ded, settings.from, settings.to);
  const lowPriority = low === undefined ? null : integrateHours(low, settings.from, settings.to);
  return {
    nodeHours: { dedicated, lowPriority },
    cost: dedicated === null && lowPriority === null ? null : cost(dedicated, lowPriority, settings),
    queuedNoFreeSlotHours: queuedNoFreeSlotHours(pending, ded, low, settings),
  };
}
