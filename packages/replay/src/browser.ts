// The part of @autoscale/replay that runs in a browser (the playground's replay worker): reading a
// recording from text that arrives in chunks, replaying it in memory with core's one evaluator, and
// the report's tables and chart data. Nothing reachable from here imports node:* (tested).

export type { Recording, RecordingFormat } from './recording/model.ts';
export { RECORDING_FORMATS } from './recording/model.ts';
export type { RecordingMeta } from './recording/meta.ts';
export {
  readRecordingSource,
  parseSideMeta,
  type RecordingSource,
  type ReadSourceOptions,
} from './recording/read-source.ts';
export { detectFormat, metaSidePath, PEEK_CHARS } from './recording/detect.ts';
export { splitLines, textLines, type LineSource } from './io/lines.ts';
export {
  byteChunkLines,
  splitByteLines,
  type ByteLineHandler,
  type ByteLineSource,
} from './io/byte-lines.ts';
export { formatRecordingError, type RecordingError, type ReadResult } from './recording/errors.ts';
export {
  DEFAULT_EVALUATION_INTERVAL_MS,
  MIN_EVALUATION_INTERVAL_MS,
  MAX_EVALUATION_INTERVAL_MS,
  DEFAULT_ALLOCATION_LATENCY_MS,
  checkEvaluationInterval,
} from './replay/schedule.ts';
export { checkCurrency } from './replay/currency.ts';
export { runReplay, type ReplayOptions, type ReplayOutcome } from './replay/run.ts';
export type { ReplayRequest } from './replay/settings.ts';
export { prepareFormula, columnsToKeep } from './replay/formulas.ts';
export type * from './replay/types.ts';
export { reportSection, escapeHtml, type PageChart } from './report/html-sections.ts';
export type { Chart, ChartSeries } from './report/chart-data.ts';
export { summaryTable } from './report/summary-table.ts';
export { renderHtmlInBrowser } from './report/html-browser.ts';
export type { ReportAssets, ChartLibrary } from './report/html-page.ts';
export { renderJson, reportJson } from './report/json.ts';
export { renderCsv } from './report/csv.ts';
export { jsonReportChunks } from './report/json-stream.ts';
export { csvReportChunks } from './report/csv-stream.ts';
export { explainHtml } from './explain/explain-html.ts';
export { EXPLAIN_STYLE } from './explain/explain-style.ts';
export type { EvaluationContexts, NamedHistory } from './explain/contexts.ts';
export { encodeContexts, decodeContexts, type ReportContexts } from './explain/codec.ts';
export { evaluationAt, explainEvaluation, type ExplainView } from './explain/explain-at.ts';
