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
