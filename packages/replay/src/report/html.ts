// The self-contained HTML report (--out report.html): summary tables, charts of demand, targets
// and nodes (recorded vs each formula; side by side with --compare), evaluation errors, the
// workload model's low-confidence periods and notes. uPlot and the chart data are inlined; a
// strict CSP allows only this page's own script and style blocks, so it opens offline.

import type { RecordingReplay } from '../replay/types.ts';
import { chartLibrary, contentSecurityPolicy } from './html-assets.ts';
import { PAGE_SCRIPT, PAGE_STYLE } from './html-script.ts';
import { escapeHtml, reportSection, type PageChart } from './html-sections.ts';

/** JSON safe inside a <script> block: no "</script>" or "<!--" can appear. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function renderHtml(replays: readonly RecordingReplay[], compare: boolean): string {
  const library = chartLibrary();
  const charts: PageChart[] = [];
  const sections = replays.map((r, ri) => reportSection(r, ri, compare, charts));
  const style = `${library.style}\n${PAGE_STYLE}`;
  const csp = contentSecurityPolicy([library.script, PAGE_SCRIPT], [style]);
  const title = `Autoscale replay: ${replays.map((r) => r.recording).join(', ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<h1>Autoscale replay</h1>
<p class="generated">What each formula would have done on the recorded pool${replays.length > 1 ? 's' : ''}. Charts drawn with uPlot ${escapeHtml(library.version)}, inlined: this page needs no network.</p>
${sections.join('\n')}
<script type="application/json" id="replay-data">${scriptJson({ charts })}</script>
<script>${library.script}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
