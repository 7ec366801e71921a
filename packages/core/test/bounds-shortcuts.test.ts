// The two shortcuts of the static bounds change no answer. The lints' formulaTargetBounds walks
// only the statements the targets depend on (src/check/bounds-slice.ts): its targets equal
// formulaBounds'. Every pass shares the walk of the statements before the first that reads the
// pool (src/check/bounds-walk.ts): the bounds equal those of passes that each walk every
// statement, as they did before the sharing. Formulas are generated around what both
// shortcuts turn on: reassigned variables, targets and their aliases read and written, pool reads
// at any position, stop() in branches, and text the parser could not read.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundsOfStatements, type FormulaBounds, formulaBounds, formulaTargetBounds } from '../src/check/bounds.ts';
import { parse } from '../src/syntax/parse.ts';

const TARGETS = ['$TargetDedicatedNodes', '$TargetDedicated', '$TargetLowPriorityNodes', '$TargetLowPriority'];
const USERS = ['a', 'b', 'c', '$x'];
const POOL = ['$CurrentDedicatedNodes', '$CurrentLowPriorityNodes', '$UsableNodeCount'];

const leaf = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 20 }).map(String), weight: 4 },
  { arbitrary: fc.constantFrom(...USERS), weight: 4 },
  { arbitrary: fc.constantFrom(...TARGETS), weight: 2 },
  { arbitrary: fc.constantFrom(...POOL, '$CPUPercent', 'TimeInterval_Minute'), weight: 1 },
);

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: leaf, weight: 3 },
    fc.tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/', '<'), tie('expression')).map((p) => p.join(' ')),
    fc
      .tuple(tie('expression'), leaf, tie('expression'), tie('expression'))
      .map(([t, l, c, a]) => `${t} > ${l} ? ${c} : ${a}`),
    fc
      .tuple(fc.constantFrom('min', 'max'), tie('expression'), tie('expression'))
      .map(([f, x, y]) => `${f}(${x}, ${y})`),
    fc.tuple(leaf, tie('expression')).map(([l, e]) => `${l} > 5 ? stop() : ${e}`),
    fc.constant('$CPUPercent.GetSample(1)'),
  ),
}));

const statement = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...TARGETS, ...USERS), expression).map(([t, e]) => `${t} = ${e};`), weight: 8 },
  { arbitrary: expression.map((e) => `${e};`), weight: 1 },
  { arbitrary: fc.constant('x = ;'), weight: 1 },
);
const formulaText = fc.array(statement, { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n'));

/** JSON that keeps infinite ends apart from null. */
function json(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

describe('static bounds shortcuts', () => {
  it('formulaTargetBounds (the targets from their slice of the statements) equals formulaBounds', () => {
    fc.assert(
      fc.property(formulaText, (text) => {
        const formula = parse(text).formula;
        expect(json(formulaTargetBounds(formula))).toBe(json(formulaBounds(formula).targets));
      }),
      { numRuns: 3000, seed: 20260601 },
    );
  });

  it('sharing the walk of the statements before the first pool read changes no bound', () => {
    fc.assert(
      fc.property(formulaText, (text) => {
        const { statements } = parse(text).formula;
        const values = (b: FormulaBounds) => json({ targets: b.targets, assignments: [...b.assignments] });
        expect(values(boundsOfStatements(statements))).toBe(values(boundsOfStatements(statements, false)));
      }),
      { numRuns: 3000, seed: 20260602 },
    );
  });

  it('keeps a variable read through a reassignment and a stop() that ends the evaluation', () => {
    const targets = (text: string) => json(formulaTargetBounds(parse(text).formula));
    const full = (text: string) => json(formulaBounds(parse(text).formula).targets);
    for (const text of [
      'a = 5; b = a * 2; a = 100; $TargetDedicatedNodes = b;',
      'a = 5; c = 1; $TargetDedicatedNodes = a; a = 50; $TargetDedicatedNodes = max(a, c);',
      'a = 2; $TargetDedicated = a; $TargetDedicatedNodes = 3;',
      'a = $CPUPercent > 50 ? stop() : 1; $TargetDedicatedNodes = 4;',
      'unused = 7; $TargetLowPriorityNodes = $CurrentLowPriorityNodes + 1;',
      'x = ; $TargetDedicatedNodes = 1;',
    ])
      expect(targets(text), text).toBe(full(text));
  });
});
