// The static bounds are sound (docs/semantics.md §14.6): for formulas the checker accepts (random
// ones, and the bounds corpus), an evaluation from an empty pool against random metric histories
// that respect the registry's ranges (samples >= 0, percentages 0-100) never applies a target
// outside the range the analysis gives it. fast-check, fixed seed and budget, in the normal run.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeFormula,
  compileFormula,
  formulaBounds,
  historyFromSamples,
  makeContext,
  parseResultsString,
  registry,
  type EvaluationContext,
} from '@autoscale/core';
import { formulaArbitrary } from '../packages/core/test/support/formula-arbitrary.ts';
import { CASES } from './support/paths.ts';

const RUNS = { numRuns: 400, seed: 20261203 };

/** A metric's history of samples within its range, one every 30 s up to `now`. */
function historyArb(percent: boolean) {
  // Mostly full histories (a sample missing now and then), so that windows have enough samples
  // and most evaluations get through to apply their targets.
  const sample = fc.oneof(
    fc.double({ noNaN: true, min: 0, max: percent ? 100 : 1e6 }),
    fc.integer({ min: 0, max: percent ? 100 : 50 }),
  );
  return fc.array(fc.option(sample, { nil: null, freq: 12 }), { minLength: 20, maxLength: 90 });
}

const metrics = registry.variables.filter((v) => v.sampled);

/** An empty pool (targets and nodes 0), at a random instant, with random metric histories. */
const emptyPoolContext: fc.Arbitrary<EvaluationContext> = fc
  .record({
    now: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
    seed: fc.integer(),
    histories: fc.tuple(...metrics.map((m) => historyArb(m.percentage === true))),
  })
  .map(({ now, seed, histories }) =>
    makeContext({
      now,
      availabilityDelay: 0,
      seed,
      pool: {
        currentDedicatedNodes: 0,
        currentLowPriorityNodes: 0,
        targetDedicatedNodes: 0,
        targetLowPriorityNodes: 0,
      },
      metrics: new Map(
        metrics.map((m, i) => {
          const values = histories[i] ?? [];
          const samples = values.flatMap((v, k) =>
            v === null ? [] : [[now - (values.length - 1 - k) * 30_000, v] as [number, number]],
          );
          return [m.name, historyFromSamples(samples)];
        }),
      ),
    }),
  );

const corpus = readdirSync(join(CASES, 'bounds'))
  .filter((f) => f.endsWith('.autoscale'))
  .map((f) => readFileSync(join(CASES, 'bounds', f), 'utf8'));

/** Checks one evaluation against the bounds; returns whether it applied targets (evaluated without error). */
function withinBounds(text: string, context: EvaluationContext): boolean {
  const analysis = analyzeFormula(text);
  const result = compileFormula(text, analysis.parsed).evaluate(context);
  if (result.error) return false;
  const parsed = parseResultsString(result.results);
  if (!parsed.ok) throw new Error(parsed.reason);
  for (const target of formulaBounds(analysis.formula).targets) {
    const printed = parsed.entries.find((e) => e.name === target.name)?.value;
    const applied = Math.max(0, Math.trunc(Number(printed)));
    if (!(applied >= target.applied.lo && applied <= target.applied.hi))
      throw new Error(`${target.name}=${printed} applies as ${applied}, outside ${JSON.stringify(target.applied)}`);
  }
  return true;
}

describe('static bounds are sound', () => {
  it('for the bounds corpus, against random metrics', () => {
    let applied = 0;
    fc.assert(
      fc.property(fc.constantFrom(...corpus), emptyPoolContext, (text, context) => {
        if (withinBounds(text, context)) applied++;
      }),
      RUNS,
    );
    // Most evaluations get through (a window with too few samples fails): the property was tested.
    expect(applied).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it('for random formulas the checker accepts, against random metrics', () => {
    let applied = 0;
    fc.assert(
      fc.property(formulaArbitrary({ comments: false }), emptyPoolContext, (text, context) => {
        const errors = analyzeFormula(text).diagnostics.filter((d) => d.severity === 'error');
        if (errors.length === 0 && withinBounds(text, context)) applied++;
      }),
      RUNS,
    );
    expect(applied).toBeGreaterThan(20);
  });
});
