// Property tests (fast-check, fixed budgets, in the normal run): the stages never throw on any
// input, evaluation never raises an internal error whatever the formula and context, and every
// results string reads back into the same entries.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFormula, compileFormula, formatValue, parseResultsString, RESULT_VARIABLES } from '@autoscale/core';
import { formulaArbitrary } from '../packages/core/test/support/formula-arbitrary.ts';
import { contextArb } from './support/context-arbitrary.ts';

const RUNS = { numRuns: 300, seed: 20261121 };

/** Strings made of the language's own tokens and stray characters: far likelier to reach deep parser states. */
const tokenSoup = fc
  .array(
    fc.constantFrom(
      '$x',
      'max',
      '(',
      ')',
      '[',
      ']',
      ',',
      '.',
      'GetSample',
      '=',
      '==',
      '?',
      ':',
      ';',
      '1',
      '2.5',
      '"s"',
      '//c\n',
      '\n',
      ' ',
      '-',
      '!',
      '&&',
      '&',
      '{',
      '\\',
      '/*',
      "'",
      '.5',
      'TimeInterval_Minute',
      '$PendingTasks',
      'requeue',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), tokenSoup);

describe('properties', () => {
  it('parse and check never throw, and every range lies inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { diagnostics } = analyzeFormula(text);
        for (const d of diagnostics) {
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeGreaterThanOrEqual(d.range.start);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
        }
      }),
      RUNS,
    );
  });

  it('evaluation of any text never raises an internal error, and always has the service shape', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, formulaArbitrary({ comments: false })), contextArb, (text, ctx) => {
        const result = compileFormula(text).evaluate(ctx, { trace: true });
        expect(result.results.startsWith('$TargetDedicatedNodes=')).toBe(true);
        if (result.error) expect(result.error.values[0]?.value).toMatch(/^Line \d+, Col \d+: /);
      }),
      RUNS,
    );
  });

  it('a formula the checker accepts evaluates without internal error against random contexts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(formulaArbitrary({ comments: false }), contextArb, (text, ctx) => {
        const errors = analyzeFormula(text).diagnostics.filter((d) => d.severity === 'error');
        fc.pre(errors.length === 0);
        accepted++;
        const result = compileFormula(text).evaluate(ctx);
        expect(result.error === null || typeof result.error.code === 'string').toBe(true);
      }),
      { ...RUNS, numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('results strings read back into the same entries', () => {
    fc.assert(
      fc.property(formulaArbitrary({ comments: false }), contextArb, (text, ctx) => {
        const result = compileFormula(text).evaluate(ctx);
        const parsed = parseResultsString(result.results);
        if (!parsed.ok) throw new Error(parsed.reason);
        const names = parsed.entries.map((e) => e.name);
        expect(names.slice(0, 3)).toEqual([...RESULT_VARIABLES]);
        const own = result.variables.map(([name, value]) => ({ name, value: formatValue(value) }));
        // A string value may itself contain ';name=' and so split further; generated strings do not.
        expect(parsed.entries.slice(3)).toEqual(own);
      }),
      RUNS,
    );
  });
});
