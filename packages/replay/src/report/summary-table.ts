// The summary as a table of labelled rows with one column for the recording and one per formula:
// the one layout the text report prints and the HTML report renders, so they always agree.

import type { FormulaSummary, RecordingReplay } from '../replay/types.ts';
import { DASH, hours, money, moneyDifference, seconds, signedDifference } from './format.ts';

/**
 * How a difference from the recording reads. Only cost is marked: fewer dedicated node-hours may
 * be more low-priority ones and the reverse, so neither alone is better or worse.
 */
export type Tone = 'better' | 'worse' | null;

export interface SummaryTable {
  header: string[];
  rows: string[][];
  /** Per row, per cell (as `rows`): the tone of a difference, for the HTML report's marks. */
  tones: Tone[][];
}

/** A lower cost is better. */
function toneOf(diff: number | null): Tone {
  if (diff === null || Math.abs(diff) < 1e-9) return null;
  return diff < 0 ? 'better' : 'worse';
}

/** The recording column, then the given formulas (all of them by default). */
export function summaryTable(
  replay: RecordingReplay,
  formulaIndexes: readonly number[] = replay.formulas.map((_, i) => i),
): SummaryTable {
  const summaries = formulaIndexes.map((i) => (replay.formulas[i] as { summary: FormulaSummary }).summary);
  const rec = replay.recorded;
  const closed = replay.settings.mode === 'closed';
  const priced = replay.settings.priceDedicated !== null || replay.settings.priceLowPriority !== null;
  const rows: string[][] = [];
  const tones: Tone[][] = [];
  const row = (
    label: string,
    recorded: string,
    per: (s: FormulaSummary) => string,
    difference?: (s: FormulaSummary) => number | null,
  ): void => {
    rows.push([label, recorded, ...summaries.map(per)]);
    tones.push([null, null, ...summaries.map((s) => (difference ? toneOf(difference(s)) : null))]);
  };
  row('dedicated node-hours', hours(rec.nodeHours.dedicated), (s) => hours(s.nodeHours.dedicated));
  row('  vs recorded', '', (s) => signedDifference(s.nodeHoursDifference.dedicated, rec.nodeHours.dedicated));
  row('low-priority node-hours', hours(rec.nodeHours.lowPriority), (s) => hours(s.nodeHours.lowPriority));
  row('  vs recorded', '', (s) => signedDifference(s.nodeHoursDifference.lowPriority, rec.nodeHours.lowPriority));
  if (priced) {
    const currency = replay.settings.currency;
    row('cost', money(rec.cost, currency), (s) => money(s.cost, currency));
    row(
      '  vs recorded',
      '',
      (s) => moneyDifference(s.costDifference, rec.cost, currency),
      (s) => s.costDifference,
    );
  }
  row('scale-ups / scale-downs', DASH, (s) => `${s.scaleUps} / ${s.scaleDowns}`);
  row('evaluations (failed)', DASH, (s) => `${s.evaluations} (${s.failedEvaluations})`);
  row('hours queued with no free slot', hours(rec.queuedNoFreeSlotHours), (s) => hours(s.queuedNoFreeSlotHours));
  if (closed) {
    row('task wait p50 / p95 / max', DASH, (s) =>
      s.closedLoop
        ? `${seconds(s.closedLoop.waitP50Seconds)} / ${seconds(s.closedLoop.waitP95Seconds)} / ${seconds(s.closedLoop.waitMaxSeconds)}`
        : DASH,
    );
    row('idle node-hours', DASH, (s) => hours(s.closedLoop?.idleNodeHours ?? null));
    row('tasks at start / arrived / completed', DASH, (s) =>
      s.closedLoop
        ? `${s.closedLoop.tasksAtStart} / ${s.closedLoop.tasksArrived} / ${s.closedLoop.tasksCompleted}`
        : DASH,
    );
    row('tasks requeued / terminated / failed', DASH, (s) =>
      s.closedLoop
        ? `${s.closedLoop.tasksRequeued} / ${s.closedLoop.tasksTerminated} / ${s.closedLoop.tasksFailed}`
        : DASH,
    );
    row('tasks queued / running at end', DASH, (s) =>
      s.closedLoop ? `${s.closedLoop.tasksWaitingAtEnd} / ${s.closedLoop.tasksRunningAtEnd}` : DASH,
    );
  }
  return { header: ['', 'recorded', ...summaries.map((s) => s.formula)], rows, tones };
}
