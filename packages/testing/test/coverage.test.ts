// Coverage: denominators from the AST (every statement, every ?: including nested ones),
// numerators from traces, merging of formulas tested by several files, the table, the annotated
// listing of uncovered lines, the JSON shape and the branch percentage --min-coverage reads.

import { describe, expect, it } from 'vitest';
import { branchRatio, CoverageCollector, coverageJson, coverageTable, percent, runTestFile, statementRatio, totalBranchPercent, uncoveredListing } from '@autoscale/testing';
import { loadOk } from './support.ts';

const FORMULA = [
  'a = time().hour < 12 ? 1 : (time().hour < 18 ? 2 : 3);',
  'b = a > 1 ? a : 0;',
  '$TargetDedicatedNodes = b;',
  'stop();',
  'never = 1 > 0 ? 1 : 0;',
].join('\n');

function file(times: string[], formula = FORMULA) {
  const tests = times.map((t, i) => `  - { name: t${i}, at: ${t} }`).join('\n');
  return loadOk(`formula_text: ${JSON.stringify(formula)}\ntests:\n${tests}\n`);
}

function covered(times: string[]) {
  const collector = new CoverageCollector();
  runTestFile(file(times), { coverage: collector });
  const [c] = collector.results();
  if (c === undefined) throw new Error('no coverage');
  return c;
}

describe('coverage', () => {
  it('counts every statement and every ?: of the formula, nested ones included', () => {
    const collector = new CoverageCollector();
    runTestFile(file(['2026-01-05T10:00:00Z']), { coverage: collector, filter: /no test has this name/ });
    const [c] = collector.results();
    if (c === undefined) throw new Error('no coverage');
    expect(c.statements).toHaveLength(5);
    expect(c.branches.map((b) => [b.line, b.column])).toEqual([[1, 22], [1, 46], [2, 11], [5, 15]]);
    // Registered but never run: nothing covered.
    expect(statementRatio(c)).toEqual({ covered: 0, total: 5 });
    expect(branchRatio(c)).toEqual({ covered: 0, total: 8 });
  });

  it('counts statements run and the side each ?: took, over all evaluations', () => {
    const c = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z']);
    expect(c.statements.map((s) => s.hits)).toEqual([3, 3, 3, 3, 0]);
    expect(c.branches.map((b) => [b.then, b.else])).toEqual([[1, 2], [2, 0], [2, 1], [0, 0]]);
    expect(statementRatio(c)).toEqual({ covered: 4, total: 5 });
    expect(branchRatio(c)).toEqual({ covered: 5, total: 8 });
    expect(percent(branchRatio(c))).toBe(62.5);
  });

  it('merges the same formula file tested from several test files; formula_text stays per file', () => {
    const formulas = { 'f.autoscale': '$TargetDedicatedNodes = time().hour < 12 ? 1 : 2;' };
    const morning = loadOk('formula: f.autoscale\ntests: [{ name: a, at: 2026-01-05T10:00:00Z }]', formulas);
    const evening = loadOk('formula: f.autoscale\ntests: [{ name: b, at: 2026-01-05T20:00:00Z }]', formulas);
    const collector = new CoverageCollector();
    runTestFile(morning, { coverage: collector });
    runTestFile(evening, { coverage: collector });
    runTestFile(file(['2026-01-05T10:00:00Z']), { coverage: collector });
    const results = collector.results();
    expect(results.map((c) => c.formula)).toEqual(['f.autoscale', 'suite.autoscale-test.yaml#formula_text']);
    expect(results[0]?.branches.map((b) => [b.then, b.else])).toEqual([[1, 1]]);
    expect(totalBranchPercent(results)).toBe(100 * (2 + 2) / (2 + 8));
  });

  it('a formula without ?: has full branch coverage; no formulas at all is 100%', () => {
    const collector = new CoverageCollector();
    runTestFile(file(['2026-01-05T10:00:00Z'], '$TargetDedicatedNodes = 1;'), { coverage: collector });
    expect(totalBranchPercent(collector.results())).toBe(100);
    expect(totalBranchPercent([])).toBe(100);
  });

  it('prints a table with a total row when there are several formulas', () => {
    const c = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z']);
    expect(coverageTable([c])).toBe([
      'coverage                                     statements         branches',
      'suite.autoscale-test.yaml#formula_text      4/5   80.0%      5/8   62.5%',
      '',
    ].join('\n'));
    const other = { ...c, formula: 'x.autoscale' };
    expect(coverageTable([c, other]).split('\n')[3]).toBe('all formulas                               8/10   80.0%    10/16   62.5%');
  });

  it('lists the uncovered lines with a caret under each ?: and a marker under each statement never run', () => {
    const c = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z']);
    expect(uncoveredListing([c])).toBe([
      'suite.autoscale-test.yaml#formula_text: not covered',
      '  1 | a = time().hour < 12 ? 1 : (time().hour < 18 ? 2 : 3);',
      "    |                                              ^ ?: never took 'else' (condition never 0)",
      '  5 | never = 1 > 0 ? 1 : 0;',
      '    | ^~~~~~~~~~~~~~~~~~~~~ statement never ran',
      '    |               ^ ?: never evaluated',
      '',
    ].join('\n'));
    const full = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T20:00:00Z']);
    expect(uncoveredListing([full]).split('\n').filter((l) => /^  \d/.test(l))).toEqual(['  5 | never = 1 > 0 ? 1 : 0;']);
    expect(uncoveredListing([])).toBe('');
  });

  it('keeps tabs so the caret lines up, and marks a never-taken then', () => {
    const collector = new CoverageCollector();
    runTestFile(file(['2026-01-05T20:00:00Z'], '\tx = time().hour < 12 ? 1 : 2;\n$TargetDedicatedNodes = x;'), { coverage: collector });
    expect(uncoveredListing(collector.results()).split('\n').slice(1, 3)).toEqual([
      '  1 | \tx = time().hour < 12 ? 1 : 2;',
      "    | \t                     ^ ?: never took 'then' (condition always 0)",
    ]);
  });

  it('has a JSON shape for the json reporter', () => {
    const c = covered(['2026-01-05T10:00:00Z']);
    expect(coverageJson([c])).toEqual([{
      formula: 'suite.autoscale-test.yaml#formula_text',
      statements: { covered: 4, total: 5, percent: 80 },
      branches: { covered: 2, total: 8, percent: 25 },
      uncovered: {
        statements: [{ line: 5, column: 1 }],
        branches: [{ line: 1, column: 22, missing: ['else'] }, { line: 1, column: 46, missing: ['then', 'else'] }, { line: 2, column: 11, missing: ['then'] }, { line: 5, column: 15, missing: ['then', 'else'] }],
      },
    }]);
  });
});
