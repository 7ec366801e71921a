// One evaluator, two routes: evaluations without a trace run the formula's generated function
// (packages/core/src/eval/codegen.ts), traced ones its closures (compile.ts). Both must give every
// evaluation the same outcome: targets, results string, variables, error and where it points, and
// stop(). Held over the eval corpus, the shared corpus of real formulas, random formulas against
// random contexts, and one compiled formula reused over a sequence of contexts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompiledFormula,
  compileFormula,
  type EvaluationContext,
  type EvaluationResult,
  GENERATE_AFTER,
  MAX_STATEMENTS,
  makeContext,
} from '@autoscale/core';
import { formulaArbitrary } from '../packages/core/test/support/formula-arbitrary.ts';
import { contextArb } from './support/context-arbitrary.ts';
import { EVAL_CASE_FILES, loadEvalCase } from './support/eval-cases.ts';
import { tooManyStatements } from './support/limits.ts';
import { HAS_SHARED_CORPUS, SHARED_CORPUS } from './support/paths.ts';

/** Everything an evaluation says, but its trace. */
function outcome(r: EvaluationResult) {
  return {
    targets: r.targets,
    results: r.results,
    variables: r.variables,
    error: r.error,
    failure: r.failure,
    stopped: r.stopped,
  };
}

/** A formula's three ways to evaluate: generated, closures, and closures tracing. */
function routes(text: string) {
  const generated = compileFormula(text, undefined, { generate: true });
  const closures = compileFormula(text, undefined, { generate: false });
  return {
    generated,
    closures,
    /** Evaluates `ctx` each way and expects one outcome. */
    expectAlike(ctx: EvaluationContext, formula: CompiledFormula = generated): void {
      const expected = outcome(closures.evaluate(ctx));
      expect(outcome(formula.evaluate(ctx)), text).toEqual(expected);
      expect(outcome(closures.evaluate(ctx, { trace: true })), text).toEqual(expected);
    },
  };
}

const RUNS = { numRuns: 500, seed: 20261204 };

describe('the generated route and the closures', () => {
  it('a formula compiled in Node is written out after GENERATE_AFTER untraced evaluations, or at once when asked', () => {
    const text = '$TargetDedicatedNodes = max(1, 2);';
    const generated = (f: CompiledFormula) => typeof (f as unknown as { generated?: unknown }).generated;
    const ctx = makeContext({ now: 0 });
    expect(generated(compileFormula(text, undefined, { generate: true }))).toBe('function');
    const lazy = compileFormula(text);
    const never = compileFormula(text, undefined, { generate: false });
    // Traced evaluations run the closures and do not count.
    for (let i = 0; i < 2 * GENERATE_AFTER; i++) lazy.evaluate(ctx, { trace: true });
    for (let i = 1; i < GENERATE_AFTER; i++) {
      lazy.evaluate(ctx);
      never.evaluate(ctx);
    }
    expect(generated(lazy)).toBe('undefined');
    expect(outcome(lazy.evaluate(ctx))).toEqual(outcome(never.evaluate(ctx)));
    expect(generated(lazy)).toBe('function');
    expect(outcome(lazy.evaluate(ctx))).toEqual(outcome(never.evaluate(ctx)));
    expect(generated(never)).toBe('undefined');
  });

  it('agree on every eval corpus case', () => {
    expect(EVAL_CASE_FILES.length).toBeGreaterThan(20);
    for (const file of EVAL_CASE_FILES) {
      const { text, context } = loadEvalCase(file);
      routes(text).expectAlike(context);
    }
  });

  it.runIf(HAS_SHARED_CORPUS)('agree on every formula of the shared corpus, against random contexts', () => {
    const records: Array<{ file: string | null }> = JSON.parse(readFileSync(join(SHARED_CORPUS, 'index.json'), 'utf8'));
    const files = [...new Set(records.map((r) => r.file).filter((f): f is string => f !== null))];
    expect(files.length).toBeGreaterThan(50);
    const contexts = fc.sample(contextArb, { numRuns: 12, seed: 20261204 });
    for (const file of files) {
      const formula = routes(readFileSync(join(SHARED_CORPUS, file), 'utf8'));
      for (const ctx of contexts) formula.expectAlike(ctx);
    }
  });

  it('agree on formulas nested as deep and as long as the parser allows', () => {
    const context = fc.sample(contextArb, { numRuns: 1, seed: 7 })[0] as EvaluationContext;
    const shapes = (depth: number) => [
      `$TargetDedicatedNodes = ${'$PendingTasks > 1 ? '.repeat(depth)}5${' : 2'.repeat(depth)};`,
      `$TargetDedicatedNodes = ${'max(1, '.repeat(depth)}$PendingTasks${')'.repeat(depth)};`,
      `$TargetDedicatedNodes = ${'('.repeat(depth)}$ActiveTasks${')'.repeat(depth)} + len($PendingTasks.GetSample(10));`,
    ];
    // 60 levels: just under the parser's nesting limit (64) once the statement's own are counted.
    for (const text of shapes(60)) {
      const formula = routes(text);
      expect(formula.generated.syntaxError, text).toBeUndefined();
      formula.expectAlike(context);
    }
    // As many statements as the service takes, each its own generated function.
    const most = routes(tooManyStatements(MAX_STATEMENTS));
    expect(most.generated.syntaxError).toBeUndefined();
    most.expectAlike(context);
  });

  it('agree on random formulas against random contexts', () => {
    fc.assert(
      fc.property(formulaArbitrary({ comments: false }), contextArb, (text, ctx) => routes(text).expectAlike(ctx)),
      RUNS,
    );
  });

  it('agree when one compiled formula evaluates a sequence of contexts (overload and search memories)', () => {
    fc.assert(
      fc.property(
        formulaArbitrary({ comments: false }),
        fc.array(contextArb, { minLength: 2, maxLength: 6 }),
        (text, contexts) => {
          const formula = routes(text);
          for (const ctx of contexts) formula.expectAlike(ctx, formula.generated);
        },
      ),
      { ...RUNS, numRuns: 200 },
    );
  });
});
