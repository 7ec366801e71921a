// The default report: for each recording, what was replayed and how, with --compare first the
// verdict (verdict.ts), the summary table (one per formula, or all formulas side by side), failed evaluations by code with their
// first instants, the closed loop's low-confidence periods, agreement with the service's own
// history when given (agreement.ts), and the importers' notes.

import type { RecordingReplay } from '../replay/types.ts';
import { agreementText } from './agreement.ts';
import { duration, hours, instant } from './format.ts';
import { summaryTable, type SummaryTable } from './summary-table.ts';
import { verdictTable } from './verdict.ts';
import { MS_PER_HOUR } from '../sim/trajectory.ts';

/** How many low-confidence periods the text lists before summing up the rest. */
const PERIODS_SHOWN = 5;

export function renderText(replays: readonly RecordingReplay[], compare: boolean): string {
  return replays.map((r) => renderOne(r, compare)).join('\n');
}

export function describeRun(r: RecordingReplay): string {
  const s = r.settings;
  const evaluations = r.formulas[0]?.summary.evaluations ?? 0;
  return (
    `${s.mode === 'open' ? 'open loop' : 'closed loop'}, ${instant(s.from)} to ${instant(s.to)}: ${evaluations} evaluations every ${duration(s.interval)}, ` +
    `availability delay ${duration(s.delay)}, allocation latency ${duration(s.allocationLatency)}, ${s.taskSlotsPerNode} task slot${s.taskSlotsPerNode === 1 ? '' : 's'} per node`
  );
}

function renderOne(r: RecordingReplay, compare: boolean): string {
  const out: string[] = [];
  out.push(`Replay of ${r.recording} (pool ${r.poolId}), ${describeRun(r)}`);
  // Side by side, the verdict comes first: each deciding figure against the first formula.
  const verdict = compare
    ? verdictTable(
        r,
        r.formulas.map((_, i) => i),
      )
    : undefined;
  if (verdict) out.push('', 'Verdict (lower is better):', ...renderTable(verdict));
  const tables = compare ? [summaryTable(r)] : r.formulas.map((_, i) => summaryTable(r, [i]));
  for (const table of tables) out.push('', ...renderTable(table));
  for (const f of r.formulas) {
    if (f.summary.checkErrors > 0)
      out.push(
        '',
        `${f.summary.formula}: the checker found ${f.summary.checkErrors} error(s); the formula was replayed as the service would run it.`,
      );
    if (f.summary.failures.length === 0) continue;
    out.push('', `Failed evaluations of ${f.summary.formula}:`);
    for (const fail of f.summary.failures) {
      out.push(
        `  ${fail.code}: ${fail.count} time${fail.count === 1 ? '' : 's'}, first at ${fail.first.map(instant).join(', ')}`,
      );
      out.push(`    ${fail.message}`);
    }
  }
  if (r.lowConfidence.length > 0) {
    const total = r.lowConfidence.reduce((sum, p) => sum + (p.to - p.from), 0);
    out.push(
      '',
      `Low-confidence periods of the workload model: ${r.lowConfidence.length}, ${hours(total / MS_PER_HOUR)} hours in all`,
    );
    for (const p of r.lowConfidence.slice(0, PERIODS_SHOWN))
      out.push(`  ${instant(p.from)} to ${instant(p.to)}: ${p.reason}`);
    if (r.lowConfidence.length > PERIODS_SHOWN)
      out.push(`  ... and ${r.lowConfidence.length - PERIODS_SHOWN} more (the JSON report lists them all)`);
  }
  out.push(...agreementText(r));
  if (r.notes.length > 0) out.push('', 'Notes:', ...r.notes.map((n) => `  - ${n}`));
  return `${out.join('\n')}\n`;
}

/** Left-aligned labels, right-aligned values, two spaces between columns. */
export function renderTable(table: SummaryTable): string[] {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd(),
  );
}
