// The self-contained HTML report (--out report.html) in Node: summary tables, charts of demand,
// targets and nodes (recorded vs each formula; side by side with --compare), evaluation errors,
// the workload model's low-confidence periods, notes and the formulas' texts (html-page.ts writes
// the page). uPlot and the chart data are inlined and a strict CSP allows only the page's own
// blocks, so it opens offline. When the replay kept its evaluation contexts, they are inlined too
// (gzipped, base64) with the explain script, so that a click on a chart explains that evaluation.

import { gzipSync } from 'node:zlib';
import { encodeContexts } from '../explain/codec.ts';
import type { RecordingReplay } from '../replay/types.ts';
import { chartLibrary, explainScript, sha256Source } from './html-assets.ts';
import { keptContexts, reportPage } from './html-page.ts';

export function renderHtml(replays: readonly RecordingReplay[], compare: boolean): string {
  const contexts = keptContexts(replays);
  // Base64 of gzip: the page inflates it with the browser's own DecompressionStream.
  const explainData =
    contexts === undefined ? undefined : gzipSync(encodeContexts(contexts), { level: 9 }).toString('base64');
  return reportPage(
    replays,
    compare,
    { chart: chartLibrary(), ...(contexts !== undefined ? { explainScript: explainScript() } : {}) },
    { hash: sha256Source, ...(explainData !== undefined ? { explainData } : {}) },
  );
}
