// The json reporter: the whole run as one JSON document (files, tests, steps with results string,
// error and mismatches, load errors, coverage), for tools that post-process results.

import { formatInstant, type ServiceError } from '@autoscale/core';
import type { Mismatch } from './compare.ts';
import { coverageJson, type CoverageJson } from './coverage-report.ts';
import type { SuiteResult } from './suite-result.ts';

export interface JsonStep {
  name?: string;
  at: string;
  line: number;
  passed: boolean;
  results: string;
  error: ServiceError | null;
  mismatches: Mismatch[];
  /** What may explain a failed step (e.g. samples the availability delay hid); empty when it passed. */
  notes: string[];
}

export interface JsonTest {
  name: string;
  line: number;
  passed: boolean;
  durationMs: number;
  steps: JsonStep[];
}

export interface JsonReport {
  /** `unusableFiles`: test files that could not be loaded; their tests neither ran nor count as passed or failed. */
  summary: { passed: number; failed: number; files: number; unusableFiles: number };
  /** Paths that found no test file, or could not be read. */
  errors: string[];
  files: Array<{
    file: string;
    formula?: string;
    errors: Array<{ line?: number; column?: number; path: string; message: string }>;
    tests: JsonTest[];
  }>;
  coverage?: CoverageJson[];
  /** Set with --min-coverage: the threshold and whether the run met it. */
  minCoverage?: { percent: number; branchPercent: number; met: boolean };
}

export function jsonReport(result: SuiteResult): JsonReport {
  const report: JsonReport = {
    summary: {
      passed: result.passed,
      failed: result.failed,
      files: result.files.length,
      unusableFiles: result.files.filter((f) => f.errors.length > 0).length,
    },
    errors: result.discoveryErrors,
    files: result.files.map((f) => ({
      file: f.file,
      ...(f.outcome !== undefined ? { formula: f.outcome.testFile.formula.name } : {}),
      errors: f.errors.map(({ line, column, path, message }) => ({
        ...(line !== undefined ? { line, column } : {}),
        path,
        message,
      })),
      tests: (f.outcome?.tests ?? []).map((t) => ({
        name: t.test.name,
        line: t.test.location.line,
        passed: t.passed,
        durationMs: Math.round(t.durationMs * 1000) / 1000,
        steps: t.steps.map((s) => ({
          ...(s.step.name !== undefined ? { name: s.step.name } : {}),
          at: formatInstant(s.step.at),
          line: s.step.location.line,
          passed: s.mismatches.length === 0,
          results: s.result.results,
          error: s.result.error,
          mismatches: s.mismatches,
          notes: s.notes,
        })),
      })),
    })),
  };
  if (result.coverage !== undefined) report.coverage = coverageJson(result.coverage);
  if (result.minCoverage !== undefined) report.minCoverage = result.minCoverage;
  return report;
}
