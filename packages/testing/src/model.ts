// The loaded form of a formula test file (*.autoscale-test.yaml): what the loader produces and the
// runner consumes, plus the keys each level of the file accepts (the JSON Schema names the same
// keys; a test keeps the two in step). No YAML and no evaluation here.

import type { CompiledFormula, FormulaAnalysis, MetricHistory, PoolState } from '@autoscale/core';

/** Keys of the file's top level. `$schema` is accepted (and ignored) so editors can find the schema. */
export const TEST_FILE_KEYS = ['$schema', 'formula', 'formula_text', 'vars', 'defaults', 'tests'] as const;
/** Keys of `defaults`: everything a test may inherit. */
export const DEFAULTS_KEYS = ['at', 'interval', 'availabilityDelay', 'seed', 'utcOffset', 'pool', 'series'] as const;
/** Keys of one test. */
export const TEST_KEYS = [
  'name',
  'at',
  'steps',
  'interval',
  'availabilityDelay',
  'seed',
  'utcOffset',
  'pool',
  'series',
  'expect',
  'expect_error',
] as const;
/** Keys of one step of a multi-step test. */
export const STEP_KEYS = ['name', 'at', 'pool', 'expect', 'expect_error'] as const;
/** Keys of a series given as an object rather than as a bare notation string. */
export const SERIES_KEYS = ['values', 'interval', 'start', 'end'] as const;
/** Keys of `expect_error`. */
export const EXPECT_ERROR_KEYS = ['code', 'message'] as const;

/** Numbers in `expect` match when they differ by at most this much (relative above 1). */
export const NUMBER_TOLERANCE = 1e-9;

/** A problem with a test file: exit code 2. Line and column are 1-based, of the YAML node at fault. */
export interface LoadError {
  /** The test file, as given to the loader. */
  file: string;
  line?: number;
  column?: number;
  /** Where in the file's structure, e.g. `tests[2].expect.$Foo`; empty for the whole file. */
  path: string;
  message: string;
  /**
   * Set when the error is a diagnostic of the formula under test (it does not parse): its code and
   * where it is in the formula's own file (a host file's line and column; for formula_text, the test file).
   */
  formula?: FilePosition & { code: string };
}

/** `file:line:col: path: message` (parts left out when unknown or empty). */
export function formatLoadError(e: LoadError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column ?? 1}`;
  return e.path === '' ? `${where}: ${e.message}` : `${where}: ${e.path}: ${e.message}`;
}

/** A 1-based position in the test file, for reports (`file:line`). */
export interface Location {
  line: number;
  column: number;
}

/** A 1-based position in a file, the file named as reports name it (relative to the working directory, or as given). */
export interface FilePosition extends Location {
  file: string;
}

/** The formula under test, parsed, checked and compiled once per file. */
export interface FormulaUnderTest {
  /**
   * What reports call it: the formula file's path as the test file names it resolved against the working directory, or
   * `FILE#formula_text`.
   */
  name: string;
  /** Absolute path of the formula file; undefined for `formula_text`. */
  path: string | undefined;
  text: string;
  analysis: FormulaAnalysis;
  compiled: CompiledFormula;
  /** Every variable the formula assigns, by the name results print (aliases resolved to full names). */
  assigned: ReadonlySet<string>;
  /**
   * Where an offset of `text` is, for reports that point into the formula (an evaluation error's
   * "Line L, Col C"): in the formula file (a host file's own line and column), or for formula_text in
   * the test file.
   */
  locate(offset: number): FilePosition;
}

/** An expected value: a number (compared within NUMBER_TOLERANCE), exact text, or a vector of numbers. */
export type ExpectedValue =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'vector'; values: number[] };

export interface Expectation {
  /** The variable as written in the test file. */
  written: string;
  /** The name the results string uses (a legacy alias becomes the full name). */
  name: string;
  value: ExpectedValue;
  location: Location;
}

export interface ExpectedError {
  /** A service error code (`InsufficientSampleData`) or a core runtime code (`AS3002`). */
  code?: string;
  /** A substring of the error's "Line L, Col C: ..." message. */
  message?: string;
  location: Location;
}

/** One evaluation: its instant, the pool's explicit fields, and what it must produce. */
export interface TestStep {
  /** The step's own name, or undefined (single-step tests and unnamed steps). */
  name: string | undefined;
  at: number;
  /** Pool fields this step sets (on top of the test's pool and the previous steps'). */
  pool: Partial<PoolState>;
  expect: Expectation[];
  expectError: ExpectedError | undefined;
  location: Location;
}

export interface TestCase {
  name: string;
  location: Location;
  /** True when the test was written with `steps` (reports number them). */
  multiStep: boolean;
  steps: TestStep[];
  availabilityDelay: number;
  seed: number;
  /** The pool fields defaults and the test set; every other field takes core's default. */
  pool: Partial<PoolState>;
  /** Histories by full metric name, already placed on the time axis. */
  metrics: ReadonlyMap<string, MetricHistory>;
}

export interface TestFile {
  /** The test file as given to the loader (reports print it). */
  file: string;
  formula: FormulaUnderTest;
  tests: TestCase[];
}

export type LoadResult =
  | { ok: true; testFile: TestFile }
  | {
      ok: false;
      errors: LoadError[];
      /** The formula file the test file names (absolute), when it got that far: read or not, a watcher watches it. */
      formulaFile?: string;
    };
