// The replay tab's worker: reads the chosen recording (streamed from a picked File, or the bundled
// example), replays the formulas with @autoscale/replay's browser entry (core's one evaluator),
// and returns the report section's HTML and chart data, so the page stays responsive meanwhile.
// It keeps the last replay, with every evaluation's context, to answer the tab's queries: explain
// the evaluations at a clicked time, and export the replay as JSON, CSV or the HTML report.

import {
  columnsToKeep,
  evaluationAt,
  explainEvaluation,
  explainHtml,
  renderCsv,
  renderHtmlInBrowser,
  renderJson,
  type RecordingReplay,
  formatRecordingError,
  metaSidePath,
  parseSideMeta,
  PEEK_CHARS,
  prepareFormula,
  readRecordingSource,
  reportSection,
  runReplay,
  byteChunkLines,
  textLines,
  type PageChart,
  type RecordingSource,
} from '@autoscale/replay/browser';
import type { QueryAnswer, RecordingChoice, ReplayJob, ReplayMessage, ReplayQuery } from './replay-protocol.ts';
import { REPORT_ASSETS } from './report-assets.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ReplayJob | ReplayQuery>) => void) | null;
  postMessage(m: ReplayMessage | QueryAnswer): void;
};

const FULL_RESOLUTION = Number.POSITIVE_INFINITY;

/** The last finished replay, which queries are about. */
let last: { job: number; replay: RecordingReplay; compare: boolean } | undefined;

scope.onmessage = (event) => {
  if ('query' in event.data) {
    const query = event.data;
    answer(query).then(
      (a) => scope.postMessage(a),
      (error: unknown) =>
        scope.postMessage({
          query: query.id,
          type: 'unanswered',
          reason: `internal error in the replay worker: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
    return;
  }
  const job = event.data;
  run(job).then(
    (message) => scope.postMessage(message),
    (error: unknown) =>
      scope.postMessage({
        id: job.id,
        type: 'failed',
        errors: [`internal error in the replay worker: ${error instanceof Error ? error.message : String(error)}`],
      }),
  );
};

/** Posts progress at most every 100 ms: enough for a smooth status line, no flood of messages. */
function progressPoster(id: number, phase: 'reading' | 'replaying'): (fraction: number) => void {
  let lastPost = 0;
  return (fraction) => {
    const now = performance.now();
    if (now - lastPost < 100) return;
    lastPost = now;
    scope.postMessage({ id, type: 'progress', phase, fraction });
  };
}

async function run(job: ReplayJob): Promise<ReplayMessage> {
  const source = await recordingSource(job.recording, progressPoster(job.id, 'reading'));
  if (!source.ok) return { id: job.id, type: 'failed', errors: source.errors };
  const formulas = job.formulas.map(prepareFormula);
  const read = await readRecordingSource(source.value, { keep: columnsToKeep(formulas) });
  if (!read.ok) return { id: job.id, type: 'failed', errors: read.errors.map(formatRecordingError) };
  // Results strings for the JSON and CSV downloads; contexts to explain any point.
  const outcome = runReplay(read.value, formulas, job.request, {
    buildResults: true,
    keepContexts: true,
    onProgress: progressPoster(job.id, 'replaying'),
  });
  if (!outcome.ok) return { id: job.id, type: 'failed', errors: outcome.errors };
  last = { job: job.id, replay: outcome.replay, compare: job.compare };
  const charts: PageChart[] = [];
  // Every evaluation, not the report file's 2,000 points: the charts cut them to the pixels shown
  // (a year at 5 minutes is 105,120 per series), so zooming in shows the detail.
  const html = reportSection(outcome.replay, 0, job.compare, charts, true, FULL_RESOLUTION);
  const nodeHours = outcome.replay.formulas.map((f) => ({
    formula: f.summary.formula,
    dedicated: f.summary.nodeHours.dedicated,
    lowPriority: f.summary.nodeHours.lowPriority,
  }));
  return { id: job.id, type: 'done', html, charts, nodeHours };
}

async function answer(query: ReplayQuery): Promise<QueryAnswer> {
  if (last === undefined || last.job !== query.job)
    return { query: query.id, type: 'unanswered', reason: 'That replay is no longer the last one: run it again.' };
  const { replay, compare } = last;
  if (query.query === 'explain') {
    const views = query.formulas.flatMap((formulaIndex) => {
      const kept = replay.formulas[formulaIndex]?.contexts;
      return kept === undefined
        ? []
        : [{ view: explainEvaluation(kept, evaluationAt(kept, query.time)), formulaIndex }];
    });
    return { query: query.id, type: 'explained', html: explainHtml(views) };
  }
  const base = replay.recording.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'replay';
  const text =
    query.format === 'json'
      ? renderJson([replay], compare)
      : query.format === 'csv'
        ? renderCsv([replay])
        : await renderHtmlInBrowser([replay], compare, REPORT_ASSETS);
  const fileName = `${base}-replay.${query.format}`;
  return { query: query.id, type: 'exported', format: query.format, fileName, text };
}

type SourceResult = { ok: true; value: RecordingSource } | { ok: false; errors: string[] };

async function recordingSource(choice: RecordingChoice, onRead: (fraction: number) => void): Promise<SourceResult> {
  if (choice.kind === 'example') {
    const response = await fetch(choice.url);
    if (!response.ok)
      return { ok: false, errors: [`${choice.name}: could not load the example recording (HTTP ${response.status})`] };
    const text = await response.text();
    const meta = parseSideMeta(choice.metaText, metaSidePath(choice.name));
    if (!meta.ok) return { ok: false, errors: meta.errors.map(formatRecordingError) };
    return {
      ok: true,
      value: {
        display: choice.name,
        head: text.slice(0, PEEK_CHARS).replace(/^\uFEFF/, ''),
        lines: textLines(text),
        text: async () => text,
        sideMeta: meta.value,
      },
    };
  }
  const metaFiles = choice.files.filter((f) => f.name.toLowerCase().endsWith('.meta.json'));
  const recordings = choice.files.filter((f) => !metaFiles.includes(f));
  if (recordings.length !== 1) {
    return {
      ok: false,
      errors: [
        recordings.length === 0
          ? 'Pick a recording file (.csv, .jsonl or .json), not only its .meta.json.'
          : `Pick one recording at a time (and optionally its .meta.json); got ${recordings.map((f) => f.name).join(', ')}.`,
      ],
    };
  }
  const file = recordings[0] as File;
  if (metaFiles.length > 1)
    return { ok: false, errors: [`Pick at most one .meta.json; got ${metaFiles.map((f) => f.name).join(', ')}.`] };
  const metaFile = metaFiles[0];
  if (metaFile !== undefined && metaFile.name !== metaSidePath(file.name)) {
    return {
      ok: false,
      errors: [`${metaFile.name} is not the metadata of ${file.name} (expected ${metaSidePath(file.name)}).`],
    };
  }
  const side =
    metaFile === undefined ? { ok: true as const, value: {} } : parseSideMeta(await metaFile.text(), metaFile.name);
  if (!side.ok) return { ok: false, errors: side.errors.map(formatRecordingError) };
  if (file.size === 0) return { ok: false, errors: [`${file.name}: the file is empty`] };
  const head = (await file.slice(0, PEEK_CHARS).text()).replace(/^\uFEFF/, '');
  return {
    ok: true,
    value: {
      display: file.name,
      head,
      // Bytes: the CSV and JSON Lines readers parse them directly; other readers get decoded lines.
      lines: byteChunkLines(() => countedChunks(file, onRead)),
      text: () => file.text(),
      sideMeta: side.value,
    },
  };
}

/** A File's bytes in chunks as it is read, reporting the fraction of its bytes read so far. */
async function* countedChunks(file: File, onRead: (fraction: number) => void): AsyncIterable<Uint8Array> {
  let bytes = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    bytes += value.byteLength;
    onRead(bytes / file.size);
    yield value;
  }
}
