// `autoscale test` as a function: finds the test files, loads and runs each, streams or collects
// the report, prints coverage, writes the JUnit file, and returns the exit code (0 all passed,
// 1 a test failed or coverage is below the minimum, 2 unusable input). The CLI only wires options.

import { resolve } from 'node:path';
import { fileErrorReason, inputOverwrittenBy, writeFileAtomic } from '@autoscale/node-io';
import { CoverageCollector } from './coverage.ts';
import { coverageTable, totalBranchPercent, uncoveredListing } from './coverage-report.ts';
import { discoverTestFiles } from './discover.ts';
import { loadTestFile } from './load-test-file.ts';
import { formatLoadError } from './model.ts';
import type { ReporterName } from './options.ts';
import { jsonReport } from './report-json.ts';
import { junitReport } from './report-junit.ts';
import { summaryLine, TextReporter } from './report-text.ts';
import { runTestFile } from './run.ts';
import { worse, type FileResult, type SuiteResult, type Verdict } from './suite-result.ts';

export { REPORTERS, type ReporterName } from './options.ts';

export interface SuiteOptions {
  /** Files, directories and globs; none means every test file under `cwd`. */
  paths: readonly string[];
  cwd: string;
  /** Runs only the tests whose name matches. */
  run?: RegExp;
  /** `none` prints no report on stdout: the caller renders the result it gets back (coverage text goes to stderr). */
  reporter: ReporterName | 'none';
  /** Also write JUnit XML to this file (atomically). */
  junit?: string;
  /** Print the coverage table and the uncovered lines. */
  coverage?: boolean;
  /** Fail (exit 1) when branch coverage over all formulas is below this percentage. */
  minCoverage?: number;
}

export interface SuiteOutput {
  /** The report (text, JSON or JUnit, per the reporter). */
  stdout(text: string): void;
  /** Load errors (`file:line:col: ...`), and coverage when stdout carries a machine-readable report. */
  stderr(text: string): void;
  /**
   * A problem with the run as a whole, one sentence without a trailing newline; a front end words it (the CLI prefixes
   * `autoscale test:`).
   */
  problem(message: string): void;
}

export async function runSuite(
  options: SuiteOptions,
  out: SuiteOutput,
): Promise<{ verdict: Verdict; result: SuiteResult }> {
  const started = performance.now();
  const discovered = await discoverTestFiles(options.paths, options.cwd);
  for (const e of discovered.errors) out.problem(e);
  // The report must not overwrite what it reports on: refused before anything runs or is written.
  const junitPath = options.junit === undefined ? undefined : resolve(options.cwd, options.junit);
  const refuseJunit = async (inputs: readonly string[]): Promise<boolean> => {
    const resolved = inputs.map((f) => resolve(options.cwd, f));
    const clash = junitPath === undefined ? undefined : await inputOverwrittenBy(junitPath, resolved);
    // Named as the user or the test file named it.
    if (clash !== undefined)
      out.problem(
        `the JUnit report ${options.junit} is the input ${inputs[resolved.indexOf(clash)] ?? clash}; choose another file for the report (nothing was written)`,
      );
    return clash !== undefined;
  };
  const empty: SuiteResult = {
    files: [],
    discoveryErrors: discovered.errors,
    passed: 0,
    failed: 0,
    durationMs: 0,
    coverage: undefined,
    minCoverage: undefined,
  };
  if (await refuseJunit(discovered.files)) return { verdict: 'unusable', result: empty };
  const wantsCoverage = options.coverage === true || options.minCoverage !== undefined;
  const collector = wantsCoverage ? new CoverageCollector() : undefined;
  const text = options.reporter === 'text' ? new TextReporter(out.stdout) : undefined;
  const files: FileResult[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of discovered.files) {
    const loaded = loadTestFile(file, { cwd: options.cwd });
    if (!loaded.ok) {
      for (const e of loaded.errors) out.stderr(`${formatLoadError(e)}\n`);
      const formulaFile = loaded.formulaFile;
      files.push({
        file,
        errors: loaded.errors,
        outcome: undefined,
        ...(formulaFile !== undefined ? { formulaFile } : {}),
      });
      continue;
    }
    const outcome = runTestFile(loaded.testFile, {
      ...(options.run !== undefined ? { filter: options.run } : {}),
      ...(collector !== undefined ? { coverage: collector } : {}),
      onTest: (t, testFile) => {
        if (t.passed) passed++;
        else failed++;
        text?.test(t, testFile);
      },
    });
    const formulaFile = loaded.testFile.formula.path;
    files.push({ file, errors: [], outcome, ...(formulaFile !== undefined ? { formulaFile } : {}) });
  }
  const coverage = collector?.results();
  const result: SuiteResult = {
    files,
    discoveryErrors: discovered.errors,
    passed,
    failed,
    durationMs: 0,
    coverage,
    minCoverage: undefined,
  };
  let verdict: Verdict = discovered.errors.length > 0 || files.some((f) => f.errors.length > 0) ? 'unusable' : 'passed';
  if (passed + failed === 0 && discovered.files.length > 0 && verdict === 'passed') {
    out.problem(options.run !== undefined ? `no test name matches /${options.run.source}/` : 'no tests to run');
    verdict = 'unusable';
  }
  if (coverage !== undefined && options.coverage === true) {
    // Coverage is text for people; with a machine-readable reporter on stdout it goes to stderr.
    const write = options.reporter === 'text' ? out.stdout : out.stderr;
    write(`\n${coverageTable(coverage)}`);
    const listing = uncoveredListing(coverage);
    if (listing !== '') write(`\n${listing}`);
  }
  if (coverage !== undefined && options.minCoverage !== undefined) {
    const branchPercent = totalBranchPercent(coverage);
    const met = branchPercent >= options.minCoverage;
    result.minCoverage = { percent: options.minCoverage, branchPercent, met };
    if (!met) {
      out.problem(`branch coverage ${branchPercent.toFixed(1)}% is below the minimum of ${options.minCoverage}%`);
      verdict = worse(verdict, 'failed');
    }
  }
  if (failed > 0) verdict = worse(verdict, 'failed');
  result.durationMs = performance.now() - started;
  const formulaFiles = files.flatMap((f) =>
    f.outcome?.testFile.formula.path === undefined ? [] : [f.outcome.testFile.formula.path],
  );
  if (await refuseJunit(formulaFiles)) verdict = 'unusable';
  else if (options.junit !== undefined) {
    try {
      await writeFileAtomic(resolve(options.cwd, options.junit), junitReport(result));
    } catch (err) {
      out.problem(`cannot write ${options.junit}: ${fileErrorReason(err)}`);
      verdict = 'unusable';
    }
  }
  if (options.reporter === 'json') out.stdout(`${JSON.stringify(jsonReport(result), null, 2)}\n`);
  else if (options.reporter === 'junit') out.stdout(junitReport(result));
  else if (options.reporter === 'text')
    out.stdout(
      `${text === undefined || passed + failed === 0 ? '' : '\n'}${summaryLine(passed, failed, files.filter((f) => f.errors.length > 0).length)}\n`,
    );
  return { verdict, result };
}
