// The loader on bad input: bad YAML, wrong types, unknown keys, a missing or unparsable formula,
// bad series, durations and instants, expectations on variables the formula never assigns, and
// structural mistakes. Each error is checked with its line, column, path and message.

import { describe, expect, it } from 'vitest';
import { formatLoadError } from '@autoscale/testing';
import { errorsOf, load } from './support.ts';

const F = { 'f.autoscale': 'a = 1;\n$TargetDedicatedNodes = a;\n' };
/** A valid file's head, so a case only adds what is wrong (tests start at line 4). */
const HEAD = 'formula: f.autoscale\ndefaults: { at: 2026-01-05T10:00:00Z }\ntests:\n';

describe('unusable test files', () => {
  it.each<[string, string, string[]]>([
    [
      'bad YAML',
      'formula: f.autoscale\ntests: [\n',
      ['3:1 : YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ],
    [
      'two documents',
      'formula: f.autoscale\n---\ntests: []\n',
      ['2:1 : YAML: Source contains multiple documents; please use YAML.parseAllDocuments()'],
    ],
    ['duplicate keys', 'formula: f.autoscale\nformula: g\ntests: []\n', ['2:1 : YAML: Map keys must be unique']],
    ['an unknown tag', `${HEAD}  - name: !include x\n`, ['4:11 : YAML: Unresolved tag: !include']],
    ['an empty file', '', ['-:- : the file is empty; expected "formula" (or "formula_text") and "tests"']],
    [
      'a list at the top',
      '- a\n',
      ['1:1 : expected the test file: a map with "formula" and "tests" (a map), got a list'],
    ],
    [
      'an unknown top-level key, with a suggestion',
      'formulas: f.autoscale\ntests: []\n',
      [
        '1:1 formulas: unknown key "formulas"; did you mean "formula"?',
        '1:1 : missing "formula" (path of the formula file, relative to this file) or "formula_text"',
        '2:8 tests: no tests: the list is empty',
      ],
    ],
    [
      'a key that is not a name',
      '[1]: x\nformula: f.autoscale\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ['1:1 : keys must be plain names, got a list'],
    ],
    ['missing tests', 'formula: f.autoscale\n', ['1:1 : missing "tests" (a list of tests)']],
    [
      'tests not a list',
      'formula: f.autoscale\ntests: { name: t }\n',
      ['2:8 tests: expected the tests (a list), got a map'],
    ],
    [
      'both formula and formula_text',
      'formula: f.autoscale\nformula_text: "a = 1;"\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ['2:1 formula_text: give either "formula" (a file) or "formula_text", not both'],
    ],
    [
      'a missing formula file',
      'formula: nope.autoscale\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ['1:10 formula: cannot read formula "nope.autoscale" (/virtual/nope.autoscale): no such file or directory'],
    ],
    [
      'formula not a string',
      'formula: [f]\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ['1:10 formula: expected the path of the formula file, relative to this file, got a list'],
    ],
    [
      '$schema not a string',
      '$schema: [3]\nformula: f.autoscale\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ["1:10 $schema: expected a string (the schema's path or URI), got a list"],
    ],
    [
      'a formula file that does not parse',
      'formula: bad.autoscale\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      [
        "1:10 formula: the formula does not parse: bad.autoscale:2:1: AS1002 Missing ';' before 'b': statements must be separated by semicolons.",
      ],
    ],
    [
      'formula_text that does not parse: at the line inside the block',
      'formula_text: |\n  a = 1;\n  b = (2;\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      [
        "3:9 formula_text: the formula does not parse: line 2, column 7 of formula_text: AS1001 Expected ')' but found ';'.",
      ],
    ],
    [
      'formula_text that does not parse, quoted: at the node',
      'formula_text: "a = ;"\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      [
        "1:15 formula_text: the formula does not parse: line 1, column 5 of formula_text: AS1001 Expected an expression but found ';'.",
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text, { ...F, 'bad.autoscale': 'a = 1\nb = 2;\n' })).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    [
      'an unknown test key',
      '  - { name: t, expected: { a: 1 } }\n',
      ['4:16 tests[0].expected: unknown key "expected"; did you mean "expect"?'],
    ],
    [
      'a test that is not a map',
      '  - just a name\n',
      ['4:5 tests[0]: expected a test (a map), got a string ("just a name")'],
    ],
    ['a missing name', '  - { at: 2026-01-05T10:00:00Z }\n', ['4:5 tests[0]: missing "name"']],
    ['an empty name', '  - { name: " " }\n', ['4:13 tests[0].name: the name is empty']],
    ['a name that is a map', '  - { name: { a: 1 } }\n', ["4:13 tests[0].name: expected the test's name, got a map"]],
    [
      'duplicate names',
      '  - { name: t }\n  - { name: t }\n',
      ['5:5 tests[1]: duplicate test name "t" (also at line 4)'],
    ],
    [
      'no at and no steps',
      'formula: f.autoscale\ntests:\n  - { name: t }\n',
      ['3:5 tests[0]: missing "at" (the evaluation instant) or "steps"'],
    ],
    [
      'a zone-less instant without utcOffset',
      '  - { name: t, at: 2026-01-05T10:00:00 }\n',
      [
        '4:20 tests[0].at: "2026-01-05T10:00:00" is not an ISO 8601 instant like "2026-01-05T10:00:00Z" (a zone, e.g. "Z", is required), or set "utcOffset" to read zone-less times in a local offset',
      ],
    ],
    [
      'an impossible date',
      '  - { name: t, at: 2026-02-30T10:00:00Z }\n',
      ['4:20 tests[0].at: "2026-02-30T10:00:00Z": no such date'],
    ],
    [
      'a bad utcOffset',
      '  - { name: t, utcOffset: "+1" }\n',
      [
        '4:27 tests[0].utcOffset: "+1" is not a zone offset; write "+HH:MM", "-HH:MM" or "Z" (a fixed offset: daylight saving time is not applied)',
      ],
    ],
    [
      'an out-of-range utcOffset',
      '  - { name: t, utcOffset: "+24:00" }\n',
      [
        '4:27 tests[0].utcOffset: "+24:00" is not a zone offset; write "+HH:MM", "-HH:MM" or "Z" (a fixed offset: daylight saving time is not applied)',
      ],
    ],
    [
      'a duration without a unit',
      '  - { name: t, interval: 30 }\n',
      ['4:26 tests[0].interval: "30" has no unit (a plain number is ambiguous); write e.g. "30s" or "30ms"'],
    ],
    ['a zero interval', '  - { name: t, interval: 0s }\n', ['4:26 tests[0].interval: must be longer than zero']],
    [
      'a bad availabilityDelay',
      '  - { name: t, availabilityDelay: 1 min }\n',
      [
        '4:35 tests[0].availabilityDelay: "1 min" is not a duration; expected a duration like "30s", "15m", "1h30m", "500ms" or ISO 8601 "PT15M"',
      ],
    ],
    [
      'a fractional seed',
      '  - { name: t, seed: 1.5 }\n',
      ['4:22 tests[0].seed: expected an integer (the seed of rand()), got 1.5'],
    ],
    [
      'a pool that is not a map',
      '  - { name: t, pool: 3 }\n',
      ['4:22 tests[0].pool: expected the pool state (a map), got a number (3)'],
    ],
    [
      'bad pool fields',
      '  - { name: t, pool: { currentDedicatedNodes: -1, taskSlotsPerNode: 0, nodes: 2, usableNodeCount: x } }\n',
      [
        '4:47 tests[0].pool.currentDedicatedNodes: expected a non-negative whole number, got -1',
        '4:69 tests[0].pool.taskSlotsPerNode: expected a whole number of at least 1, got 0',
        '4:72 tests[0].pool.nodes: unknown key "nodes"; expected one of: currentDedicatedNodes, currentLowPriorityNodes, targetDedicatedNodes, targetLowPriorityNodes, taskSlotsPerNode, usableNodeCount',
        '4:99 tests[0].pool.usableNodeCount: expected a non-negative whole number, got a string ("x")',
      ],
    ],
    [
      'an unknown metric',
      '  - { name: t, series: { $PendingTask: 1 } }\n',
      ['4:26 tests[0].series.$PendingTask: unknown metric "$PendingTask"; did you mean "$PendingTasks"?'],
    ],
    [
      'a metric that is not sampled',
      '  - { name: t, series: { $CurrentDedicatedNodes: 1 } }\n',
      [
        '4:26 tests[0].series.$CurrentDedicatedNodes: unknown metric "$CurrentDedicatedNodes"; series are for the sampled service variables: $CPUPercent $WallClockSeconds $MemoryBytes $DiskBytes $DiskReadBytes $DiskWriteBytes $DiskReadOps $DiskWriteOps $NetworkInBytes $NetworkOutBytes $SampleNodeCount $ActiveTasks $RunningTasks $PendingTasks $SucceededTasks $FailedTasks $PreemptedNodeCount',
      ],
    ],
    [
      'bad series items, each at its own column',
      '  - { name: t, series: { $PendingTasks: "1x3 4+ 5X3" } }\n',
      [
        '4:46 tests[0].series.$PendingTasks: "4+" is not a series item; expected a number, "axn", "a+bxn", "a-bxn", "_" or "_xn"',
        '4:49 tests[0].series.$PendingTasks: "5X3": the repeat marker is a lowercase "x"',
      ],
    ],
    [
      'a series that is a list',
      '  - { name: t, series: { $PendingTasks: [1, 2] } }\n',
      [
        '4:41 tests[0].series.$PendingTasks: expected a series: a notation string like "0x20 5+1x39", or { values, interval, start | end } (a map), got a list',
      ],
    ],
    [
      'series not a map',
      '  - { name: t, series: [1] }\n',
      ['4:24 tests[0].series: expected a map of metric name to series (a map), got a list'],
    ],
    [
      'a series object without values',
      '  - { name: t, series: { $PendingTasks: { interval: 1m } } }\n',
      ['4:41 tests[0].series.$PendingTasks: a series object needs "values" (series notation)'],
    ],
    [
      'a series object with start and end',
      '  - { name: t, series: { $PendingTasks: { values: "1", start: 2026-01-05T09:00:00Z, end: 2026-01-05T10:00:00Z } } }\n',
      [
        '4:85 tests[0].series.$PendingTasks.end: give either "start" (time of the first sample) or "end" (time of the last), not both',
      ],
    ],
    [
      'a series object with an unknown key and a bad interval',
      '  - { name: t, series: { $PendingTasks: { values: "1", step: 1m, interval: 0s } } }\n',
      [
        '4:56 tests[0].series.$PendingTasks.step: unknown key "step"; expected one of: values, interval, start, end',
        '4:76 tests[0].series.$PendingTasks.interval: must be longer than zero',
      ],
    ],
    [
      'expect on a variable the formula never assigns',
      '  - { name: t, expect: { b: 1, $TargetLowPriorityNodes: 0, $TargetDedicatedNode: 1 } }\n',
      [
        '4:26 tests[0].expect.b: the formula never assigns b; did you mean a? (it assigns: a, $TargetDedicatedNodes)',
        '4:32 tests[0].expect.$TargetLowPriorityNodes: the formula never assigns $TargetLowPriorityNodes (it assigns: a, $TargetDedicatedNodes)',
        '4:60 tests[0].expect.$TargetDedicatedNode: the formula never assigns $TargetDedicatedNode; did you mean $TargetDedicatedNodes? (it assigns: a, $TargetDedicatedNodes)',
      ],
    ],
    [
      'expect on a variable the formula only reads',
      '  - { name: t, expect: { $PendingTasks: 1 } }\n',
      [
        "4:26 tests[0].expect.$PendingTasks: $PendingTasks is a service variable the formula only reads; expect the formula's outputs ($TargetDedicatedNodes, $TargetLowPriorityNodes, $NodeDeallocationOption) or its own variables",
      ],
    ],
    [
      'expected values of the wrong type',
      '  - { name: t, expect: { a: true, $TargetDedicatedNodes: { x: 1 } } }\n  - { name: u, expect: { a: [1, x] } }\n  - { name: v, expect: { a: .nan } }\n  - { name: w, expect: { a: } }\n',
      [
        '4:29 tests[0].expect.a: expected a number, a text (e.g. taskcompletion) or a list of numbers, got a boolean (true) (the formula language has no booleans: conditions are 1 or 0)',
        '4:58 tests[0].expect.$TargetDedicatedNodes: expected a number, a text (e.g. taskcompletion) or a list of numbers, got a map',
        '5:33 tests[1].expect.a[1]: vector elements must be finite numbers, got a string ("x")',
        '6:29 tests[2].expect.a: expected a number, a text (e.g. taskcompletion) or a list of numbers, got a number (.nan)',
        '7:29 tests[3].expect.a: expected a number, a text (e.g. taskcompletion) or a list of numbers, got nothing (null)',
      ],
    ],
    [
      'expect not a map',
      '  - { name: t, expect: 3 }\n',
      ['4:24 tests[0].expect: expected a map of variable name to expected value (a map), got a number (3)'],
    ],
    [
      'expect and expect_error together',
      '  - { name: t, expect: { a: 1 }, expect_error: { code: AS3002 } }\n',
      [
        '4:34 tests[0].expect_error: give either "expect" or "expect_error", not both: an evaluation that fails has no results to compare',
      ],
    ],
    [
      'bad expect_error',
      '  - { name: t, expect_error: { code: InsufficientSample, text: x } }\n  - { name: u, expect_error: {} }\n  - { name: v, expect_error: { message: [1] } }\n',
      [
        '4:38 tests[0].expect_error.code: unknown error code "InsufficientSample"; expected one of: AutoScalingFormulaSyntaxError, AutoScaleFormulaTooLong, AutoScalingFormulaEvaluationError, InsufficientSampleData, AS3001, AS3002, AS3003, AS3004, AS3005',
        '4:58 tests[0].expect_error.text: unknown key "text"; expected one of: code, message',
        '5:30 tests[1].expect_error: say which error: give "code", "message" or both',
        '6:41 tests[2].expect_error.message: expected a part of the error message, got a list',
      ],
    ],
  ])('%s', (_, tests, expected) => {
    // A case that starts with `formula:` is a whole file; the others are tests under HEAD.
    expect(errorsOf(tests.startsWith('formula:') ? tests : `${HEAD}${tests}`, F)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    [
      'steps with at, expect or expect_error beside them',
      '  - name: t\n    at: 2026-01-05T10:00:00Z\n    expect: { a: 1 }\n    steps: [{ at: 2026-01-05T10:00:00Z }]\n',
      [
        '5:5 tests[0].at: a test with "steps" gives "at" in each step',
        '6:5 tests[0].expect: a test with "steps" gives "expect" in each step',
      ],
    ],
    ['empty steps', '  - { name: t, steps: [] }\n', ['4:23 tests[0].steps: no steps: the list is empty']],
    [
      'steps not a list',
      '  - { name: t, steps: { at: 2026-01-05T10:00:00Z } }\n',
      ['4:23 tests[0].steps: expected the steps: evaluations in time order (a list), got a map'],
    ],
    [
      'a step without at, and an unknown step key',
      '  - { name: t, steps: [{ expect: { a: 1 } }, { at: 2026-01-05T10:00:00Z, series: {} }] }\n',
      [
        '4:24 tests[0].steps[0]: missing "at": an instant, or "+DURATION" after the previous step',
        '4:74 tests[0].steps[1].series: unknown key "series"; expected one of: name, at, pool, expect, expect_error',
      ],
    ],
    [
      'steps going back in time',
      '  - { name: t, steps: [{ at: 2026-01-05T10:00:00Z }, { at: 2026-01-05T10:00:00Z }] }\n',
      ['4:54 tests[0].steps[1].at: steps must move forward in time: this step is not later than the one before'],
    ],
    [
      'a relative first step',
      '  - { name: t, steps: [{ at: +5m }] }\n',
      ['4:30 tests[0].steps[0].at: "+5m" is relative to the previous step, and this is the first step'],
    ],
    [
      'a bad relative step',
      '  - { name: t, steps: [{ at: 2026-01-05T10:00:00Z }, { at: +5 }, { at: +0s }] }\n',
      [
        '4:60 tests[0].steps[1].at: "5" has no unit (a plain number is ambiguous); write e.g. "5s" or "5ms"',
        // Placing it after a step whose time is wrong is impossible, not a mistake of its own; a zero duration is.
        '4:72 tests[0].steps[2].at: a relative step time must be longer than zero',
      ],
    ],
    [
      'a zero relative step',
      '  - { name: t, steps: [{ at: 2026-01-05T10:00:00Z }, { at: +0s }] }\n',
      ['4:60 tests[0].steps[1].at: a relative step time must be longer than zero'],
    ],
    [
      'a bad step pool and an empty step name',
      '  - { name: t, steps: [{ name: "", at: 2026-01-05T10:00:00Z, pool: { taskSlotsPerNode: 0 } }] }\n',
      [
        '4:32 tests[0].steps[0].name: the name is empty',
        '4:88 tests[0].steps[0].pool.taskSlotsPerNode: expected a whole number of at least 1, got 0',
      ],
    ],
    [
      'defaults: unknown keys and bad values',
      'formula: f.autoscale\ndefaults: { expect: { a: 1 }, seed: x, series: { $Nope: 1 } }\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      [
        '2:13 defaults.expect: unknown key "expect"; expected one of: at, interval, availabilityDelay, seed, utcOffset, pool, series',
        '2:37 defaults.seed: expected an integer (the seed of rand()), got a string ("x")',
        '2:50 defaults.series.$Nope: unknown metric "$Nope"; series are for the sampled service variables: $CPUPercent $WallClockSeconds $MemoryBytes $DiskBytes $DiskReadBytes $DiskWriteBytes $DiskReadOps $DiskWriteOps $NetworkInBytes $NetworkOutBytes $SampleNodeCount $ActiveTasks $RunningTasks $PendingTasks $SucceededTasks $FailedTasks $PreemptedNodeCount',
      ],
    ],
    [
      'defaults not a map',
      'formula: f.autoscale\ndefaults: 1\ntests: [{ name: t, at: 2026-01-05T10:00:00Z }]\n',
      ['2:11 defaults: expected the defaults every test inherits (a map), got a number (1)'],
    ],
  ])('%s', (_, tests, expected) => {
    const text = tests.startsWith('formula:') ? tests : `${HEAD}${tests}`;
    expect(errorsOf(text, F)).toEqual(expected);
  });

  const OFFSET_MESSAGE =
    'is not a zone offset; write "+HH:MM", "-HH:MM" or "Z" (a fixed offset: daylight saving time is not applied)';

  it.each<[string, string, string[]]>([
    [
      'a bad at and utcOffset in defaults: not again as a missing "at" or as instants that need a zone',
      [
        'formula: f.autoscale',
        'defaults:',
        '  at: nope',
        '  utcOffset: "+1"',
        'tests:',
        '  - { name: t1 }',
        '  - { name: t2, at: 2026-01-05T10:00:00, series: { $PendingTasks: { values: "1", end: 2026-01-05T10:00:00 } } }',
        '  - name: t3',
        '    steps: [{ at: 2026-01-05T10:00:00 }, { at: +5m }]',
        '',
      ].join('\n'),
      [
        '3:7 defaults.at: "nope" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"',
        `4:14 defaults.utcOffset: "+1" ${OFFSET_MESSAGE}`,
      ],
    ],
    [
      "broken defaults still let a test's own mistakes through",
      'formula: f.autoscale\ndefaults: { utcOffset: "+1" }\ntests:\n  - { name: t, at: 2026-02-30T10:00:00 }\n  - { at: 2026-01-05T10:00:00 }\n',
      [
        `2:24 defaults.utcOffset: "+1" ${OFFSET_MESSAGE}`,
        '4:20 tests[0].at: "2026-02-30T10:00:00": no such date',
        '5:5 tests[1]: missing "name"',
      ],
    ],
    [
      'an unknown key in defaults: the known ones are still inherited',
      'formula: f.autoscale\ndefaults: { at: 2026-01-05T10:00:00Z, expect: { a: 1 } }\ntests:\n  - { name: t }\n',
      [
        '2:39 defaults.expect: unknown key "expect"; expected one of: at, interval, availabilityDelay, seed, utcOffset, pool, series',
      ],
    ],
    [
      'defaults that are not a map: nothing is known to be missing',
      'formula: f.autoscale\ndefaults: 1\ntests:\n  - { name: t }\n',
      ['2:11 defaults: expected the defaults every test inherits (a map), got a number (1)'],
    ],
    [
      "a test's own bad utcOffset, and a relative step after a step with a mistake",
      `${HEAD}  - { name: t, utcOffset: "+1", at: 2026-01-05T09:00:00 }\n  - name: u\n    steps: [{ at: 2026-01-05T10:00:00Z, pool: { nodes: 1 } }, { at: +5m }]\n`,
      [
        `4:27 tests[0].utcOffset: "+1" ${OFFSET_MESSAGE}`,
        '6:49 tests[1].steps[0].pool.nodes: unknown key "nodes"; expected one of: currentDedicatedNodes, currentLowPriorityNodes, targetDedicatedNodes, targetLowPriorityNodes, taskSlotsPerNode, usableNodeCount',
      ],
    ],
    [
      'a bad seed in a test whose steps are local times',
      'formula: f.autoscale\ndefaults: { utcOffset: "+01:00" }\ntests:\n  - name: t\n    seed: x\n    steps: [{ at: 2026-01-05T10:00:00 }]\n',
      ['5:11 tests[0].seed: expected an integer (the seed of rand()), got a string ("x")'],
    ],
    [
      'a local time that does not exist, with a utcOffset',
      'formula: f.autoscale\ndefaults: { utcOffset: "+01:00" }\ntests:\n  - { name: t, at: 2026-02-30T10:00:00 }\n',
      ['4:20 tests[0].at: "2026-02-30T10:00:00": no such date'],
    ],
  ])('a mistake is reported once, not again for what depends on it: %s', (_, text, expected) => {
    expect(errorsOf(text, F)).toEqual(expected);
  });

  it('reports every mistake in file order, and formats them as file:line:col: path: message', () => {
    const r = load(`${HEAD}  - { name: t, seed: x }\n  - { name: u, interval: 3 }\n`, F);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatLoadError)).toEqual([
      'suite.autoscale-test.yaml:4:22: tests[0].seed: expected an integer (the seed of rand()), got a string ("x")',
      'suite.autoscale-test.yaml:5:26: tests[1].interval: "3" has no unit (a plain number is ambiguous); write e.g. "3s" or "3ms"',
    ]);
    expect(formatLoadError({ file: 'x.yaml', path: '', message: 'empty' })).toBe('x.yaml: empty');
  });
});
