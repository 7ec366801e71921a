// The keys of a timeline row in the order EvaluationLog.record writes them: what the streamed JSON
// report writes row by row and what a streamed replay's outcome is packed by. Each checks a
// timeline's rows against it and takes the general way when they differ.

import type { TimelineRow } from './types.ts';

export const TIMELINE_ROW_KEYS = [
  'time',
  'results',
  'error',
  'targetDedicated',
  'targetLowPriority',
  'deallocation',
  'recordedDedicated',
  'recordedLowPriority',
  'simulatedDedicated',
  'simulatedLowPriority',
  'recordedActive',
  'recordedPending',
  'simulatedActive',
  'simulatedPending',
] as const satisfies ReadonlyArray<keyof TimelineRow>;

/** Whether `row` has exactly those keys, in that order. */
export function hasRowKeys(row: TimelineRow): boolean {
  const keys = Object.keys(row);
  return keys.length === TIMELINE_ROW_KEYS.length && keys.every((k, i) => k === TIMELINE_ROW_KEYS[i]);
}
