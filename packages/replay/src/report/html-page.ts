// The self-contained HTML report page as a pure function of the replays and the assets it
// inlines, so that Node (html.ts: assets read from disk, hashes and gzip from node:*) and the
// playground (assets bundled, hashes and gzip from the browser's own APIs, both asynchronous, so
// computed first) write the same page. The CSP allows exactly the page's inline blocks by hash.

import { EXPLAIN_STYLE } from '../explain/explain-style.ts';
import type { EvaluationContexts } from '../explain/contexts.ts';
import type { RecordingReplay } from '../replay/types.ts';
import { PAGE_SCRIPT, PAGE_STYLE } from './html-script.ts';
import { escapeHtml, reportSection, type PageChart } from './html-sections.ts';

export interface ChartLibrary {
  script: string;
  style: string;
  version: string;
}

export interface ReportAssets {
  chart: ChartLibrary;
  /** The bundled explain script (explain-page.js); needed when the replays kept their contexts. */
  explainScript?: string;
}

/** The inline blocks of the page, whose hashes its CSP lists. */
export interface PageBlocks {
  scripts: string[];
  style: string;
}

/** Every formula's kept contexts, or undefined when a replay kept none (then nothing can be explained). */
export function keptContexts(replays: readonly RecordingReplay[]): EvaluationContexts[][] | undefined {
  const all = replays.map((r) => r.formulas.map((f) => f.contexts));
  return all.every((formulas) => formulas.every((c) => c !== undefined)) ? (all as EvaluationContexts[][]) : undefined;
}

export function pageBlocks(assets: ReportAssets, explainable: boolean): PageBlocks {
  const explain = explainable && assets.explainScript !== undefined ? [assets.explainScript] : [];
  return {
    scripts: [assets.chart.script, PAGE_SCRIPT, ...explain],
    style: `${assets.chart.style}\n${PAGE_STYLE}\n${EXPLAIN_STYLE}`,
  };
}

/** A policy that permits only the given inline scripts and styles (by their hash sources); images only as data: URIs. */
export function contentSecurityPolicy(scriptHashes: readonly string[], styleHashes: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')}`,
    `style-src ${styleHashes.join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** JSON safe inside a <script> block: no "</script>" or "<!--" can appear. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export interface PageOptions {
  /** The CSP source of a block's text: `'sha256-…'`. */
  hash: (text: string) => string;
  /** encodeContexts of keptContexts(replays), gzipped, in base64; absent: nothing to explain. */
  explainData?: string;
}

export function reportPage(
  replays: readonly RecordingReplay[],
  compare: boolean,
  assets: ReportAssets,
  options: PageOptions,
): string {
  const explainable = options.explainData !== undefined && assets.explainScript !== undefined;
  const charts: PageChart[] = [];
  const sections = replays.map((r, ri) => reportSection(r, ri, compare, charts, explainable));
  const blocks = pageBlocks(assets, explainable);
  const csp = contentSecurityPolicy(blocks.scripts.map(options.hash), [options.hash(blocks.style)]);
  const explain = explainable
    ? `\n<script type="application/octet-stream" id="explain-data">${options.explainData}</script>\n<script>${assets.explainScript}</script>`
    : '';
  const title = `Autoscale replay: ${replays.map((r) => r.recording).join(', ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${blocks.style}</style>
</head>
<body>
<h1>Autoscale replay</h1>
<p class="generated">What each formula would have done on the recorded pool${replays.length > 1 ? 's' : ''}. Charts drawn with uPlot ${escapeHtml(assets.chart.version)}, inlined: this page needs no network.</p>
${sections.join('\n')}
<script type="application/json" id="replay-data">${scriptJson({ charts })}</script>
<script>${assets.chart.script}</script>
<script>${PAGE_SCRIPT}</script>${explain}
</body>
</html>
`;
}
