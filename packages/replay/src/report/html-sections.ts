// The HTML of a replay report's sections, shared by the self-contained report (html.ts) and the
// playground's replay tab, so both show the same tables. Every text from a recording or formula is
// escaped. Pure (no node:*).

import type { RecordingReplay } from '../replay/types.ts';
import { agreementHtml } from './agreement.ts';
import { buildCharts, MAX_POINTS, type Chart } from './chart-data.ts';
import { formulaClass } from '../explain/explain-style.ts';
import { hours, instant } from './format.ts';
import { summaryTable, type SummaryTable } from './summary-table.ts';
import { verdictTable } from './verdict.ts';
import { describeRun } from './text.ts';
import { MS_PER_HOUR } from '../sim/trajectory.ts';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export interface PageChart extends Chart {
  id: string;
  group: string;
}

/**
 * One recording's part of the report: what was run, the summary table and chart placeholders per
 * formula (or side by side), evaluation errors, low-confidence periods and notes. The charts'
 * data (at most `maxPoints` per series) is pushed onto `charts`; each has the id of its placeholder
 * element. `explainable`: the replay kept its contexts, and each group gets an explain panel.
 */
export function reportSection(
  r: RecordingReplay,
  ri: number,
  compare: boolean,
  charts: PageChart[],
  explainable = false,
  maxPoints = MAX_POINTS,
): string {
  const groups = compare || r.formulas.length === 1 ? [r.formulas.map((_, i) => i)] : r.formulas.map((_, i) => [i]);
  const parts: string[] = [
    `<section>`,
    `<h2>${escapeHtml(r.recording)} (pool ${escapeHtml(r.poolId)})</h2>`,
    `<p class="run">${escapeHtml(describeRun(r))}</p>`,
  ];
  groups.forEach((indexes, gi) => {
    const names = indexes.map((i) => r.formulas[i]?.summary.formula ?? '').join(', ');
    parts.push(`<h3>${escapeHtml(compare ? `Side by side: ${names}` : names)}</h3>`);
    // Side by side, the verdict comes first: each deciding figure against the first formula.
    const verdict = verdictTable(r, indexes);
    if (verdict) parts.push('<p class="verdict-title">Verdict: lower is better</p>', table(verdict, 'verdict'));
    parts.push(table(summaryTable(r, indexes)));
    const group = `recording-${ri}-${gi}`;
    const click = explainable ? ' Click a time in a chart to explain that evaluation below the charts.' : '';
    parts.push(
      `<p class="zoom">Drag across the overview below, or across a chart, to show a period in every chart; double-click a chart, or <button type="button" class="reset-zoom" data-group="${group}">show the whole replay</button>. Times are UTC.${click}</p>`,
      `<div class="overview" data-group="${group}"></div>`,
    );
    buildCharts(r, indexes, maxPoints).forEach((chart, ci) => {
      const id = `chart-${ri}-${gi}-${ci}`;
      charts.push({ ...chart, id, group });
      parts.push(`<div class="chart" id="${id}"></div>`);
    });
    if (explainable)
      parts.push(
        `<div class="explain" data-group="${group}" data-recording="${ri}" data-formulas="${indexes.join(',')}"><p class="explain-hint">Click a time in a chart above: each formula's evaluation at that time is evaluated again here, with the context it saw, its results and the trace <code>autoscale explain</code> prints.</p></div>`,
      );
  });
  parts.push('<h3>Evaluation errors</h3>', errors(r));
  if (r.serviceHistory) parts.push(agreementHtml(r));
  if (r.lowConfidence.length > 0) {
    const total = r.lowConfidence.reduce((s, p) => s + (p.to - p.from), 0);
    parts.push(
      `<h3>Low-confidence periods of the workload model (${r.lowConfidence.length}, ${hours(total / MS_PER_HOUR)} hours)</h3>`,
    );
    parts.push(
      collapsedTable(
        '<tr><th>from</th><th>to</th><th>why</th></tr>',
        r.lowConfidence.map(
          (p) => `<tr><td>${instant(p.from)}</td><td>${instant(p.to)}</td><td>${escapeHtml(p.reason)}</td></tr>`,
        ),
      ),
    );
  }
  parts.push('<h3>Formulas</h3>', formulaTexts(r));
  if (r.notes.length > 0)
    parts.push('<h3>Notes</h3>', `<ul>${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  parts.push('</section>');
  return parts.join('\n');
}

/** Rows a table shows before the rest is folded away (a year can have a hundred periods). */
export const SHOWN_ROWS = 10;

/** A table of `rows`, the first SHOWN_ROWS shown and the rest behind a "N more" fold. */
export function collapsedTable(head: string, rows: readonly string[]): string {
  const shown = `<table>${head}${rows.slice(0, SHOWN_ROWS).join('')}</table>`;
  if (rows.length <= SHOWN_ROWS) return shown;
  const rest = rows.slice(SHOWN_ROWS);
  return `${shown}<details><summary>${rest.length} more (${rows.length} in all)</summary><table>${head}${rest.join('')}</table></details>`;
}

function table(t: SummaryTable, kind = 'summary'): string {
  const head = `<tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = t.rows
    .map((row, r) => {
      const cells = row.map((cell, i) => {
        if (i === 0) return `<th>${escapeHtml(cell)}</th>`;
        // Differences from the recording are marked: lower node-hours and cost are better.
        const tone = t.tones[r]?.[i];
        const title = tone ? ` title="${tone} than ${kind === 'verdict' ? 'the baseline' : 'recorded'}"` : '';
        return `<td class="num${tone ? ` ${tone}` : ''}"${title}>${escapeHtml(cell)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table class="${kind}">${head}${body}</table>`;
}

/** Each formula's text as replayed, folded under its name. */
function formulaTexts(r: RecordingReplay): string {
  return r.formulas
    .map(
      (f, i) =>
        `<details class="formula-text"><summary class="${formulaClass(i)}">${escapeHtml(f.summary.formula)}</summary><pre>${escapeHtml(f.text)}</pre></details>`,
    )
    .join('\n');
}

function errors(r: RecordingReplay): string {
  const rows = r.formulas.flatMap((f) =>
    f.summary.failures.map(
      (x) =>
        `<tr><td>${escapeHtml(f.summary.formula)}</td><td>${escapeHtml(x.code)}</td><td class="num">${x.count}</td><td>${x.first.map(instant).join('<br>')}</td><td class="msg">${escapeHtml(x.message)}</td></tr>`,
    ),
  );
  if (rows.length === 0) return '<p class="none">Every evaluation succeeded.</p>';
  return `<table><tr><th>formula</th><th>code</th><th>times</th><th>first at</th><th>first message</th></tr>${rows.join('')}</table>`;
}
