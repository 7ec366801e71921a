// The text reporter: prints each test as it finishes (✓ or ✗), a failure's details (per variable
// expected and got, notes such as samples the availability delay hid, the results string, the
// error, file:line of the test and of the step), and leaves the closing "N passed, N failed" line
// (with the files that could not be loaded) to the suite. Also the failure text JUnit reuses.

import { formatInstant } from '@autoscale/core';
import type { Mismatch } from './compare.ts';
import type { TestFile } from './model.ts';
import type { StepOutcome, TestOutcome } from './run.ts';

/** One mismatch in a line: `$Var: expected X, got Y (note)`, or for an error `expected ..., got ...`. */
export function describeMismatch(m: Mismatch): string {
  const note = m.note === undefined ? '' : ` (${m.note})`;
  return m.variable === undefined
    ? `expected ${m.expected}, got ${m.got}${note}`
    : `${m.variable}: expected ${m.expected}, got ${m.got}${note}`;
}

function stepLabel(s: StepOutcome, index: number, file: string): string {
  const name = s.step.name === undefined ? '' : ` "${s.step.name}"`;
  return `step ${index + 1}${name} at ${formatInstant(s.step.at)} (${file}:${s.step.location.line})`;
}

/** What a failed test shows, one line per entry, without indentation: where, then per failed step what differed. */
export function failureLines(outcome: TestOutcome, file: string): string[] {
  const lines = [`at ${file}:${outcome.test.location.line}`];
  outcome.steps.forEach((s, index) => {
    if (s.mismatches.length === 0) return;
    const indent = outcome.test.multiStep ? '  ' : '';
    if (outcome.test.multiStep) lines.push(`${stepLabel(s, index, file)}:`);
    for (const m of s.mismatches) lines.push(`${indent}${describeMismatch(m)}`);
    for (const note of s.notes) lines.push(`${indent}note: ${note}`);
    // After an error the mismatch quotes it; the results string then holds the pool's unchanged targets.
    lines.push(`${indent}results: ${s.result.results}`);
  });
  return lines;
}

/** One line for a failed test: its first mismatch (with the step's number in a multi-step test). */
export function failureSummary(outcome: TestOutcome): string {
  const index = outcome.steps.findIndex((s) => s.mismatches.length > 0);
  const first = outcome.steps[index]?.mismatches[0];
  if (first === undefined) return 'failed';
  return outcome.test.multiStep ? `step ${index + 1}: ${describeMismatch(first)}` : describeMismatch(first);
}

export type TextSink = (text: string) => void;

/** Streams results as tests finish. */
export class TextReporter {
  private readonly write: TextSink;
  private currentFile: TestFile | undefined;

  constructor(write: TextSink) {
    this.write = write;
  }

  test(outcome: TestOutcome, testFile: TestFile): void {
    if (this.currentFile !== testFile) {
      this.currentFile = testFile;
      this.write(`${testFile.file}  (${testFile.formula.name})\n`);
    }
    const steps = outcome.test.multiStep
      ? ` (${outcome.steps.length} step${outcome.steps.length === 1 ? '' : 's'})`
      : '';
    this.write(`  ${outcome.passed ? '✓' : '✗'} ${outcome.test.name}${steps}\n`);
    if (!outcome.passed)
      this.write(
        failureLines(outcome, testFile.file)
          .map((l) => `      ${l}\n`)
          .join(''),
      );
  }
}

/**
 * The closing line: "N passed, N failed", and ", N file(s) could not be loaded" when test files were
 * unusable (their tests were neither run nor counted; the errors are on stderr above).
 */
export function summaryLine(passed: number, failed: number, unloadable = 0): string {
  const unusable = unloadable === 0 ? '' : `, ${unloadable} ${unloadable === 1 ? 'file' : 'files'} could not be loaded`;
  return `${passed} passed, ${failed} failed${unusable}`;
}
