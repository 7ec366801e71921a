// The result of a whole run (several test files), as the reporters and a front end (the CLI's exit
// code) read it.

import type { FormulaCoverage } from './coverage.ts';
import type { LoadError } from './model.ts';
import type { FileOutcome } from './run.ts';

export interface FileResult {
  /** The test file as discovered (relative to the working directory, or as given). */
  file: string;
  /** Why the file could not be used; empty when it loaded. */
  errors: LoadError[];
  outcome: FileOutcome | undefined;
  /** The formula file the test file names (absolute), also when the file could not be loaded; none for formula_text. */
  formulaFile?: string;
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

/**
 * How a run ended: every test passed; a test failed (or coverage fell short); or the input could
 * not be used (a test file with a mistake, nothing found, a report that cannot be written).
 */
export type Verdict = 'passed' | 'failed' | 'unusable';

const SEVERITY: Record<Verdict, number> = { passed: 0, failed: 1, unusable: 2 };

/** The more serious of two verdicts. */
export function worse(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}
