// The report page's explain script (bundled into dist/explain-page.js by the build and inlined in
// the HTML report, allowed by its hash): reads the page's gzipped evaluation contexts, and when a
// chart is clicked (the charts' script dispatches `autoscale-explain` with the group and the time)
// evaluates that instant again with core's evaluator and a trace, showing the result in the
// group's explain panel. Runs only in a browser; no network (the data is in the page).

import { decodeContexts, type ReportContexts } from './codec.ts';
import { evaluationAt, explainEvaluation } from './explain-at.ts';
import { explainHtml } from './explain-html.ts';

interface ExplainRequest {
  group: string;
  time: number;
}

async function loadContexts(): Promise<ReportContexts> {
  const block = document.getElementById('explain-data');
  if (block === null) return [];
  const text = atob((block.textContent ?? '').trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return decodeContexts(new Uint8Array(await new Response(stream).arrayBuffer()));
}

const contexts = loadContexts();

/** The panel of a group: `data-recording` and `data-formulas` say which formulas its charts show. */
function show(panel: HTMLElement, all: ReportContexts, time: number): void {
  const recording = all[Number(panel.dataset.recording)] ?? [];
  const indexes = (panel.dataset.formulas ?? '').split(',').map(Number);
  const views = indexes.flatMap((formulaIndex) => {
    const kept = recording[formulaIndex];
    return kept === undefined ? [] : [{ view: explainEvaluation(kept, evaluationAt(kept, time)), formulaIndex }];
  });
  panel.innerHTML = explainHtml(views);
}

document.addEventListener('autoscale-explain', (event) => {
  const { group, time } = (event as CustomEvent<ExplainRequest>).detail;
  const panel = document.querySelector<HTMLElement>(`.explain[data-group="${CSS.escape(group)}"]`);
  if (panel === null) return;
  panel.textContent = 'Evaluating…';
  contexts.then(
    (all) => show(panel, all, time),
    (error: unknown) => {
      panel.textContent = `This page's evaluation data could not be read: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
});
