// The HTML of an explained evaluation (explain-at.ts's ExplainView), one block per formula of a
// chart group, side by side: the context it saw, its results string or error, and the trace that
// `autoscale explain` prints. Shared by the report's page and the playground, so both show the
// same. Every text is escaped (a formula's text and names reach it). Pure (no node:*).

import { instant } from '../report/format.ts';
import { escapeHtml } from '../report/html-sections.ts';
import type { ExplainView } from './explain-at.ts';
import { formulaClass } from './explain-style.ts';

/** `views` with the place of each formula among the report's formulas (for its colour). */
export function explainHtml(views: ReadonlyArray<{ view: ExplainView; formulaIndex: number }>): string {
  const first = views[0]?.view;
  if (first === undefined) return '<p class="explain-hint">No evaluation to explain.</p>';
  const blocks = views.map(({ view, formulaIndex }) => {
    const rows = view.context
      .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
      .join('');
    const outcome =
      view.error !== null
        ? `<p class="explain-error">error: <code>${escapeHtml(view.error)}</code></p>`
        : `<p class="explain-results">results: <code>${escapeHtml(view.results ?? '')}</code></p>`;
    return [
      `<div class="explained ${formulaClass(formulaIndex)}">`,
      `<h4>${escapeHtml(view.formula)}</h4>`,
      outcome,
      `<table class="explain-context">${rows}</table>`,
      `<pre class="explain-trace">${escapeHtml(view.trace.join('\n'))}</pre>`,
      '</div>',
    ].join('');
  });
  return `<p class="explain-title">Evaluation ${first.index + 1} at ${escapeHtml(instant(first.time))}, evaluated again in this page:</p><div class="explained-all">${blocks.join('')}</div>`;
}
