// A compiled formula evaluated again and again (as a replay does) reuses its frame, remembers its
// overload choices and sample searches, and folds constants once: none of that may change a result.
// Every evaluation of one compiled formula must equal a fresh compile's, in any order of contexts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileFormula,
  evaluateFormula,
  historyFromSamples,
  makeContext,
  type EvaluationResult,
} from '../src/index.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-03-01T00:00:00Z');

const FORMULAS = [
  // The docs' Example 2: windows, GetSample(1), constants folded.
  `$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);
   $tasks = $samples < 70 ? max(0,$PendingTasks.GetSample(1)) : max( $PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 15)));
   $targetVMs = $tasks > 0? $tasks:max(0, $TargetDedicatedNodes/2);
   $TargetDedicatedNodes = max(0, min($targetVMs, 20));
   $NodeDeallocationOption = taskcompletion;`,
  // One call site given a double in one evaluation and an interval in another: two overloads.
  `n = $PendingTasks > 5 ? 3 : TimeInterval_Minute * 2;
   $TargetDedicatedNodes = avg($PendingTasks.GetSample(n), 0);`,
  // Types of an operator's operands change between evaluations; stop() in one branch.
  `t = $PendingTasks > 10 ? time() : TimeInterval_Hour;
   d = $PendingTasks > 10 ? t - TimeInterval_Hour : t * 2;
   $PendingTasks > 20 ? stop() : 0;
   $TargetDedicatedNodes = 3;`,
  // An evaluation error in some contexts only (too few samples), then success again.
  `$TargetDedicatedNodes = max($PendingTasks.GetSample(TimeInterval_Minute * 10, 50));`,
];

function history(seed: number, gapFrom: number) {
  const samples: Array<[number, number]> = [];
  for (let t = START; t <= START + 12 * 60 * MINUTE; t += 30_000) {
    // A gap in the samples makes windows short there.
    if (t >= gapFrom && t < gapFrom + 20 * MINUTE) continue;
    samples.push([t, (Math.abs(Math.sin(t / 1e6 + seed)) * 30) | 0]);
  }
  return historyFromSamples(samples);
}

/** What a result says, as plain data. */
function outcome(r: EvaluationResult) {
  return { targets: r.targets, results: r.results, error: r.error?.message ?? null, trace: r.trace };
}

const HISTORIES = [history(1, START + 3 * 60 * MINUTE), history(2, START + 7 * 60 * MINUTE)];

describe('a compiled formula evaluated many times', () => {
  it('gives each context the result a fresh compile gives, whatever came before', () => {
    const question = fc.record({
      minute: fc.integer({ min: 0, max: 12 * 60 }),
      which: fc.integer({ min: 0, max: HISTORIES.length - 1 }),
      target: fc.integer({ min: 0, max: 9 }),
      trace: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FORMULAS.length - 1 }), fc.array(question, { maxLength: 25 }), (f, qs) => {
        const text = FORMULAS[f] as string;
        const compiled = compileFormula(text);
        for (const q of qs) {
          const ctx = makeContext({
            now: START + q.minute * MINUTE,
            pool: { targetDedicatedNodes: q.target },
            metrics: new Map([['$PendingTasks', HISTORIES[q.which] as ReturnType<typeof history>]]),
          });
          const fresh = evaluateFormula(text, ctx, { trace: q.trace });
          expect(outcome(compiled.evaluate(ctx, { trace: q.trace }))).toEqual(outcome(fresh));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reaches both overloads and both outcomes of the formulas above', () => {
    const compiled = compileFormula(FORMULAS[1] as string);
    const at = (minute: number) =>
      makeContext({
        now: START + minute * MINUTE,
        metrics: new Map([['$PendingTasks', HISTORIES[0] as ReturnType<typeof history>]]),
      });
    const values = new Set<number>();
    for (let m = 10; m < 12 * 60; m += 7) values.add(compiled.evaluate(at(m)).targets.dedicated);
    expect(values.size).toBeGreaterThan(2);
    const failing = compileFormula(FORMULAS[3] as string);
    const outcomes = [150, 185, 300].map((m) => failing.evaluate(at(m)).error === null);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });
});

describe('constant expressions computed once, at compile time', () => {
  const ctx = () =>
    makeContext({ now: START, metrics: new Map([['$PendingTasks', HISTORIES[0] as ReturnType<typeof history>]]) });

  it('still leave && and || to each evaluation, whose trace records their operands', () => {
    const r = compileFormula(
      'a = TimeInterval_Minute * 15; b = 1 && 0; c = (2 > 1) || 0; $TargetDedicatedNodes = 1;',
    ).evaluate(ctx(), {
      trace: true,
    });
    expect(r.results).toContain('a=00:15:00');
    const logical = r.trace?.statements.flatMap((s) => s.logical.map((l) => [l.operator, l.left, l.right]));
    expect(logical).toEqual([
      ['&&', true, false],
      ['||', true, false],
    ]);
  });

  it('that fail keep failing at evaluation, where and as before', () => {
    const r = compileFormula('x = 1;\ny = "a" * 2;').evaluate(ctx());
    expect(r.error?.values?.[0]?.value).toBe(
      "Line 2, Col 9: Type mismatch: operator '*' cannot be applied to string and double",
    );
    expect(r.failure).toMatchObject({ code: 'AS3003', range: { start: 15, end: 16 } });
  });
});
