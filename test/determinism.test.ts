// Evaluation is deterministic given its context: the same context (seed included) gives the same
// output, another seed changes rand(), and a compiled formula can be reused across contexts.

import { describe, expect, it } from 'vitest';
import { compileFormula, historyFromSamples, makeContext } from '@autoscale/core';

const now = Date.parse('2026-01-05T10:00:00Z');
const formula = compileFormula(
  'a = rand(); b = rand(); c = avg($PendingTasks.GetSample(TimeInterval_Minute * 5, 0)); $TargetDedicatedNodes = c;',
);
const metrics = new Map([
  [
    '$PendingTasks',
    historyFromSamples(Array.from({ length: 60 }, (_, i) => [now - i * 30_000, i] as [number, number])),
  ],
]);

describe('determinism', () => {
  it('gives the same results for the same context and seed', () => {
    const first = formula.evaluate(makeContext({ now, seed: 7, metrics })).results;
    expect(formula.evaluate(makeContext({ now, seed: 7, metrics })).results).toBe(first);
    expect(compileFormula(formula.text).evaluate(makeContext({ now, seed: 7, metrics })).results).toBe(first);
  });

  it('changes rand() with the seed, and draws a fresh value per call', () => {
    const a = formula.evaluate(makeContext({ now, seed: 7, metrics }));
    const b = formula.evaluate(makeContext({ now, seed: 8, metrics }));
    expect(a.variables.find(([n]) => n === 'a')?.[1]).not.toBe(b.variables.find(([n]) => n === 'a')?.[1]);
    expect(a.variables.find(([n]) => n === 'a')?.[1]).not.toBe(a.variables.find(([n]) => n === 'b')?.[1]);
  });

  it('reuses one compiled formula across instants without leaking state', () => {
    const early = formula.evaluate(makeContext({ now: now - 600_000, metrics }));
    const late = formula.evaluate(makeContext({ now, metrics }));
    expect(early.targets.dedicated).not.toBe(late.targets.dedicated);
    expect(formula.evaluate(makeContext({ now: now - 600_000, metrics })).results).toBe(early.results);
  });
});
