// The result of a whole run (several test files), as the reporters and the exit code read it.

import type { FormulaCoverage } from './coverage.ts';
import type { LoadError } from './model.ts';
import type { FileOutcome } from './run.ts';

export interface FileResult {
  /** The test file as discovered (relative to the working directory, or as given). */
  file: string;
  /** Why the file could not be used; empty when it loaded. */
  errors: LoadError[];
  outcome: FileOutcome | undefined;
}

export interface SuiteResult {
  files: FileResult[];
  /** Paths given on the command line that found nothing. */
  discoveryErrors: string[];
  passed: number;
  failed: number;
  durationMs: number;
  /** Present when coverage was collected (--coverage or --min-coverage). */
  coverage: FormulaCoverage[] | undefined;
  minCoverage: { percent: number; branchPercent: number; met: boolean } | undefined;
}

/** Exit codes of `autoscale test`. */
export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_UNUSABLE = 2;
