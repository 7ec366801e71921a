// Compares one evaluation with what a step expects: each expected variable against the value the
// results string reports (numbers within NUMBER_TOLERANCE), or the error against expect_error.
// Produces mismatches as data; reporters decide how to print them.

import {
  formatValue,
  printedTarget,
  serviceErrorDetail,
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
  DEALLOCATION_OPTION,
  type EvaluationResult,
  type Value,
} from '@autoscale/core';
import { NUMBER_TOLERANCE, type ExpectedError, type ExpectedValue, type Expectation, type TestStep } from './model.ts';

export interface Mismatch {
  /** The variable as written in the test, for value mismatches; undefined for error mismatches. */
  variable: string | undefined;
  expected: string;
  got: string;
  /** A note that helps read the difference (e.g. the untruncated target). */
  note?: string;
}

/** What went wrong in one step; empty when the step passed. */
export function checkStep(step: TestStep, result: EvaluationResult): Mismatch[] {
  if (step.expectError !== undefined) return checkError(step.expectError, result);
  if (result.error !== null) {
    return [{ variable: undefined, expected: 'no error', got: `${result.error.code}: ${errorMessage(result)}` }];
  }
  const out: Mismatch[] = [];
  for (const e of step.expect) {
    const mismatch = checkValue(e, result);
    if (mismatch !== undefined) out.push(mismatch);
  }
  return out;
}

/** The "Line L, Col C: ..." text of a failed evaluation. */
export function errorMessage(result: EvaluationResult): string {
  return result.error ? serviceErrorDetail(result.error) : '';
}

export function describeExpectedError(e: ExpectedError): string {
  const parts: string[] = [];
  if (e.code !== undefined) parts.push(e.code);
  if (e.message !== undefined) parts.push(`with a message containing "${e.message}"`);
  return `error ${parts.join(' ')}`;
}

function checkError(expected: ExpectedError, result: EvaluationResult): Mismatch[] {
  const error = result.error;
  if (error === null) return [{ variable: undefined, expected: describeExpectedError(expected), got: 'no error' }];
  const got = `${error.code}: ${errorMessage(result)}`;
  const codeOk = expected.code === undefined || expected.code === error.code || expected.code === result.failure?.code;
  const messageOk = expected.message === undefined || errorMessage(result).includes(expected.message);
  if (codeOk && messageOk) return [];
  const note = !codeOk && result.failure !== null ? `core code ${result.failure.code}` : undefined;
  return [
    { variable: undefined, expected: describeExpectedError(expected), got, ...(note !== undefined ? { note } : {}) },
  ];
}

/** The value an expected variable is compared with, as the results string reports it. */
type Actual =
  | { kind: 'target'; printed: number; computed: number }
  | { kind: 'value'; value: Value }
  | { kind: 'absent' };

function actual(name: string, result: EvaluationResult): Actual {
  if (name === TARGET_DEDICATED || name === TARGET_LOW_PRIORITY) {
    const computed = name === TARGET_DEDICATED ? result.targets.dedicated : result.targets.lowPriority;
    // The results string prints targets truncated toward zero; that is what the service reports and applies.
    return { kind: 'target', printed: printedTarget(computed), computed };
  }
  if (name === DEALLOCATION_OPTION) return { kind: 'value', value: result.targets.deallocationOption };
  const found = result.variables.find(([n]) => n === name);
  return found === undefined ? { kind: 'absent' } : { kind: 'value', value: found[1] };
}

function checkValue(e: Expectation, result: EvaluationResult): Mismatch | undefined {
  const got = actual(e.name, result);
  const expected = showExpected(e.value);
  if (got.kind === 'absent')
    return { variable: e.written, expected, got: 'nothing: the evaluation ended (stop()) before assigning it' };
  const value: Value = got.kind === 'target' ? got.printed : got.value;
  if (matches(e.value, value)) return undefined;
  const mismatch: Mismatch = { variable: e.written, expected, got: showValue(value) };
  if (got.kind === 'target' && got.computed !== got.printed)
    mismatch.note = `computed ${String(got.computed)}; results print targets truncated toward zero`;
  return mismatch;
}

export function numbersMatch(expected: number, got: number): boolean {
  return Math.abs(expected - got) <= NUMBER_TOLERANCE * Math.max(1, Math.abs(expected), Math.abs(got));
}

function matches(expected: ExpectedValue, got: Value): boolean {
  switch (expected.kind) {
    case 'number':
      return typeof got === 'number' && numbersMatch(expected.value, got);
    case 'vector':
      return (
        Array.isArray(got) &&
        got.length === expected.values.length &&
        got.every((g, i) => numbersMatch(expected.values[i] as number, g))
      );
    case 'text':
      return formatValue(got) === expected.value;
  }
}

/** Numbers in full precision (the results string's %g would hide small differences). */
function showValue(v: Value): string {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(String).join(', ')}]`;
  return formatValue(v);
}

function showExpected(v: ExpectedValue): string {
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'vector':
      return `[${v.values.map(String).join(', ')}]`;
    case 'text':
      return v.value;
  }
}
