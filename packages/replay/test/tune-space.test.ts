// What a tune search may change and how it writes a variant: parameters (user variables assigned a
// numeric literal exactly once) and why another name is not one, with where; ranges counted in
// exact decimals; a variant's text (only the literals changed, then core's layout).

import { describe, expect, it } from 'vitest';
import { analyzeFormula, formatFormula } from '@autoscale/core';
import { axisOf, decimalsOf, spellNumber } from '../src/tune/axis.ts';
import { findParameter, formulaParameters } from '../src/tune/parameters.ts';
import { tuneSpace } from '../src/tune/space.ts';
import { formulaWithValues, variantText } from '../src/tune/variant.ts';

const FORMULA = `// Caps.
$maxNodes = 20;
share = 0.3;
offset = -3;
twice = 1;
twice = 2;
computed = min(4, $maxNodes);
wrapped = (5);
$TargetDedicatedNodes = max(0, min($maxNodes, $PendingTasks.GetSample(1) * share + offset + twice + computed + wrapped));
`;
const analysis = analyzeFormula(FORMULA);

/** 1-based line and column of an offset. */
function at(offset: number | null): string {
  if (offset === null) return 'nowhere';
  const p = analysis.lines.positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

describe('parameters', () => {
  it('are the user variables assigned a number, or - and a number, exactly once', () => {
    expect(formulaParameters(analysis).map((p) => [p.name, p.value, at(p.offset)])).toEqual([
      ['$maxNodes', 20, '2:1'],
      ['share', 0.3, '3:1'],
      ['offset', -3, '4:1'],
    ]);
  });

  it('say why a name is not one, and where', () => {
    const why = (name: string) => {
      const r = findParameter(analysis, name);
      if (r.ok) throw new Error(`${name} is a parameter`);
      return [at(r.problem.offset), r.problem.reason];
    };
    const [twiceAt, twice] = why('twice');
    expect(twiceAt).toBe('6:1');
    expect(twice).toContain('assigned 2 times (first at line 5, col 1)');
    const [computedAt, computed] = why('computed');
    expect(computedAt).toBe('7:12');
    expect(computed).toContain('"min(4, $maxNodes)", not a numeric literal');
    expect(why('wrapped')[1]).toContain('"(5)", not a numeric literal');
    const [serviceAt, service] = why('$PendingTasks');
    expect(serviceAt).toBe('9:47');
    expect(service).toContain('service variable');
    const [targetAt, target] = why('$TargetDedicatedNodes');
    expect(targetAt).toBe('9:1');
    expect(target).toContain('service variable');
    const [unknownAt, unknown] = why('maxNodes');
    expect(unknownAt).toBe('nowhere');
    expect(unknown).toContain('the formula has no variable maxNodes (did you mean $maxNodes?)');
    expect(unknown).toContain('$maxNodes (line 2, col 1), share (line 3, col 1), offset (line 4, col 1)');
  });

  it('a name only read is not one', () => {
    const a = analyzeFormula('$TargetDedicatedNodes = ghost;');
    const r = findParameter(a, 'ghost');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.reason).toContain('read but never assigned');
  });

  it('tuneSpace reports every problem at once, ranges included', () => {
    const r = tuneSpace(analysis, [
      { name: 'share', from: 0.5, to: 0.1, step: 0.1 },
      { name: 'twice', from: 1, to: 2, step: 1 },
      { name: 'offset', from: 0, to: 1, step: 0 },
      { name: 'offset', from: 0, to: 1, step: 1 },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.reason)).toEqual([
        'the range of share: its start 0.5 is above its end 0.1',
        expect.stringContaining('twice is assigned 2 times'),
        'the range of offset: its step 0 is not above 0',
        'offset is given more than once',
      ]);
    expect(tuneSpace(analysis, [])).toEqual({
      ok: false,
      problems: [{ name: '', offset: null, reason: 'no parameter to search' }],
    });
  });
});

describe('axes', () => {
  const values = (from: number, to: number, step: number) => {
    const a = axisOf({ name: 'x', from, to, step });
    if (typeof a === 'string') throw new Error(a);
    return Array.from({ length: a.count }, (_, k) => [a.value(k), a.spell(k)]);
  };

  it('count in exact decimals', () => {
    expect(values(0.1, 0.3, 0.1)).toEqual([
      [0.1, '0.1'],
      [0.2, '0.2'],
      [0.3, '0.3'],
    ]);
    expect(values(-1, 1, 0.5).map(([, s]) => s)).toEqual(['-1', '-0.5', '0', '0.5', '1']);
    // HI is a value only when the steps land on it.
    expect(values(1, 10, 4).map(([v]) => v)).toEqual([1, 5, 9]);
    expect(values(7, 7, 1)).toEqual([[7, '7']]);
    expect(values(0.25, 2, 0.25)).toHaveLength(8);
  });

  it('spell numbers as the language writes them', () => {
    expect(spellNumber(25, 0)).toBe('25');
    expect(spellNumber(0.5, 3)).toBe('0.5');
    expect(spellNumber(-3, 2)).toBe('-3');
    expect(spellNumber(1e6, 0)).toBe('1000000');
    expect(decimalsOf(0.125)).toBe(3);
    expect(decimalsOf(1 / 3)).toBeUndefined();
  });

  it('refuse what cannot be searched', () => {
    expect(axisOf({ name: 'x', from: 2, to: 1, step: 1 })).toBe('its start 2 is above its end 1');
    expect(axisOf({ name: 'x', from: 1, to: 2, step: -1 })).toBe('its step -1 is not above 0');
    expect(axisOf({ name: 'x', from: 0, to: 1, step: 1 / 3 })).toContain('more than 9 decimals');
    expect(axisOf({ name: 'x', from: 0, to: Number.NaN, step: 1 })).toContain('finite');
  });
});

describe('variant text', () => {
  const space = tuneSpace(analysis, [
    { name: '$maxNodes', from: 10, to: 30, step: 10 },
    { name: 'offset', from: -2, to: 2, step: 2 },
  ]);
  if (!space.ok) throw new Error('space');
  const { parameters, axes } = space.space;

  it('changes only the literals, then lays the formula out as `autoscale fmt` does', () => {
    const text = variantText(FORMULA, parameters, axes, [2, 2]);
    const expected = formatFormula(
      FORMULA.replace('$maxNodes = 20;', '$maxNodes = 30;').replace('offset = -3;', 'offset = 2;'),
    );
    expect(expected.ok).toBe(true);
    if (expected.ok) expect(text).toBe(expected.text);
    // A negative value replaces a positive literal, and the comment stays.
    const negative = variantText(FORMULA, parameters, axes, [0, 0]);
    expect(negative).toContain('\n$maxNodes = 10;\nshare = 0.3;\noffset = -2;\n');
    expect(negative.startsWith('// Caps.\n')).toBe(true);
  });

  it('is the same text from the values alone (what a report of a JSON result uses)', () => {
    expect(formulaWithValues(FORMULA, { $maxNodes: 20, offset: 0 })).toBe(
      variantText(FORMULA, parameters, axes, [1, 1]),
    );
  });
});
