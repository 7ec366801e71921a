// What the recording itself says, for comparison with each formula: recorded node-hours and cost,
// demand ($PendingTasks, or $ActiveTasks + $RunningTasks), and the time tasks queued with no free
// slot (pending tasks > nodes x task slots: the same rule for recorded and simulated nodes).

import type { MetricHistory } from '@autoscale/core';
import type { Recording } from '../recording/model.ts';
import { integrateHours, MS_PER_HOUR, sweep } from '../sim/trajectory.ts';
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
  let ms = 0;
  sweep([pending, dedicated, lowPriority], settings.from, settings.to, (t0, t1, v) => {
    const nodes =
      (Number.isNaN(v[1] as number) ? 0 : (v[1] as number)) + (Number.isNaN(v[2] as number) ? 0 : (v[2] as number));
    if ((v[0] as number) > nodes * settings.taskSlotsPerNode) ms += t1 - t0;
  });
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
