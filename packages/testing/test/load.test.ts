// The loader on good input: every key of the test file format at every level it is allowed,
// what each one sets (inheritance, placement of series, pool merging, utcOffset, relative step
// times), and the formula read from a file or from formula_text and compiled once per file.

import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstant, parseSeries, seriesToHistory } from '@autoscale/core';
import { loadTestFile, readFormulaFile } from '@autoscale/testing';
import { loadOk, REPO_ROOT, TempDir } from './support.ts';

const FORMULA =
  'x = $PendingTasks.GetSample(1);\ny = rand();\n$TargetDedicatedNodes = 2;\n$TargetLowPriority = 1;\n$NodeDeallocationOption = taskcompletion;\n';
const at = (text: string): number => {
  const r = parseInstant(text);
  if (!r.ok) throw new Error(r.reason);
  return r.ms;
};
const history = (
  notation: string,
  placement: { end: number; intervalMs: number } | { start: number; intervalMs: number },
) => {
  const r = parseSeries(notation);
  if (!r.ok) throw new Error('bad notation');
  return seriesToHistory(r.values, placement);
};

describe('loading a test file', () => {
  it('reads the formula from a path relative to the test file and compiles it once', () => {
    const file = loadOk('formula: f.autoscale\ntests:\n  - name: t\n    at: 2026-01-05T10:00:00Z\n', {
      'f.autoscale': FORMULA,
    });
    expect(file.file).toBe('suite.autoscale-test.yaml');
    expect(file.formula.name).toBe('f.autoscale');
    expect(file.formula.path).toBe('/virtual/f.autoscale');
    expect(file.formula.text).toBe(FORMULA);
    expect(file.formula.compiled.text).toBe(FORMULA);
    // The alias $TargetLowPriority counts as assigning $TargetLowPriorityNodes.
    expect([...file.formula.assigned].sort()).toEqual([
      '$NodeDeallocationOption',
      '$TargetDedicatedNodes',
      '$TargetLowPriorityNodes',
      'x',
      'y',
    ]);
  });

  it('takes formula_text, names it after the test file, and drops a byte order mark of the file', () => {
    const file = loadOk(
      '\ufeffformula_text: |\n  $TargetDedicatedNodes = 4;\ntests:\n  - name: t\n    at: 2026-01-05T10:00:00Z\n',
    );
    expect(file.formula.name).toBe('suite.autoscale-test.yaml#formula_text');
    expect(file.formula.path).toBeUndefined();
    expect(file.formula.text).toBe('$TargetDedicatedNodes = 4;\n');
  });

  it('accepts $schema', () => {
    expect(
      loadOk(
        '$schema: ../test-file.schema.json\nformula_text: "$TargetDedicatedNodes = 1;"\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ).tests,
    ).toHaveLength(1);
  });

  it('a single-evaluation test is one unnamed step at its `at`, with its expectations', () => {
    const file = loadOk(
      [
        'formula: f.autoscale',
        'tests:',
        '  - name: scales',
        '    at: 2026-01-05T10:00:00Z',
        '    expect:',
        '      $TargetDedicatedNodes: 2',
        '      $TargetLowPriority: 1',
        '      $NodeDeallocationOption: taskcompletion',
        '      x: [1, 2.5]',
      ].join('\n'),
      { 'f.autoscale': FORMULA },
    );
    const test = file.tests[0];
    expect(test?.name).toBe('scales');
    expect(test?.location).toEqual({ line: 3, column: 5 });
    expect(test?.multiStep).toBe(false);
    expect(test?.steps).toEqual([
      {
        name: undefined,
        at: at('2026-01-05T10:00:00Z'),
        pool: {},
        expectError: undefined,
        location: { line: 3, column: 5 },
        expect: [
          {
            written: '$TargetDedicatedNodes',
            name: '$TargetDedicatedNodes',
            value: { kind: 'number', value: 2 },
            location: { line: 6, column: 7 },
          },
          {
            written: '$TargetLowPriority',
            name: '$TargetLowPriorityNodes',
            value: { kind: 'number', value: 1 },
            location: { line: 7, column: 7 },
          },
          {
            written: '$NodeDeallocationOption',
            name: '$NodeDeallocationOption',
            value: { kind: 'text', value: 'taskcompletion' },
            location: { line: 8, column: 7 },
          },
          { written: 'x', name: 'x', value: { kind: 'vector', values: [1, 2.5] }, location: { line: 9, column: 7 } },
        ],
      },
    ]);
  });

  it('core defaults apply when neither defaults nor the test set a value', () => {
    const test = loadOk(
      'formula: f.autoscale\ntests: [{ name: t, at: 2026-01-05T10:00:00Z, series: { $PendingTasks: 1x3 } }]',
      { 'f.autoscale': FORMULA },
    ).tests[0];
    expect(test?.availabilityDelay).toBe(30_000);
    expect(test?.seed).toBe(1);
    expect(test?.pool).toEqual({});
    expect(test?.metrics.get('$PendingTasks')).toEqual(
      history('1x3', { end: at('2026-01-05T10:00:00Z'), intervalMs: 30_000 }),
    );
  });

  it('every defaults key is inherited, and a test overrides each (pool field by field, series metric by metric)', () => {
    const file = loadOk(
      [
        'formula: f.autoscale',
        'defaults:',
        '  at: 2026-01-05T10:00:00Z',
        '  interval: 1m',
        '  availabilityDelay: 0s',
        '  seed: 7',
        '  utcOffset: "+02:00"',
        '  pool: { currentDedicatedNodes: 3, taskSlotsPerNode: 4 }',
        '  series: { $PendingTasks: 1x2, $ActiveTasks: "5" }',
        'tests:',
        '  - name: inherits',
        '  - name: overrides',
        '    at: 2026-01-05T12:00:00',
        '    interval: 10s',
        '    availabilityDelay: PT1M',
        '    seed: -3',
        '    utcOffset: Z',
        '    pool: { currentDedicatedNodes: 5 }',
        '    series: { $PendingTasks: 9 }',
      ].join('\n'),
      { 'f.autoscale': FORMULA },
    );
    const [inherits, overrides] = file.tests;
    const ten = at('2026-01-05T10:00:00Z');
    expect(inherits?.steps[0]?.at).toBe(ten);
    expect(inherits?.availabilityDelay).toBe(0);
    expect(inherits?.seed).toBe(7);
    expect(inherits?.pool).toEqual({ currentDedicatedNodes: 3, taskSlotsPerNode: 4 });
    expect(inherits?.metrics.get('$PendingTasks')).toEqual(history('1x2', { end: ten, intervalMs: 60_000 }));
    // A zone-less instant in the test is read at the test's own utcOffset (Z), not the defaults' (+02:00).
    const noon = at('2026-01-05T12:00:00Z');
    expect(overrides?.steps[0]?.at).toBe(noon);
    expect(overrides?.availabilityDelay).toBe(60_000);
    expect(overrides?.seed).toBe(-3);
    expect(overrides?.pool).toEqual({ currentDedicatedNodes: 5, taskSlotsPerNode: 4 });
    expect(overrides?.metrics.get('$PendingTasks')).toEqual(history('9', { end: noon, intervalMs: 10_000 }));
    expect(overrides?.metrics.get('$ActiveTasks')).toEqual(history('5', { end: noon, intervalMs: 10_000 }));
  });

  it('utcOffset reads zone-less instants at the offset; instants with a zone are unaffected', () => {
    const file = loadOk(
      [
        'formula_text: "$TargetDedicatedNodes = 1;"',
        'defaults: { utcOffset: "-05:00" }',
        'tests:',
        '  - { name: local, at: 2026-01-05T05:00:00 }',
        '  - { name: zoned, at: 2026-01-05T05:00:00Z }',
        '  - { name: offset, at: "2026-01-05T05:00:00+01:00" }',
      ].join('\n'),
    );
    expect(file.tests.map((t) => t.steps[0]?.at)).toEqual([
      at('2026-01-05T10:00:00Z'),
      at('2026-01-05T05:00:00Z'),
      at('2026-01-05T04:00:00Z'),
    ]);
  });

  it('series as objects: values with their own interval, start or end', () => {
    const test = loadOk(
      [
        'formula: f.autoscale',
        'tests:',
        '  - name: t',
        '    at: 2026-01-05T10:00:00Z',
        '    interval: 1m',
        '    series:',
        '      $PendingTasks: { values: 1 2 3 }',
        '      $ActiveTasks: { values: 1 2 3, interval: 5m, start: 2026-01-05T09:00:00Z }',
        '      $RunningTasks: { values: "4x2", end: 2026-01-05T09:30:00Z }',
      ].join('\n'),
      { 'f.autoscale': FORMULA },
    ).tests[0];
    expect(test?.metrics.get('$PendingTasks')).toEqual(
      history('1 2 3', { end: at('2026-01-05T10:00:00Z'), intervalMs: 60_000 }),
    );
    expect(test?.metrics.get('$ActiveTasks')).toEqual(
      history('1 2 3', { start: at('2026-01-05T09:00:00Z'), intervalMs: 300_000 }),
    );
    expect(test?.metrics.get('$RunningTasks')).toEqual(
      history('4x2', { end: at('2026-01-05T09:30:00Z'), intervalMs: 60_000 }),
    );
  });

  it('plain YAML scalars are read as written: 0x60 is a series, not hexadecimal 96', () => {
    const test = loadOk(
      'formula: f.autoscale\ntests: [{ name: t, at: 2026-01-05T10:00:00Z, series: { $PendingTasks: 0x60 } }]',
      { 'f.autoscale': FORMULA },
    ).tests[0];
    expect(test?.metrics.get('$PendingTasks')?.times.length).toBe(61);
  });

  it('`series: {}` and an empty `series:` give no samples', () => {
    const file = loadOk(
      'formula: f.autoscale\ndefaults: { series: { $PendingTasks: 1 } }\ntests:\n  - { name: a, at: 2026-01-05T10:00:00Z, series: {} }\n  - name: b\n    at: 2026-01-05T10:00:00Z\n    series:\n',
      { 'f.autoscale': FORMULA },
    );
    // An empty map adds nothing, so the defaults' series stay; that is the documented merge.
    expect(file.tests[0]?.metrics.has('$PendingTasks')).toBe(true);
    expect(file.tests[1]?.metrics.has('$PendingTasks')).toBe(true);
    const bare = loadOk('formula: f.autoscale\ntests:\n  - { name: a, at: 2026-01-05T10:00:00Z, series: {} }\n', {
      'f.autoscale': FORMULA,
    });
    expect(bare.tests[0]?.metrics.size).toBe(0);
  });

  it('steps: names, absolute and relative times, per-step pool, expect and expect_error; series end at the last step', () => {
    const test = loadOk(
      [
        'formula: f.autoscale',
        'tests:',
        '  - name: day',
        '    pool: { currentDedicatedNodes: 1 }',
        '    series: { $PendingTasks: 1x9 }',
        '    steps:',
        '      - name: morning',
        '        at: 2026-01-05T08:00:00Z',
        '        expect: { $TargetDedicatedNodes: 2 }',
        '      - at: +1h30m',
        '        pool: { currentDedicatedNodes: 2 }',
        '        expect_error: { code: InsufficientSampleData, message: wanted }',
      ].join('\n'),
      { 'f.autoscale': FORMULA },
    ).tests[0];
    expect(test?.multiStep).toBe(true);
    expect(test?.steps.map((s) => [s.name, s.at, s.pool, s.location.line])).toEqual([
      ['morning', at('2026-01-05T08:00:00Z'), {}, 7],
      [undefined, at('2026-01-05T09:30:00Z'), { currentDedicatedNodes: 2 }, 10],
    ]);
    expect(test?.steps[1]?.expectError).toEqual({
      code: 'InsufficientSampleData',
      message: 'wanted',
      location: { line: 12, column: 23 },
    });
    expect(test?.metrics.get('$PendingTasks')).toEqual(
      history('1x9', { end: at('2026-01-05T09:30:00Z'), intervalMs: 30_000 }),
    );
  });

  it('expect_error with only a code, or only a message; core runtime codes are accepted', () => {
    const file = loadOk(
      'formula_text: "$TargetDedicatedNodes = 1;"\ndefaults: { at: 2026-01-05T10:00:00Z }\ntests:\n  - { name: a, expect_error: { code: AS3004 } }\n  - { name: b, expect_error: { message: "Line 1" } }\n',
    );
    expect(file.tests.map((t) => t.steps[0]?.expectError)).toEqual([
      { code: 'AS3004', location: { line: 4, column: 30 } },
      { message: 'Line 1', location: { line: 5, column: 30 } },
    ]);
  });

  it('aliases and anchors resolve', () => {
    const file = loadOk(
      'formula_text: "$TargetDedicatedNodes = 1;"\ndefaults: { at: &t 2026-01-05T10:00:00Z }\ntests:\n  - { name: a, at: *t, expect: &e { $TargetDedicatedNodes: 1 } }\n  - { name: b, at: *t, expect: *e }\n',
    );
    expect(file.tests[1]?.steps[0]?.expect[0]?.value).toEqual({ kind: 'number', value: 1 });
  });

  it('loadTestFile reads from disk; the example suite loads', () => {
    const r = loadTestFile('examples/tests/pending-tasks.autoscale-test.yaml', { cwd: REPO_ROOT });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.testFile.formula.name).toBe('examples/formulas/pending-tasks.autoscale');
    const missing = loadTestFile('no/such.autoscale-test.yaml', { cwd: REPO_ROOT });
    expect(missing).toEqual({
      ok: false,
      errors: [
        {
          file: 'no/such.autoscale-test.yaml',
          path: '',
          message: 'cannot read the test file: no such file or directory',
        },
      ],
    });
  });

  it('readFormulaFile: UTF-8 text; a directory, a missing file or invalid UTF-8 give a reason', () => {
    const tmp = new TempDir();
    try {
      tmp.file('ok.autoscale', '$TargetDedicatedNodes = 1;');
      // "a = \xff;": a byte that is not UTF-8.
      writeFileSync(tmp.path('latin1.autoscale'), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0xff, 0x3b]));
      expect(readFormulaFile(tmp.path('ok.autoscale'))).toEqual({ ok: true, text: '$TargetDedicatedNodes = 1;' });
      expect(readFormulaFile(tmp.path('latin1.autoscale'))).toEqual({ ok: false, reason: 'not valid UTF-8 text' });
      expect(readFormulaFile(tmp.dir)).toEqual({ ok: false, reason: 'is a directory' });
      expect(readFormulaFile(tmp.path('none.autoscale'))).toEqual({ ok: false, reason: 'no such file or directory' });
    } finally {
      tmp.remove();
    }
  });
});
