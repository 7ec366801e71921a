// The service's limits: 8192 characters and 100 statements.

import { describe, expect, it } from 'vitest';
import { analyzeFormula, compileFormula, makeContext, MAX_FORMULA_LENGTH, MAX_STATEMENTS } from '@autoscale/core';
import { tooLongFormula, tooManyStatements } from './support/limits.ts';

const now = Date.parse('2026-01-05T10:00:00Z');

describe('limits', () => {
  it('accepts exactly 8192 characters and 100 statements', () => {
    const atLength = `$TargetDedicatedNodes = 1; //${'x'.repeat(MAX_FORMULA_LENGTH - 29)}`;
    expect(atLength.length).toBe(MAX_FORMULA_LENGTH);
    expect(analyzeFormula(atLength).diagnostics).toEqual([]);
    expect(analyzeFormula(tooManyStatements(MAX_STATEMENTS)).diagnostics).toEqual([]);
  });

  it('rejects a formula over 8192 characters, and evaluation reports AutoScaleFormulaTooLong', () => {
    const text = tooLongFormula();
    const d = analyzeFormula(text).diagnostics.find((x) => x.code === 'AS1009');
    expect(d?.message).toContain(`${text.length} characters`);
    expect(d?.range).toEqual({ start: MAX_FORMULA_LENGTH, end: text.length });
    const result = compileFormula(text).evaluate(makeContext({ now }));
    expect(result.error?.code).toBe('AutoScaleFormulaTooLong');
  });

  it('rejects 101 statements, pointing from the 101st to the end', () => {
    const text = tooManyStatements();
    const d = analyzeFormula(text).diagnostics.find((x) => x.code === 'AS1010');
    expect(d?.message).toContain('101 statements');
    expect(text.slice(d?.range.start, d?.range.end)).toBe('$TargetDedicatedNodes = 1');
  });
});

describe('depth limits (the stages recurse; a statement too deep is reported, never a crash)', () => {
  const deep: Record<string, string> = {
    parentheses: `x = ${'('.repeat(3000)}1${')'.repeat(3000)};`,
    brackets: `x = ${'['.repeat(2000)}1${']'.repeat(2000)};`,
    'prefix operators': `x = ${'-!'.repeat(2000)}1;`,
    'nested ?:': `x = ${'c ? 1 : '.repeat(900)}2;`,
    'member chain': `x = time()${'.hour'.repeat(1500)};`,
    'method chain': `x = $PendingTasks${'.GetSample(1)'.repeat(600)};`,
    'nested calls': `x = ${'max('.repeat(1500)}1${')'.repeat(1500)};`,
    'operator chain': `x = 1${'+1'.repeat(4000)};`,
  };
  for (const [shape, text] of Object.entries(deep)) {
    it(`reports ${shape} as AS1011 and still evaluates to a syntax error`, () => {
      expect(text.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
      const d = analyzeFormula(`${text}\n$TargetDedicatedNodes = 1;`).diagnostics;
      expect(d.map((x) => x.code)).toContain('AS1011');
      expect(d.find((x) => x.code === 'AS1011')?.range.start).toBe(0);
      expect(compileFormula(text).evaluate(makeContext({ now })).error?.code).toBe('AutoScalingFormulaSyntaxError');
    });
  }

  it('accepts realistic depth: 60 nested parentheses, 400 operators, ten ?: in a row', () => {
    for (const text of [
      `x = ${'('.repeat(60)}1${')'.repeat(60)};`,
      `x = 1${'+1'.repeat(400)};`,
      `x = ${'c ? 1 : '.repeat(10)}2;`,
    ]) {
      const d = analyzeFormula(`c = 1; ${text}\n$TargetDedicatedNodes = x;`).diagnostics;
      expect(d.filter((x) => x.severity === 'error')).toEqual([]);
    }
  });
});
