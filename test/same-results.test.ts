// EvaluationResult.sameResults says two evaluations' results strings are the same text without
// building them; the replay then keeps one string for a run of evaluations. It may say "not known"
// (false) for equal strings, never "same" for different ones: held over random formulas against
// random sequences of contexts, and on the values whose text is easy to get wrong (0 and -0,
// fractional targets, strings, failures).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileFormula,
  type EvaluationResult,
  historyFromSamples,
  makeContext,
  type MetricHistory,
} from '@autoscale/core';
import { formulaArbitrary } from '../packages/core/test/support/formula-arbitrary.ts';
import { contextArb } from './support/context-arbitrary.ts';
import { CASES } from './support/paths.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');

/** A context whose $PendingTasks has been `pending` for the last hour. */
function pendingContext(pending: number, target = 0) {
  const samples: Array<[number, number]> = [];
  for (let t = NOW - 3_600_000; t <= NOW; t += 30_000) samples.push([t, pending]);
  const metrics = new Map<string, MetricHistory>([['$PendingTasks', historyFromSamples(samples)]]);
  return makeContext({ now: NOW, pool: { targetDedicatedNodes: target }, metrics });
}

/** Two evaluations of one compiled formula, for $PendingTasks of `a` then `b`. */
function twice(text: string, a: number, b: number): [EvaluationResult, EvaluationResult] {
  const formula = compileFormula(text);
  return [formula.evaluate(pendingContext(a)), formula.evaluate(pendingContext(b))];
}

describe('sameResults', () => {
  it('never calls two different results strings the same (random formulas, sequences of contexts)', () => {
    let same = 0;
    let different = 0;
    fc.assert(
      fc.property(
        formulaArbitrary({ comments: false }),
        fc.array(contextArb, { minLength: 2, maxLength: 5 }),
        fc.boolean(),
        (text, contexts, repeat) => {
          const formula = compileFormula(text);
          // Each context once, or each twice in a row (a steady pool).
          const results = contexts.flatMap((ctx) =>
            repeat ? [formula.evaluate(ctx), formula.evaluate(ctx)] : [formula.evaluate(ctx)],
          );
          for (let i = 1; i < results.length; i++) {
            const [before, after] = [results[i - 1] as EvaluationResult, results[i] as EvaluationResult];
            if (after.sameResults(before)) {
              same++;
              expect(after.results).toBe(before.results);
            } else if (after.results !== before.results) different++;
          }
        },
      ),
      { numRuns: 400, seed: 20261204 },
    );
    // Both answers were given, so the property above held something.
    expect(same).toBeGreaterThan(50);
    expect(different).toBeGreaterThan(50);
  });

  it('never calls two different results strings the same (formulas of every value kind, steady and changing metrics)', () => {
    const formulas = [
      // The docs' Example 2, as the check corpus holds it.
      readFileSync(join(CASES, 'check', 'ok-docs-example2.autoscale'), 'utf8'),
      // Doubles (fractions, -0), strings, vectors, timestamps and intervals as variables.
      `p = $PendingTasks.GetSample(1); a = avg($PendingTasks.GetSample(TimeInterval_Minute * 5));
       z = p > 1 ? -0 : 0; f = a / 3; s = p > 2 ? "many" : "few"; v = $PendingTasks.GetSample(3);
       w = p > 0 ? TimeInterval_Hour : TimeInterval_Minute; t = time();
       $TargetDedicatedNodes = a * 1.5; $TargetLowPriorityNodes = -f;`,
    ];
    // Histories of a few small values: consecutive evaluations often see the same numbers.
    const history = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 40 });
    let same = 0;
    let different = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...formulas),
        fc.array(history, { minLength: 2, maxLength: 6 }),
        (text, histories) => {
          const formula = compileFormula(text);
          let before: EvaluationResult | undefined;
          for (const values of histories) {
            const samples = values.map((v, i): [number, number] => [NOW - (values.length - 1 - i) * 30_000, v]);
            const metrics = new Map<string, MetricHistory>([['$PendingTasks', historyFromSamples(samples)]]);
            const after = formula.evaluate(makeContext({ now: NOW, metrics }));
            if (before !== undefined) {
              if (after.sameResults(before)) {
                same++;
                expect(after.results).toBe(before.results);
              } else if (after.results !== before.results) different++;
            }
            before = after;
          }
        },
      ),
      { numRuns: 400, seed: 20261204 },
    );
    expect(same).toBeGreaterThan(50);
    expect(different).toBeGreaterThan(50);
  });

  it('tells 0 from -0, as the results string prints them', () => {
    const [zero, minusZero] = twice('$TargetDedicatedNodes = 1; v = $PendingTasks > 5 ? -0 : 0;', 1, 9);
    expect(zero.results).toContain(';v=0');
    expect(minusZero.results).toContain(';v=-0');
    expect(minusZero.sameResults(zero)).toBe(false);
  });

  it('compares targets as printed: truncated toward zero', () => {
    const text = '$TargetDedicatedNodes = $PendingTasks > 5 ? 2.7 : 2.3;';
    const [low, high] = twice(text, 1, 9);
    expect(high.sameResults(low)).toBe(true);
    expect(high.results).toBe(low.results);
    const [two, three] = twice('$TargetDedicatedNodes = $PendingTasks > 5 ? 3 : 2;', 1, 9);
    expect(three.sameResults(two)).toBe(false);
  });

  it('compares strings and numbers by value', () => {
    const text =
      '$TargetDedicatedNodes = 1; s = $PendingTasks > 5 ? "busy" : "idle"; n = $PendingTasks > 7 ? 1.5 : 2.5;';
    const formula = compileFormula(text);
    const [idle, busy, busier, again] = [1, 6, 9, 9].map((p) => formula.evaluate(pendingContext(p))) as [
      EvaluationResult,
      EvaluationResult,
      EvaluationResult,
      EvaluationResult,
    ];
    expect([idle, busy, busier].map((r) => r.error)).toEqual([null, null, null]);
    expect(busy.sameResults(idle)).toBe(false);
    expect(busier.sameResults(busy)).toBe(false);
    expect(again.sameResults(busier)).toBe(true);
    expect(again.results).toBe(busier.results);
  });

  it('holds for failed evaluations, whose results are the pool’s own targets', () => {
    // Five hours asked for, one recorded: the evaluation fails.
    const formula = compileFormula('$TargetDedicatedNodes = max($PendingTasks.GetSample(TimeInterval_Hour * 5, 90));');
    const [first, second] = [formula.evaluate(pendingContext(1, 3)), formula.evaluate(pendingContext(2, 3))];
    expect(first.error).not.toBeNull();
    expect(second.sameResults(first)).toBe(true);
    expect(second.results).toBe(first.results);
    const other = formula.evaluate(pendingContext(2, 4));
    expect(other.sameResults(first)).toBe(false);
    expect(other.results).not.toBe(first.results);
  });

  it('does not compare two compiles of a formula (their variables are not known to be the same)', () => {
    const text = '$TargetDedicatedNodes = 1; v = 2;';
    const [a, b] = [compileFormula(text).evaluate(pendingContext(1)), compileFormula(text).evaluate(pendingContext(1))];
    expect(a.results).toBe(b.results);
    expect(b.sameResults(a)).toBe(false);
  });
});
