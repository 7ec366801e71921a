// Public API of @autoscale/replay: recordings (format, readers, importers), the two replay modes
// on core's one evaluator, the pool simulator, the service's own history beside a replay, and the
// reports (text, CSV, JSON, HTML).

export type { Recording, RecordingFormat, KeepColumn } from './recording/model.ts';
export { RECORDING_FORMATS } from './recording/model.ts';
export type { RecordingMeta } from './recording/meta.ts';
export { META_FIELDS } from './recording/meta.ts';
export { metaSidePath } from './recording/detect.ts';
export { readRecording, type ReadRecordingOptions } from './recording/read.ts';
export { resolveColumn, recordableColumnNames, TIME_COLUMN } from './recording/columns.ts';
export { formatRecordingError, MAX_READ_ERRORS, type RecordingError, type ReadResult } from './recording/errors.ts';
export { recordingMetaSchema, recordingRowSchema } from './recording/schemas.ts';
export { AZURE_MONITOR_MAPPINGS } from './import/azure-monitor.ts';
export type { ServiceEvaluation, ServiceHistory } from './import/service-history-model.ts';
export { ServiceHistoryBuilder } from './import/service-history.ts';
export { readServiceHistory, serviceHistoryFiles } from './import/read-service-history.ts';
export { compareWithServiceHistory, type HistoryAgreement } from './replay/service-agreement.ts';
export type * from './replay/agreement-types.ts';
export { readTaskLog, type TaskLog } from './sim/task-log.ts';
export type { Period } from './sim/workload-model.ts';
export {
  MIN_EVALUATION_INTERVAL_MS,
  MAX_EVALUATION_INTERVAL_MS,
  DEFAULT_EVALUATION_INTERVAL_MS,
  DEFAULT_ALLOCATION_LATENCY_MS,
  SIMULATION_STEP_MS,
  checkEvaluationInterval,
} from './replay/schedule.ts';
export { checkCurrency } from './replay/currency.ts';
export { runReplay, type ReplayOptions, type ReplayOutcome } from './replay/run.ts';
export { replayFile, type ReplayFileRequest } from './replay/replay-file.ts';
export type { ReplayRequest } from './replay/settings.ts';
export { prepareFormula, columnsToKeep, MODEL_COLUMNS, type PreparedFormula } from './replay/formulas.ts';
export type * from './replay/types.ts';
export { replayMany, type ReplayManyOptions } from './parallel/replay-many.ts';
export { renderText } from './report/text.ts';
export { renderCsv, TIMELINE_COLUMNS } from './report/csv.ts';
export { renderJson, reportJson } from './report/json.ts';
export { CHUNK_CHARS, jsonReportChunks } from './report/json-stream.ts';
export { csvReportChunks } from './report/csv-stream.ts';
export { reportChunks, type ReportChunksFormat } from './report/report-chunks.ts';
export { renderHtml } from './report/html.ts';
export { renderHtmlInBrowser } from './report/html-browser.ts';
export { explainHtml } from './explain/explain-html.ts';
export type { EvaluationContexts, NamedHistory } from './explain/contexts.ts';
export { encodeContexts, decodeContexts, type ReportContexts } from './explain/codec.ts';
export { evaluationAt, explainEvaluation, type ExplainView } from './explain/explain-at.ts';
export { agreementHtml, agreementText } from './report/agreement.ts';
// The one atomic writer (@autoscale/node-io), under the name this package has always exported.
export { writeFileAtomic as writeOutputFile } from '@autoscale/node-io';
export { ProgressBar } from './io/progress-bar.ts';
export { tuneFormula, type TuneRequest, type TuneOutcome } from './tune/tune-formula.ts';
export { tuneSpace, type TuneSpace, type SpaceOutcome } from './tune/space.ts';
export type { ParamRange } from './tune/axis.ts';
export type { ParameterProblem, FormulaParameter } from './tune/parameters.ts';
export type { Objective, DelayMeasure, SummaryJson } from './tune/rank.ts';
export type { Shard } from './tune/plan.ts';
export type { TuneResult, SearchJson, PointJson, BestJson, VariantFigures } from './tune/result.ts';
export { mergeShards, type ShardFile, type MergeOutcome } from './tune/merge.ts';
export { renderTuneText } from './tune/text.ts';
export { renderTuneHtml } from './tune/html.ts';
export { TuneProgress } from './tune/progress.ts';
