// Runs loaded tests through core's one evaluator: each step of a test is one evaluation of the
// file's compiled formula, the pool carried from step to step as the service would carry it.
// Returns outcomes as data (reporters print them) and feeds traces to coverage when asked.

import { defaultPoolState, makeContext, type EvaluationResult, type PoolState } from '@autoscale/core';
import { checkStep, type Mismatch } from './compare.ts';
import type { CoverageCollector } from './coverage.ts';
import { delayNotes, ReadRecordingMetrics } from './delay-note.ts';
import type { FormulaUnderTest, TestCase, TestFile, TestStep } from './model.ts';

export interface StepOutcome {
  step: TestStep;
  /** The pool the step was evaluated with. */
  pool: PoolState;
  result: EvaluationResult;
  mismatches: Mismatch[];
  /** For a failed step, what may explain it (samples the availability delay hid); empty otherwise. */
  notes: string[];
}

export interface TestOutcome {
  test: TestCase;
  passed: boolean;
  steps: StepOutcome[];
  durationMs: number;
}

export interface FileOutcome {
  testFile: TestFile;
  tests: TestOutcome[];
}

export interface RunOptions {
  /** Runs only the tests whose name this matches. */
  filter?: RegExp;
  /** Records which statements and branches ran (evaluations are traced, which is slower). */
  coverage?: CoverageCollector;
  /** Called after each test, for reporters that print as tests run. */
  onTest?: (outcome: TestOutcome, testFile: TestFile) => void;
}

/** Runs a loaded file's tests (those `filter` selects), in file order. */
export function runTestFile(testFile: TestFile, options: RunOptions = {}): FileOutcome {
  options.coverage?.register(testFile.formula);
  const tests: TestOutcome[] = [];
  for (const test of testFile.tests) {
    if (options.filter !== undefined && !options.filter.test(test.name)) continue;
    const outcome = runTest(testFile.formula, test, options.coverage);
    tests.push(outcome);
    options.onTest?.(outcome, testFile);
  }
  return { testFile, tests };
}

/**
 * Runs one test. Pool fields accumulate over the steps (the test's, then each step's on top), and
 * after a successful evaluation the pool's targets become the results the service would apply
 * (truncated, negatives as 0), unless the next step sets them itself. A failed step leaves them.
 */
export function runTest(formula: FormulaUnderTest, test: TestCase, coverage?: CoverageCollector): TestOutcome {
  const started = performance.now();
  const steps: StepOutcome[] = [];
  let explicit: Partial<PoolState> = { ...test.pool };
  let carried: Partial<PoolState> = {};
  for (const step of test.steps) {
    const pool = defaultPoolState({ ...explicit, ...carried, ...step.pool });
    explicit = { ...explicit, ...step.pool };
    const metrics = new ReadRecordingMetrics(test.metrics);
    const context = makeContext({
      now: step.at,
      availabilityDelay: test.availabilityDelay,
      seed: test.seed,
      pool,
      metrics,
    });
    const result = formula.compiled.evaluate(context, { trace: coverage !== undefined });
    if (coverage !== undefined && result.trace !== undefined) coverage.record(formula, result.trace);
    if (result.ok)
      carried = { targetDedicatedNodes: result.applied.dedicated, targetLowPriorityNodes: result.applied.lowPriority };
    const mismatches = checkStep(step, result);
    const notes =
      mismatches.length === 0 ? [] : delayNotes(test.metrics, metrics.read, step.at, test.availabilityDelay);
    steps.push({ step, pool, result, mismatches, notes });
  }
  return {
    test,
    passed: steps.every((s) => s.mismatches.length === 0),
    steps,
    durationMs: performance.now() - started,
  };
}
