// The evaluator's trace of && and ||: one record per operation that produced a value, with each
// operand's truth and whether a short-circuiting language would have skipped the right operand;
// nothing at all when tracing is off; and both operands still evaluated either way.

import { describe, expect, it } from 'vitest';
import { compileFormula, makeContext, type LogicalTrace } from '@autoscale/core';

const at = Date.parse('2026-01-05T10:00:00Z');

function logical(text: string): LogicalTrace[][] {
  const result = compileFormula(text).evaluate(makeContext({ now: at }), { trace: true });
  return (result.trace?.statements ?? []).map((s) => s.logical);
}

describe('the trace of && and ||', () => {
  it("records each operand's truth and the short-circuit a C or JavaScript evaluation would take", () => {
    // Offsets counted by hand: "a = 2 || 0;" has '||' at 6; the second line starts at 12.
    expect(logical('a = 2 || 0;\nb = 0 || 3;\nc = 0 && 1;\nd = 4 && 0;')).toEqual([
      [{ at: 6, line: 1, column: 7, operator: '||', left: true, right: false, shortCircuit: true }],
      [{ at: 18, line: 2, column: 7, operator: '||', left: false, right: true, shortCircuit: false }],
      [{ at: 30, line: 3, column: 7, operator: '&&', left: false, right: true, shortCircuit: true }],
      [{ at: 42, line: 4, column: 7, operator: '&&', left: true, right: false, shortCircuit: false }],
    ]);
  });

  it('records nested operations in the order they finish: operands before the operation', () => {
    // (0 || 1) && 0: the inner || finishes first; the && then sees a non-zero left and a zero right.
    expect(
      logical('x = (0 || 1) && 0;')
        .flat()
        .map((l) => [l.operator, l.column, l.left, l.right, l.shortCircuit]),
    ).toEqual([
      ['||', 8, false, true, false],
      ['&&', 14, true, false, false],
    ]);
  });

  it('records nothing for an operation that failed, and nothing at all when tracing is off', () => {
    const failed = compileFormula('x = 1 || "a";').evaluate(makeContext({ now: at }), { trace: true });
    expect(failed.error?.code).toBe('AutoScalingFormulaEvaluationError');
    expect(failed.trace?.statements[0]?.logical).toEqual([]);
    const untraced = compileFormula('x = 1 || 0;').evaluate(makeContext({ now: at }));
    expect(untraced.trace).toBeUndefined();
    expect(untraced.results).toContain('x=1');
  });

  it('still evaluates the right operand after a left one that decided the result', () => {
    // A C evaluation would skip the window read; this language reads it and fails (docs/semantics.md §3.5).
    const r = compileFormula('x = 1 || len($PendingTasks.GetSample(TimeInterval_Minute * 5));').evaluate(
      makeContext({ now: at }),
      { trace: true },
    );
    expect(r.error?.code).toBe('InsufficientSampleData');
    expect(r.trace?.statements[0]?.logical).toEqual([]);
  });
});
