// Resolves what a replay runs with: command-line values win over the recording's metadata,
// which wins over the documented defaults (MODEL.md). Every refusal is a sentence, not a throw.

import { DEFAULT_AVAILABILITY_DELAY_MS, formatInstant } from '@autoscale/core';
import type { MetricHistory } from '@autoscale/core';
import type { RecordingMeta } from '../recording/meta.ts';
import type { Recording } from '../recording/model.ts';
import { stepValueAt } from '../sim/trajectory.ts';
import { checkCurrency } from './currency.ts';
import { checkEvaluationInterval, DEFAULT_ALLOCATION_LATENCY_MS, DEFAULT_EVALUATION_INTERVAL_MS } from './schedule.ts';
import type { ReplayMode, ReplaySettings } from './types.ts';

/** What the caller asks for; everything but the mode is optional. */
export interface ReplayRequest {
  mode: ReplayMode;
  interval?: number;
  from?: number;
  to?: number;
  delay?: number;
  allocationLatency?: number;
  priceDedicated?: number;
  priceLowPriority?: number;
  /** ISO 4217 code of the prices ("EUR"); reports then print costs with it. */
  currency?: string;
}

export type SettingsResult = { ok: true; settings: ReplaySettings } | { ok: false; errors: string[] };

export function resolveSettings(recording: Recording, request: ReplayRequest): SettingsResult {
  return resolveSettingsFor(
    recording.times[0] as number,
    recording.times[recording.times.length - 1] as number,
    recording.columns,
    recording.meta,
    request,
  );
}

/** The same from a recording's parts, so a streamed recording can start before its end is known. */
export function resolveSettingsFor(
  first: number,
  last: number,
  columns: ReadonlyMap<string, MetricHistory>,
  meta: RecordingMeta,
  request: ReplayRequest,
): SettingsResult {
  const errors: string[] = [];
  const from = request.from ?? first;
  const to = request.to ?? last;
  // Worded in the request's terms (its start and end), whichever front end set them.
  if (from > to) errors.push(`the replay's start, ${formatInstant(from)}, is after its end, ${formatInstant(to)}`);
  if (from > last)
    errors.push(
      `the replay's start, ${formatInstant(from)}, is after the recording's last sample (${formatInstant(last)})`,
    );
  if (to < first)
    errors.push(
      `the replay's end, ${formatInstant(to)}, is before the recording's first sample (${formatInstant(first)})`,
    );
  const interval = request.interval ?? meta.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL_MS;
  const bad = checkEvaluationInterval(interval);
  if (bad !== undefined) errors.push(bad);
  const badCurrency = request.currency === undefined ? undefined : checkCurrency(request.currency);
  if (badCurrency !== undefined) errors.push(`the currency: ${badCurrency}`);
  if (errors.length > 0) return { ok: false, errors };
  const initial = (name: StartColumn, given: number | undefined): number => {
    if (given !== undefined) return given;
    const h = columns.get(name);
    const v = h === undefined ? undefined : stepValueAt(h, from);
    return v === undefined ? 0 : Math.round(v);
  };
  return {
    ok: true,
    settings: {
      mode: request.mode,
      from,
      to,
      interval,
      delay: request.delay ?? DEFAULT_AVAILABILITY_DELAY_MS,
      allocationLatency: request.allocationLatency ?? meta.allocationLatency ?? DEFAULT_ALLOCATION_LATENCY_MS,
      taskSlotsPerNode: meta.taskSlotsPerNode ?? 1,
      initialTargetDedicatedNodes: initial('$CurrentDedicatedNodes', meta.initialTargetDedicatedNodes),
      initialTargetLowPriorityNodes: initial('$CurrentLowPriorityNodes', meta.initialTargetLowPriorityNodes),
      maxDedicatedNodes: meta.maxDedicatedNodes ?? null,
      maxLowPriorityNodes: meta.maxLowPriorityNodes ?? null,
      priceDedicated: request.priceDedicated ?? null,
      priceLowPriority: request.priceLowPriority ?? null,
      currency: request.currency ?? null,
    },
  };
}

type StartColumn = '$CurrentDedicatedNodes' | '$CurrentLowPriorityNodes';

/**
 * Whether the rows so far fix the starting targets as the whole recording will: true unless a
 * node-count column the metadata does not stand in for is present but has no sample yet (its first
 * sample, still to come, would be the start value). Once the rows reach --from, a column with a
 * sample gives the value in force at --from (or its first sample) whatever follows; a column
 * absent from a CSV header never appears. A streaming replay waits for this before it starts.
 */
export function startTargetsKnown(columns: ReadonlyMap<string, MetricHistory>, meta: RecordingMeta): boolean {
  const unsampled = (name: StartColumn): boolean => columns.get(name)?.times.length === 0;
  if (meta.initialTargetDedicatedNodes === undefined && unsampled('$CurrentDedicatedNodes')) return false;
  if (meta.initialTargetLowPriorityNodes === undefined && unsampled('$CurrentLowPriorityNodes')) return false;
  return true;
}
