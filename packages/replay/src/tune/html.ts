// The self-contained HTML report of a tune search (--out tune.html): the search, a chart of every
// replayed variant with the Pareto front, the formula as written and the best variant (objective
// across, delay up), the front as a table, and for each pickable point (the formula as written and
// every point of the front) its parameters, complete formula and summary. As the replay's report
// (report/html.ts): uPlot and the data inlined, a CSP allowing only the page's own script and style
// blocks by hash, so it opens offline, with no network and no eval.

import { chartLibrary, contentSecurityPolicy } from '../report/html-assets.ts';
import { PAGE_STYLE } from '../report/html-script.ts';
import { escapeHtml } from '../report/html-sections.ts';
import { TUNE_SCRIPT, TUNE_STYLE } from './html-script.ts';
import { delayOf, objectiveOf, type SummaryJson } from './rank.ts';
import type { PointJson, TuneResult } from './result.ts';
import {
  delayLabel,
  describeConstraint,
  describeSearchRun,
  describeSpace,
  formatDelay,
  formatObjective,
  objectiveLabel,
} from './text.ts';
import { formulaWithValues } from './variant.ts';

/** JSON safe inside a <script> block: no "</script>" or "<!--" can appear. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

interface Pickable {
  label: string;
  point: PointJson;
  formula: string;
  best: boolean;
}

function sameParams(a: PointJson, b: PointJson): boolean {
  return JSON.stringify(a.params) === JSON.stringify(b.params);
}

/** The formula as written, then the front; the best is the front's point with its parameters. */
function pickables(result: TuneResult): Pickable[] {
  const out: Pickable[] = [
    { label: 'formula as written', point: result.baseline, formula: result.search.formula.text, best: false },
  ];
  result.front.forEach((p, i) => {
    const best = result.best !== null && sameParams(p, result.best);
    out.push({
      label: `front ${i + 1}`,
      point: p,
      formula:
        best && result.best !== null ? result.best.formula : formulaWithValues(result.search.formula.text, p.params),
      best,
    });
  });
  return out;
}

/** Every field of a summary as a path and a value: nothing the JSON has is left out. */
function flatten(value: unknown, path: string, rows: Array<[string, string]>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) rows.push([path, 'none']);
    value.forEach((v, i) => {
      flatten(v, `${path}[${i}]`, rows);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, path === '' ? k : `${path}.${k}`, rows);
  } else if (typeof value === 'number') {
    rows.push([path, Number.isInteger(value) ? String(value) : value.toFixed(3)]);
  } else rows.push([path, value === null ? '-' : String(value)]);
}

function detail(result: TuneResult, p: Pickable, i: number): string {
  const { search } = result;
  const rows: Array<[string, string]> = [];
  flatten(p.point.summary, '', rows);
  const params = search.params
    .map(
      (x) =>
        `<tr><th>${escapeHtml(x.name)}</th><td class="num">${escapeHtml(String(p.point.params[x.name]))}</td></tr>`,
    )
    .join('');
  return [
    `<section class="point" data-point="${i}" id="point-${i}"${i === 0 ? '' : ' hidden'}>`,
    `<h3>${escapeHtml(p.label)}${p.best ? '<span class="tag">best</span>' : ''}${i === 0 ? '<span class="tag as-written">baseline</span>' : ''}</h3>`,
    `<table class="params"><tr><th>parameter</th><th>value</th></tr>${params}</table>`,
    `<h3>Formula</h3>`,
    `<pre class="formula">${escapeHtml(p.formula)}</pre>`,
    `<h3>Summary</h3>`,
    `<table class="summary">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="num">${escapeHtml(v)}</td></tr>`).join('')}</table>`,
    '</section>',
  ].join('\n');
}

function frontTable(result: TuneResult, points: readonly Pickable[]): string {
  const { search } = result;
  const head = [
    '',
    ...search.params.map((p) => p.name),
    objectiveLabel(search),
    delayLabel(search.delay),
    'failed evaluations',
  ];
  const body = points.map((p, i) => {
    const s = p.point.summary;
    const cells = [
      ...search.params.map((x) => String(p.point.params[x.name])),
      formatObjective(search, objectiveOf(search.objective, s)),
      formatDelay(search.delay, delayOf(search.delay, s)),
      String(s.failedEvaluations),
    ];
    return `<tr data-point="${i}"><th>${escapeHtml(p.label)}${p.best ? '<span class="tag">best</span>' : ''}</th>${cells.map((c) => `<td class="num">${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<table class="front"><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${body.join('')}</table>`;
}

function xy(result: TuneResult, s: SummaryJson): { x: number; y: number | null } {
  return { x: objectiveOf(result.search.objective, s), y: delayOf(result.search.delay, s) };
}

interface Figure {
  x: number;
  y: number | null;
}

/** Columns [xs, ys] of the points that have both figures. */
function columns(points: readonly Figure[]): [number[], number[]] {
  const kept = points.filter((p) => p.y !== null) as Array<{ x: number; y: number }>;
  return [kept.map((p) => p.x), kept.map((p) => p.y)];
}

/** Waits are plotted in the unit their largest fits (seconds up to 2 minutes, minutes up to 2 hours). */
function waitUnit(figures: readonly Figure[]): { name: string; seconds: number } {
  const most = Math.max(0, ...figures.map((f) => f.y ?? 0));
  return most >= 7200
    ? { name: 'hours', seconds: 3600 }
    : most >= 120
      ? { name: 'minutes', seconds: 60 }
      : { name: 'seconds', seconds: 1 };
}

export function renderTuneHtml(result: TuneResult): string {
  const { search } = result;
  const library = chartLibrary();
  const points = pickables(result);
  const bestIndex = points.findIndex((p) => p.best);
  // Figures of the pickable points and of every replayed variant, waits in one readable unit.
  const pointFigures = points.map((p) => xy(result, p.point.summary));
  const variantFigures = result.variants.map((v) => ({ x: v.objective, y: v.delay }));
  const plotted = [...variantFigures, ...pointFigures].some((f) => f.y !== null);
  const unit =
    search.delay === 'wait-p95-seconds'
      ? waitUnit([...variantFigures, ...pointFigures])
      : { name: 'hours', seconds: 1 };
  const scaled = (f: Figure): Figure => ({ x: f.x, y: f.y === null ? null : f.y / unit.seconds });
  const figures = pointFigures.map(scaled);
  const variants = variantFigures.map(scaled);
  const money =
    search.objective === 'cost' && search.settings.currency !== null ? ` (${String(search.settings.currency)})` : '';
  const data = {
    title: `${objectiveLabel(search)} against ${delayLabel(search.delay)}`,
    xLabel: `${objectiveLabel(search)}${money}`,
    yLabel: search.delay === 'wait-p95-seconds' ? `task wait p95 (${unit.name})` : 'hours queued with no free slot',
    plotted,
    variants: columns(variants),
    front: columns(figures.slice(1)),
    baseline: columns(figures.slice(0, 1)),
    best: columns(bestIndex < 0 ? [] : [figures[bestIndex] as Figure]),
    points: figures,
    limit: search.maxWaitP95Seconds === null ? null : search.maxWaitP95Seconds / unit.seconds,
    limitLabel: `constraint: ${describeConstraint(search)}`,
    initial: Math.max(bestIndex, 0),
  };
  const style = `${library.style}\n${PAGE_STYLE}\n${TUNE_STYLE}`;
  const csp = contentSecurityPolicy([library.script, TUNE_SCRIPT], [style]);
  const verdict =
    result.best === null
      ? `<p class="warn">No replayed variant meets the constraint (${escapeHtml(describeConstraint(search))}).</p>`
      : `<p>The best variant meeting the constraint is marked <span class="tag">best</span>.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Autoscale tune: ${search.formula.name} against ${search.recording}`)}</title>
<style>${style}</style>
</head>
<body>
<h1>Autoscale tune</h1>
<p class="run">${escapeHtml(`${search.formula.name} against ${search.recording}: ${describeSearchRun(search)}.`)}</p>
<p class="run">${escapeHtml(`Searched ${describeSpace(search)}. Replayed ${result.evaluated} variants${result.shard ? ` (shard ${result.shard.index} of ${result.shard.count})` : ''}; objective: lowest ${objectiveLabel(search)}; constraint: ${describeConstraint(search)}.`)}</p>
${verdict}
<div class="chart" id="front-chart">${plotted ? '' : `<p class="none">No variant has a figure for ${escapeHtml(delayLabel(search.delay))}, so there is no trade-off to plot: the table lists the front.</p>`}</div>
<p class="hint">Pick a point on the chart or a row of the table to see its parameters, complete formula and summary. Charts drawn with uPlot ${escapeHtml(library.version)}, inlined: this page needs no network.</p>
<h2>Pareto front</h2>
${frontTable(result, points)}
<h2>Picked point</h2>
${points.map((p, i) => detail(result, p, i)).join('\n')}
<script type="application/json" id="tune-data">${scriptJson(data)}</script>
<script>${library.script}</script>
<script>${TUNE_SCRIPT}</script>
</body>
</html>
`;
}
