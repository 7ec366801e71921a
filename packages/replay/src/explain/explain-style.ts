// The style of the report's explain panel and formula texts, with one class per formula colour
// (`formula-N`): the report's CSP allows style blocks by hash only, so no style attribute can set
// a colour. Added to the HTML report's style block and to the playground's page.

import { FORMULA_COLOURS } from '../report/chart-data.ts';

/** The class that gives formula `index` its colour (FORMULA_COLOURS, as its chart lines). */
export function formulaClass(index: number): string {
  return `formula-${index % FORMULA_COLOURS.length}`;
}

export const EXPLAIN_STYLE = `
.explain { margin: 8px 0 20px; padding: 8px 12px; background: #fafafa; border: 1px solid #e4e4e4; }
.explain-hint { color: #555; margin: 0; }
.explain-title { font-weight: 600; margin: 0 0 8px; }
.explained-all { display: flex; flex-wrap: wrap; gap: 12px; }
.explained { flex: 1 1 340px; min-width: 0; border-top: 4px solid #999; background: #fff; padding: 4px 8px; }
.explained h4 { margin: 4px 0; font-size: 14px; }
.explained table { margin: 4px 0; font-size: 12px; }
.explain-results code, .explain-error code { word-break: break-all; }
.explain-error { color: #a12b2b; }
pre.explain-trace, .formula-text pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f5f5f5; padding: 6px 8px; overflow-x: auto; }
pre.explain-trace { white-space: pre-wrap; }
.formula-text summary { font-weight: 600; }
${FORMULA_COLOURS.map((c, i) => `.explained.formula-${i} { border-top-color: ${c}; } .formula-text summary.formula-${i} { color: ${c}; }`).join('\n')}
`;
