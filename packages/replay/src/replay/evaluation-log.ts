// Bookkeeping shared by both modes for each evaluation: the pool's targets after it (unchanged by
// a failed evaluation, as in the service), the timeline row, failures by code with their first
// instants, and scale-up/down events (a change of the total target).

import type { EvaluationResult } from '@autoscale/core';
import { DEFAULT_DEALLOCATION_OPTION, flattenString, serviceErrorDetail } from '@autoscale/core';
import type { FailureSummary, TimelineRow } from './types.ts';

/** How many first instants of each failure code the summary keeps. */
const FIRST_INSTANTS = 3;

export class EvaluationLog {
  readonly rows: TimelineRow[] = [];
  readonly failures = new Map<string, FailureSummary>();
  failed = 0;
  scaleUps = 0;
  scaleDowns = 0;
  dedicated: number;
  lowPriority: number;
  deallocation = DEFAULT_DEALLOCATION_OPTION;
  private readonly buildResults: boolean;
  /** The last evaluation whose results were kept, and its results string. */
  private lastResult: EvaluationResult | undefined;
  private lastResults = '';

  constructor(initialDedicated: number, initialLowPriority: number, buildResults: boolean) {
    this.dedicated = initialDedicated;
    this.lowPriority = initialLowPriority;
    this.buildResults = buildResults;
  }

  /** Takes one evaluation's result; returns its timeline row for the caller to complete. */
  record(time: number, result: EvaluationResult): TimelineRow {
    let error: TimelineRow['error'] = null;
    if (result.error) {
      this.failed++;
      const message = serviceErrorDetail(result.error);
      error = { code: result.error.code, message };
      const f = this.failures.get(result.error.code);
      if (f === undefined)
        this.failures.set(result.error.code, { code: result.error.code, count: 1, first: [time], message });
      else {
        f.count++;
        if (f.first.length < FIRST_INSTANTS) f.first.push(time);
      }
    } else {
      const applied = result.applied;
      const before = this.dedicated + this.lowPriority;
      const after = applied.dedicated + applied.lowPriority;
      if (after > before) this.scaleUps++;
      else if (after < before) this.scaleDowns++;
      this.dedicated = applied.dedicated;
      this.lowPriority = applied.lowPriority;
      this.deallocation = result.targets.deallocationOption;
    }
    const row: TimelineRow = {
      time,
      results: this.buildResults ? this.resultsOf(result) : '',
      error,
      targetDedicated: this.dedicated,
      targetLowPriority: this.lowPriority,
      deallocation: this.deallocation,
      recordedDedicated: null,
      recordedLowPriority: null,
      simulatedDedicated: 0,
      simulatedLowPriority: 0,
      recordedActive: null,
      recordedPending: null,
      simulatedActive: null,
      simulatedPending: null,
    };
    this.rows.push(row);
    return row;
  }

  /**
   * The results string to keep for the whole replay: one flat string, not a rope of pieces, and
   * the one before when it is the same text (consecutive evaluations often are), which is neither
   * built nor held twice.
   */
  private resultsOf(result: EvaluationResult): string {
    if (this.lastResult === undefined || !result.sameResults(this.lastResult))
      this.lastResults = flattenString(result.results);
    this.lastResult = result;
    return this.lastResults;
  }

  failureList(): FailureSummary[] {
    return [...this.failures.values()].sort((a, b) => (a.first[0] as number) - (b.first[0] as number));
  }
}
