// What the recording itself says, for comparison with each formula: recorded node-hours and cost,
// demand ($PendingTasks, or $ActiveTasks + $RunningTasks), and the time tasks queued with no free
// slot (pending tasks > nodes x task slots: the same rule for recorded and simulated nodes).

import type { MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { StepWalker } from '../sim/step-walker.ts';
import { integrateHours, MS_PER_HOUR } from '../sim/trajectory.ts';
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
  // sweep's segments, walked inline: a pool-year is a million of them.
  const { from, to, taskSlotsPerNode } = settings;
  const tasks = new StepWalker(pending, from);
  const ded = new StepWalker(dedicated, from);
  const low = new StepWalker(lowPriority, from);
  let ms = 0;
  let t = from;
  while (t < to) {
    const change = low.nextChange(ded.nextChange(tasks.nextChange(to)));
    const nodes = (Number.isNaN(ded.value) ? 0 : ded.value) + (Number.isNaN(low.value) ? 0 : low.value);
    if (change > t && tasks.value > nodes * taskSlotsPerNode) ms += change - t;
    t = change;
    tasks.walkTo(t);
    ded.walkTo(t);
    low.walkTo(t);
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
