// The verdict a reviewer acts on, first in a side-by-side report: each figure that decides whether
// to ship a change (cost, node-hours, task waits, hours queued with no free slot, idle node-hours,
// scale events, failed evaluations), for the first formula (the baseline: what runs today) and
// for each other formula as its value and its difference from the baseline, marked better or
// worse. Lower is better for every one of them. One table for the text report, the HTML report
// and the playground.

import type { FormulaSummary, RecordingReplay } from '../replay/types.ts';
import { DASH, hours, money, moneyDifference, seconds, signedDifference } from './format.ts';
import type { SummaryTable, Tone } from './summary-table.ts';

interface Figure {
  label: string;
  value: (s: FormulaSummary) => number | null;
  text: (x: number | null) => string;
  difference: (diff: number, base: number) => string;
}

/** The verdict of `formulaIndexes` (the first is the baseline), or undefined for fewer than two. */
export function verdictTable(replay: RecordingReplay, formulaIndexes: readonly number[]): SummaryTable | undefined {
  if (formulaIndexes.length < 2) return undefined;
  const summaries = formulaIndexes.map((i) => (replay.formulas[i] as { summary: FormulaSummary }).summary);
  const [baseline] = summaries as [FormulaSummary, ...FormulaSummary[]];
  const currency = replay.settings.currency;
  const priced = replay.settings.priceDedicated !== null || replay.settings.priceLowPriority !== null;
  const closed = replay.settings.mode === 'closed';
  const wait = (pick: (c: NonNullable<FormulaSummary['closedLoop']>) => number | null) => (s: FormulaSummary) =>
    s.closedLoop ? pick(s.closedLoop) : null;
  const secondsDifference = (diff: number) => `${diff > 0 ? '+' : diff < 0 ? '-' : '±'}${seconds(Math.abs(diff))}`;
  const figures: Figure[] = [
    ...(priced
      ? [
          {
            label: 'cost',
            value: (s: FormulaSummary) => s.cost,
            text: (x: number | null) => money(x, currency),
            difference: (d: number, b: number) => moneyDifference(d, b, currency),
          },
        ]
      : []),
    {
      label: 'node-hours',
      value: (s) => s.nodeHours.dedicated + s.nodeHours.lowPriority,
      text: hours,
      difference: (d, b) => signedDifference(d, b),
    },
    ...(closed
      ? [
          {
            label: 'task wait p50',
            value: wait((c) => c.waitP50Seconds),
            text: seconds,
            difference: secondsDifference,
          },
          {
            label: 'task wait p95',
            value: wait((c) => c.waitP95Seconds),
            text: seconds,
            difference: secondsDifference,
          },
          {
            label: 'task wait max',
            value: wait((c) => c.waitMaxSeconds),
            text: seconds,
            difference: secondsDifference,
          },
          {
            label: 'idle node-hours',
            value: wait((c) => c.idleNodeHours),
            text: hours,
            difference: (d: number, b: number) => signedDifference(d, b),
          },
        ]
      : []),
    {
      label: 'hours queued with no free slot',
      value: (s) => s.queuedNoFreeSlotHours,
      text: hours,
      difference: (d, b) => signedDifference(d, b),
    },
    {
      label: 'scale events',
      value: (s) => s.scaleUps + s.scaleDowns,
      text: count,
      difference: (d, b) => signedDifference(d, b, 0),
    },
    {
      label: 'failed evaluations',
      value: (s) => s.failedEvaluations,
      text: count,
      difference: (d, b) => signedDifference(d, b, 0),
    },
  ];
  const rows: string[][] = [];
  const tones: Tone[][] = [];
  for (const f of figures) {
    const base = f.value(baseline);
    const cells = summaries.slice(1).map((s) => {
      const x = f.value(s);
      if (x === null || base === null) return { text: f.text(x), tone: null };
      const diff = x - base;
      const tone: Tone = Math.abs(diff) < 1e-9 ? null : diff < 0 ? 'better' : 'worse';
      return { text: `${f.text(x)} ${f.difference(diff, base)}`, tone };
    });
    rows.push([f.label, f.text(base), ...cells.map((c) => c.text)]);
    tones.push([null, null, ...cells.map((c) => c.tone)]);
  }
  const header = ['', `${baseline.formula} (baseline)`, ...summaries.slice(1).map((s) => `${s.formula} vs baseline`)];
  return { header, rows, tones };
}

function count(x: number | null): string {
  return x === null ? DASH : String(x);
}
