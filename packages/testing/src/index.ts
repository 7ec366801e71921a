// Public API of @autoscale/testing: load a formula test file (*.autoscale-test.yaml), run it,
// collect coverage, report, and evaluate a formula with series in notation from a vitest/jest
// suite. `autoscale test` (packages/cli) is runSuite behind command-line options.

export * from './model.ts';
export { loadTestFile, parseTestFile, type LoadOptions } from './load-test-file.ts';
export { readFormulaFile, type FormulaFileReader } from './load-formula.ts';
export { runTestFile, runTest, type RunOptions, type TestOutcome, type StepOutcome, type FileOutcome } from './run.ts';
export { checkStep, numbersMatch, describeExpectedError, type Mismatch } from './compare.ts';
export {
  CoverageCollector,
  percent,
  statementRatio,
  branchRatio,
  sumRatios,
  type FormulaCoverage,
  type StatementCoverage,
  type BranchCoverage,
  type OperandCoverage,
  type Ratio,
} from './coverage.ts';
export {
  coverageTable,
  uncoveredListing,
  coverageJson,
  totalBranchPercent,
  type CoverageJson,
  type UncoveredConditionalJson,
  type UncoveredOperandJson,
} from './coverage-report.ts';
export { discoverTestFiles, TEST_FILE_SUFFIX, type Discovered } from './discover.ts';
export { TextReporter, describeMismatch, failureLines, failureSummary, summaryLine } from './report-text.ts';
export { jsonReport, type JsonReport, type JsonTest, type JsonStep } from './report-json.ts';
export { junitReport, xmlEscape } from './report-junit.ts';
export { runSuite, REPORTERS, type ReporterName, type SuiteOptions, type SuiteOutput } from './suite.ts';
export { worse, type Verdict, type SuiteResult, type FileResult } from './suite-result.ts';
export { evaluateWithSeries, valuesOf, type SeriesInput, type SeriesEvaluation } from './evaluate-series.ts';
export { knownErrorCodes } from './read-values.ts';
