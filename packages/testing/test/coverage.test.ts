// Coverage: denominators from the AST (every statement, every ?: including nested ones, every
// operand of each && / || chain), numerators from traces, merging of formulas tested by several
// files, the table, the annotated listing of uncovered lines, the JSON shape and the branch
// percentage --min-coverage reads.

import { describe, expect, it } from 'vitest';
import {
  branchRatio,
  CoverageCollector,
  coverageJson,
  coverageTable,
  percent,
  runTestFile,
  statementRatio,
  totalBranchPercent,
  uncoveredListing,
} from '@autoscale/testing';
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
    expect(c.branches.map((b) => [b.line, b.column])).toEqual([
      [1, 22],
      [1, 46],
      [2, 11],
      [5, 15],
    ]);
    // Registered but never run: nothing covered.
    expect(statementRatio(c)).toEqual({ covered: 0, total: 5 });
    expect(branchRatio(c)).toEqual({ covered: 0, total: 8 });
  });

  it('counts statements run and the side each ?: took, over all evaluations', () => {
    const c = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z']);
    expect(c.statements.map((s) => s.hits)).toEqual([3, 3, 3, 3, 0]);
    expect(c.branches.map((b) => [b.thenHits, b.elseHits])).toEqual([
      [1, 2],
      [2, 0],
      [2, 1],
      [0, 0],
    ]);
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
    expect(results[0]?.branches.map((b) => [b.thenHits, b.elseHits])).toEqual([[1, 1]]);
    expect(totalBranchPercent(results)).toBe((100 * (2 + 2)) / (2 + 8));
  });

  it('a formula without ?: has full branch coverage; no formulas at all is 100%', () => {
    const collector = new CoverageCollector();
    runTestFile(file(['2026-01-05T10:00:00Z'], '$TargetDedicatedNodes = 1;'), { coverage: collector });
    expect(totalBranchPercent(collector.results())).toBe(100);
    expect(totalBranchPercent([])).toBe(100);
  });

  it('prints a table with a total row when there are several formulas', () => {
    const c = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z']);
    expect(coverageTable([c])).toBe(
      [
        'coverage                                     statements         branches',
        'suite.autoscale-test.yaml#formula_text      4/5   80.0%      5/8   62.5%',
        '',
      ].join('\n'),
    );
    const other = { ...c, formula: 'x.autoscale' };
    expect(coverageTable([c, other]).split('\n')[3]).toBe(
      'all formulas                               8/10   80.0%    10/16   62.5%',
    );
  });

  it('lists the uncovered lines with a caret under each ?: and a marker under each statement never run', () => {
    const c = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z']);
    expect(uncoveredListing([c])).toBe(
      [
        'suite.autoscale-test.yaml#formula_text: not covered',
        '  1 | a = time().hour < 12 ? 1 : (time().hour < 18 ? 2 : 3);',
        "    |                                              ^ ?: never took 'else' (condition never 0)",
        '  5 | never = 1 > 0 ? 1 : 0;',
        '    | ^~~~~~~~~~~~~~~~~~~~~ statement never ran',
        '    |               ^ ?: never evaluated',
        '',
      ].join('\n'),
    );
    const full = covered(['2026-01-05T10:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T20:00:00Z']);
    expect(
      uncoveredListing([full])
        .split('\n')
        .filter((l) => /^ {2}\d/.test(l)),
    ).toEqual(['  5 | never = 1 > 0 ? 1 : 0;']);
    expect(uncoveredListing([])).toBe('');
  });

  it('keeps tabs so the caret lines up, and marks a never-taken then', () => {
    const collector = new CoverageCollector();
    runTestFile(file(['2026-01-05T20:00:00Z'], '\tx = time().hour < 12 ? 1 : 2;\n$TargetDedicatedNodes = x;'), {
      coverage: collector,
    });
    expect(uncoveredListing(collector.results()).split('\n').slice(1, 3)).toEqual([
      '  1 | \tx = time().hour < 12 ? 1 : 2;',
      "    | \t                     ^ ?: never took 'then' (condition always 0)",
    ]);
  });

  it('has a JSON shape for the json reporter', () => {
    const c = covered(['2026-01-05T10:00:00Z']);
    expect(coverageJson([c])).toEqual([
      {
        formula: 'suite.autoscale-test.yaml#formula_text',
        statements: { covered: 4, total: 5, percent: 80 },
        branches: { covered: 2, total: 8, percent: 25 },
        uncovered: {
          statements: [{ line: 5, column: 1 }],
          branches: [
            { kind: '?:', line: 1, column: 22, missing: ['else'] },
            { kind: '?:', line: 1, column: 46, missing: ['then', 'else'] },
            { kind: '?:', line: 2, column: 11, missing: ['then'] },
            { kind: '?:', line: 5, column: 15, missing: ['then', 'else'] },
          ],
        },
      },
    ]);
  });
});

// 2026-01-04 is a Sunday, 2026-01-07 a Wednesday, 2026-01-10 a Saturday.
const SUNDAY = '2026-01-04T12:00:00Z';
const WEDNESDAY = '2026-01-07T12:00:00Z';
const SATURDAY = '2026-01-10T12:00:00Z';
// No ?: at all: before && and || counted, any test of this formula reported 100% of branches.
const WEEKEND = 'day = time().weekday;\n$TargetDedicatedNodes = 10 - 8 * (day == 0 || day == 6);';

function coverageOf(text: string): ReturnType<CoverageCollector['results']>[number] {
  const collector = new CoverageCollector();
  runTestFile(loadOk(text), { coverage: collector });
  const [c] = collector.results();
  if (c === undefined) throw new Error('no coverage');
  return c;
}

describe('coverage of && and ||', () => {
  it('counts each operand of an || as a branch, covered when it decided the result', () => {
    const sunday = covered2([SUNDAY]);
    expect(branchRatio(sunday)).toEqual({ covered: 1, total: 2 });
    expect(sunday.operands.map((o) => [o.line, o.column, o.decided, o.evaluated])).toEqual([
      [2, 35, 1, 1],
      [2, 47, 0, 1],
    ]);
    expect(branchRatio(covered2([WEDNESDAY]))).toEqual({ covered: 1, total: 2 });
    expect(branchRatio(covered2([SATURDAY]))).toEqual({ covered: 1, total: 2 });
    expect(branchRatio(covered2([SUNDAY, SATURDAY]))).toEqual({ covered: 2, total: 2 });
    expect(totalBranchPercent([sunday])).toBe(50);
  });

  it('lists the operand that never decided, with why', () => {
    const prefix = `    | ${' '.repeat(46)}`;
    expect(uncoveredListing([covered2([SUNDAY])])).toBe(
      [
        'suite.autoscale-test.yaml#formula_text: not covered',
        '  2 | $TargetDedicatedNodes = 10 - 8 * (day == 0 || day == 6);',
        `${prefix}^~~~~~~~ || never decided by this operand (the left operand was always non-zero)`,
        '',
      ].join('\n'),
    );
    expect(uncoveredListing([covered2([WEDNESDAY])]).split('\n')[2]).toBe(
      `    | ${' '.repeat(34)}^~~~~~~~ || never decided by this operand (never non-zero)`,
    );
  });

  it('a chain of one operator is one set of branches, through parentheses; another operator starts its own', () => {
    // x: one || chain of a, b, c.  y: an || chain of (a && b) and c, and an && chain of a and b.
    const text = [
      'formula_text: "a = $CurrentDedicatedNodes; b = $CurrentLowPriorityNodes; c = $UsableNodeCount;\\nx = (a || b) || c;\\ny = a && b || c;"',
      'defaults: { at: 2026-01-05T10:00:00Z }',
      'tests:',
      '  - { name: a only, pool: { currentDedicatedNodes: 1, currentLowPriorityNodes: 0, usableNodeCount: 0 } }',
      '  - { name: none, pool: { currentDedicatedNodes: 0, currentLowPriorityNodes: 0, usableNodeCount: 0 } }',
      '',
    ].join('\n');
    const c = coverageOf(text);
    // "a only": x decided by a; the && by b (the first 0); the || of y by c (a && b is 0).
    // "none":   x decided by c (no operand non-zero); the && by a; the || of y by c.
    expect(c.operands.map((o) => [o.operator, o.line, o.column, o.index, o.count, o.decided])).toEqual([
      ['||', 2, 6, 0, 3, 1],
      ['||', 2, 11, 1, 3, 0],
      ['||', 2, 17, 2, 3, 1],
      ['||', 3, 5, 0, 2, 0],
      ['&&', 3, 5, 0, 2, 1],
      ['&&', 3, 10, 1, 2, 1],
      ['||', 3, 15, 1, 2, 2],
    ]);
    expect(branchRatio(c)).toEqual({ covered: 5, total: 7 });
    expect(uncoveredListing([c])).toBe(
      [
        'suite.autoscale-test.yaml#formula_text: not covered',
        '  2 | x = (a || b) || c;',
        '    |           ^ || never decided by this operand (never non-zero while the operands before it were 0)',
        '  3 | y = a && b || c;',
        '    |     ^~~~~~ || never decided by this operand (never non-zero)',
        '',
      ].join('\n'),
    );
    expect(coverageJson([c])[0]?.uncovered.branches).toEqual([
      { kind: '||', line: 2, column: 11, operand: 2, operands: 3 },
      { kind: '||', line: 3, column: 5, operand: 1, operands: 2 },
    ]);
  });

  it('&& operands: the first 0 decides, else the last; a chain that failed inside counts nothing', () => {
    const text = [
      'formula_text: "a = $CurrentDedicatedNodes;\\nok = a > 1 && a < 5;\\nbad = a && (a + \\"x\\");"',
      'defaults: { at: 2026-01-05T10:00:00Z }',
      'tests:',
      '  - { name: three, pool: { currentDedicatedNodes: 3 }, expect_error: { code: AS3003 } }',
      '',
    ].join('\n');
    const c = coverageOf(text);
    // a = 3: a > 1 is non-zero, so a < 5 decides; the right operand of bad fails, so its && gave no value.
    expect(c.statements.map((s) => s.hits)).toEqual([1, 1, 1]);
    expect(c.operands.map((o) => [o.operator, o.decided, o.evaluated])).toEqual([
      ['&&', 0, 1],
      ['&&', 1, 1],
      ['&&', 0, 0],
      ['&&', 0, 0],
    ]);
    expect(uncoveredListing([c])).toBe(
      [
        'suite.autoscale-test.yaml#formula_text: not covered',
        '  2 | ok = a > 1 && a < 5;',
        '    |      ^~~~~ && never decided by this operand (never 0)',
        '  3 | bad = a && (a + "x");',
        '    |       ^ && never evaluated',
        '    |            ^~~~~~~~~ && never evaluated',
        '',
      ].join('\n'),
    );
  });

  it('counts in the table and in the JSON beside the ?: branches, in source order', () => {
    const c = coverageOf(
      `formula_text: "day = time().weekday;\\n$TargetDedicatedNodes = day == 0 || day == 6 ? 2 : 10;"\ntests: [{ name: t, at: ${SUNDAY} }]\n`,
    );
    // The ?: took 'then' only; of the || only day == 0 decided: 2 of 4.
    expect(coverageTable([c]).split('\n')[1]).toBe(
      'suite.autoscale-test.yaml#formula_text      2/2  100.0%      2/4   50.0%',
    );
    expect(coverageJson([c])[0]?.uncovered.branches).toEqual([
      { kind: '||', line: 2, column: 37, operand: 2, operands: 2 },
      { kind: '?:', line: 2, column: 46, missing: ['else'] },
    ]);
  });
});

function covered2(times: string[]) {
  return coverageOf(
    `formula_text: ${JSON.stringify(WEEKEND)}\ntests:\n${times.map((t, i) => `  - { name: t${i}, at: ${t} }`).join('\n')}\n`,
  );
}
