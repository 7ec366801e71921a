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

/** Whether `row` has exactly those keys, in that order (asked of every row of a timeline). */
export function hasRowKeys(row: TimelineRow): boolean {
  // for-in lists no array of keys (Object.keys would), but inherited keys too: a plain object's
  // prototype has none that are enumerable, and a row whose prototype is another fails here.
  if (Object.getPrototypeOf(row) !== Object.prototype) return false;
  let i = 0;
  for (const key in row) {
    if (key !== TIMELINE_ROW_KEYS[i]) return false;
    i++;
  }
  return i === TIMELINE_ROW_KEYS.length;
}
