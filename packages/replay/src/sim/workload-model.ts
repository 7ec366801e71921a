// The closed loop's task list, whichever way it was obtained (derived from recorded task counts
// or read from a task log): parallel typed arrays sorted by submission time, plus the periods in
// which the recording could not support the model ("low confidence") and notes for the report.

export interface Period {
  from: number;
  to: number;
  reason: string;
}

export interface Workload {
  count: number;
  submitted: Float64Array;
  /** Run time in milliseconds. */
  duration: Float64Array;
  slots: Uint16Array;
  /** 1 when the task ends as failed ($FailedTasks), 0 when it succeeds. */
  fails: Uint8Array;
  /** The first `initial` tasks were running or queued when the replay starts: no wait statistics. */
  initial: number;
  source: 'recording' | 'task-log';
  lowConfidence: Period[];
  notes: string[];
}

/** Appends a low-confidence period, merging it with the last one when they touch and agree. */
export function addPeriod(periods: Period[], from: number, to: number, reason: string): void {
  const last = periods[periods.length - 1];
  if (last !== undefined && last.reason === reason && from <= last.to) {
    last.to = Math.max(last.to, to);
    return;
  }
  periods.push({ from, to, reason });
}
