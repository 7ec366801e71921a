// The text report of a tune search (the default output): what was searched, the formula as written
// against the best variant meeting the constraint, the Pareto front, and the best variant's
// complete formula. Figures are worded as in the replay's report (report/format.ts). Pure.

import { hours, money, seconds } from '../report/format.ts';
import type { DelayMeasure, SummaryJson } from './rank.ts';
import { delayOf, objectiveOf } from './rank.ts';
import type { PointJson, SearchJson, TuneResult } from './result.ts';

export function objectiveLabel(search: SearchJson): string {
  return search.objective === 'cost' ? 'cost' : 'node-hours';
}

export function delayLabel(measure: DelayMeasure): string {
  return measure === 'wait-p95-seconds' ? 'wait p95' : 'hours queued with no free slot';
}

export function formatObjective(search: SearchJson, value: number): string {
  return search.objective === 'cost' ? money(value, (search.settings.currency as string | null) ?? null) : hours(value);
}

export function formatDelay(measure: DelayMeasure, value: number | null): string {
  return measure === 'wait-p95-seconds' ? seconds(value) : hours(value);
}

/** "closed loop, 2026-01-05T00:00:00Z to 2026-01-11T23:59:30Z, evaluated every 15m". */
export function describeSearchRun(search: SearchJson): string {
  const s = search.settings;
  return `${s.mode === 'closed' ? 'closed loop' : 'open loop'}, ${String(s.from)} to ${String(s.to)}, evaluated every ${String(s.interval)}`;
}

export function describeSpace(search: SearchJson): string {
  const ranges = search.params
    .map((p) => `${p.name} ${p.from}..${p.to} step ${p.step} (${p.values} value${p.values === 1 ? '' : 's'})`)
    .join(', ');
  const how =
    search.strategy === 'grid'
      ? `the whole grid of ${search.space} variants`
      : `a seeded sample (seed ${search.seed}) of a grid of ${search.space.toLocaleString('en-US')} variants, budget ${search.budget}, ${search.chains} refining chains`;
  return `${how}: ${ranges}`;
}

export function describeConstraint(search: SearchJson): string {
  return search.maxWaitP95Seconds === null ? 'none' : `wait p95 <= ${seconds(search.maxWaitP95Seconds)}`;
}

/** Columns two spaces apart, figures right-aligned; with `labels`, the first column is left-aligned words. */
function table(rows: string[][], labels: boolean): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (labels && c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd(),
  );
}

function figures(search: SearchJson, s: SummaryJson): string[] {
  return [
    formatObjective(search, objectiveOf(search.objective, s)),
    formatDelay(search.delay, delayOf(search.delay, s)),
    String(s.failedEvaluations),
  ];
}

function row(search: SearchJson, label: string, p: PointJson): string[] {
  return [label, ...search.params.map((x) => String(p.params[x.name])), ...figures(search, p.summary)];
}

export function renderTuneText(result: TuneResult): string {
  const { search } = result;
  const header = [
    ...search.params.map((p) => p.name),
    objectiveLabel(search),
    delayLabel(search.delay),
    'failed evaluations',
  ];
  const out: string[] = [
    `Tune of ${search.formula.name} against ${search.recording}: ${describeSearchRun(search)}`,
    `Searched ${describeSpace(search)}`,
    `Replayed ${result.evaluated} variant${result.evaluated === 1 ? '' : 's'}${result.shard ? ` (shard ${result.shard.index} of ${result.shard.count})` : ''}; objective: lowest ${objectiveLabel(search)}; constraint: ${describeConstraint(search)}`,
    '',
  ];
  const rows = [['', ...header], row(search, 'formula as written', result.baseline)];
  if (result.best !== null) rows.push(row(search, 'best', result.best));
  out.push(...table(rows, true));
  if (result.best === null)
    out.push(
      '',
      result.evaluated === 0
        ? 'No variant was replayed.'
        : `No variant meets the constraint (${describeConstraint(search)}); the front below shows the lowest waits reached.`,
    );
  out.push(
    '',
    `Pareto front, ${objectiveLabel(search)} against ${delayLabel(search.delay)} (${result.front.length} point${result.front.length === 1 ? '' : 's'}, lowest ${objectiveLabel(search)} first):`,
  );
  out.push(
    ...table([header, ...result.front.map((p) => row(search, '', p).slice(1))], false).map((line) => `  ${line}`),
  );
  if (result.best !== null) {
    const base = objectiveOf(search.objective, result.baseline.summary);
    const best = objectiveOf(search.objective, result.best.summary);
    const change =
      base === 0
        ? ''
        : ` (${best <= base ? '' : '+'}${(((best - base) / base) * 100).toFixed(1)}% ${objectiveLabel(search)} against the formula as written)`;
    out.push(
      '',
      `Best formula${change}:`,
      '',
      ...result.best.formula
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  return `${out.join('\n')}\n`;
}
