// Public API of @autoscale/core: the registry, parsing, checking, evaluation, trace, formatting
// and the evaluation context model. Other packages import only from here.

export * from './types.ts';
export * from './diagnostics.ts';
export * from './text/source.ts';
export { suggest, editDistance } from './text/suggest.ts';
export * from './syntax/ast.ts';
export { parse, MAX_FORMULA_LENGTH, MAX_STATEMENTS, type ParseResult } from './syntax/parse.ts';
export { lex } from './syntax/lexer.ts';
export {
  registry,
  RESULT_VARIABLES,
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
  DEALLOCATION_OPTION,
  DEFAULT_DEALLOCATION_OPTION,
} from './builtins/registry.ts';
export type * from './builtins/entry.ts';
export { arityAccepts, paramKindAt, argumentsFit } from './builtins/overloads.ts';
export { DEFAULT_SAMPLE_PERCENT } from './builtins/methods.ts';
export { BINARY_TABLE, UNARY_TABLE, findBinaryRow, findUnaryRow } from './operators.ts';
export { check, type CheckResult } from './check/checker.ts';
export type * from './check/analysis.ts';
export {
  formulaBounds,
  describeRange,
  describeTargetBounds,
  type FormulaBounds,
  type TargetBounds,
  type NumberRange,
} from './check/bounds.ts';
export { analyzeFormula, type FormulaAnalysis } from './analyze.ts';
export * from './runtime/context.ts';
export { flattenString } from './runtime/flat-string.ts';
export {
  compileFormula,
  evaluateFormula,
  formatResults,
  printedTarget,
  CompiledFormula,
  EvaluationResult,
  type CompileOptions,
  GENERATE_AFTER,
  type EvaluationOptions,
  type Targets,
  type EvaluationFailureInfo,
} from './eval/evaluate.ts';
export {
  SERVICE_ERROR_MESSAGES,
  serviceErrorDetail,
  serviceErrorLine,
  type ServiceError,
  type ServiceErrorCode,
} from './runtime/errors.ts';
export type * from './eval/trace.ts';
export { formatValue, Timestamp, Interval, Keyword, MetricRef, type Value } from './runtime/values.ts';
export { formatDouble, formatTimestamp, formatTimeInterval } from './runtime/format-value-text.ts';
export { parseTimeString } from './runtime/parse-time.ts';
export { daysFromCivil, daysInMonth, isLeapYear } from './runtime/civil-date.ts';
export { formatFormula } from './format/formatter.ts';
export * from './context/context-file.ts';
export * from './context/duration.ts';
export * from './context/series-notation.ts';
export { parseResultsString, type ResultsEntry, type ParsedResults } from './eval/results-string.ts';
export { traceLines } from './eval/trace-text.ts';
export { upperBound, visibleCount } from './runtime/samples.ts';
export { readContext, type ReadContextResult } from './context/read-context.ts';
export {
  HOST_KINDS,
  UNFILLED_PLACEHOLDER_TEXT,
  type HostKind,
  type EmbeddedFormula,
  type Placeholder,
} from './host/embedded.ts';
export type { OffsetMap } from './host/offset-map.ts';
export {
  readHostFile,
  detectHostKind,
  isHostFileName,
  embeddedDiagnostics,
  HOST_KIND_NAMES,
  type HostFile,
  type ReadHostOptions,
} from './host/host-file.ts';
export { readPoolRun, compareWithRecorded, type PoolRun, type RecordedRun } from './host/pool-run.ts';
export {
  parseJsonWithLocations,
  jsonPath,
  isJsonObject,
  type JsonValue,
  type JsonObject,
  type JsonLocation,
  type JsonParseResult,
} from './context/json-locations.ts';
