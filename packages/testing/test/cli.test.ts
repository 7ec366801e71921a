// `autoscale test` as users meet it: the real command in a child process. The example suite
// passes; every exit code; discovery with no path; each reporter, --junit, --run, --coverage and
// --min-coverage (&& and || included); a broken test file reported once and counted in the
// summary; the availability-delay note on a failure; bad usage; and the help text.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from './support.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());
tmp.file('formulas/f.autoscale', '$TargetDedicatedNodes = time().hour < 12 ? 1 : 2;\n');
tmp.file(
  'tests/ok.autoscale-test.yaml',
  'formula: ../formulas/f.autoscale\ntests:\n  - { name: morning, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 1 } }\n',
);
tmp.file(
  'tests/failing.autoscale-test.yaml',
  'formula: ../formulas/f.autoscale\ntests:\n  - { name: evening, at: 2026-01-05T20:00:00Z, expect: { $TargetDedicatedNodes: 5 } }\n',
);
tmp.file('node_modules/dep/ignored.autoscale-test.yaml', 'not even YAML: [');
tmp.file(
  'broken/bad.autoscale-test.yaml',
  'formula: ../formulas/f.autoscale\ntests:\n  - { name: typo, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicated: 1, x: 2 } }\n',
);

const lastLine = (text: string): string | undefined => text.trimEnd().split('\n').at(-1);

describe('autoscale test', () => {
  it('the example suite passes: at least 10 tests, with expected errors and multi-step tests', () => {
    const r = cli(['test', 'examples/tests']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = /^(\d+) passed, 0 failed$/.exec(lastLine(r.stdout) ?? '');
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(10);
    expect(r.stdout).toMatch(/✓ .*\(\d+ steps\)/);
    const examples = ['pending-tasks', 'business-hours', 'cpu-low-priority', 'unguarded-window']
      .map((n) => readFileSync(`examples/tests/${n}.autoscale-test.yaml`, 'utf8'))
      .join('\n');
    expect(examples).toContain('expect_error:');
    expect(examples).toContain('steps:');
  });

  it('with no path runs every test file under the working directory, skipping node_modules; a failure exits 1', () => {
    const r = tmp.run(['test', 'tests']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'tests/failing.autoscale-test.yaml  (formulas/f.autoscale)',
        '  ✗ evening',
        '      at tests/failing.autoscale-test.yaml:3',
        '      $TargetDedicatedNodes: expected 5, got 2',
        '      results: $TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue',
        'tests/ok.autoscale-test.yaml  (formulas/f.autoscale)',
        '  ✓ morning',
        '',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
    const all = tmp.run(['test']);
    expect(all.code).toBe(2);
    expect(all.stderr).toBe(
      [
        // $TargetDedicated is the legacy alias of the assigned $TargetDedicatedNodes, so only x is wrong.
        'broken/bad.autoscale-test.yaml:3:76: tests[0].expect.x: the formula never assigns x (it assigns: $TargetDedicatedNodes)',
        '',
      ].join('\n'),
    );
    expect(lastLine(all.stdout)).toBe('1 passed, 1 failed, 1 file could not be loaded');
  });

  it('exit 0 when all selected tests pass (--run); exit 2 when nothing is found', () => {
    const r = tmp.run(['test', '--run', 'morn', 'tests']);
    expect(r).toEqual({
      code: 0,
      stdout: 'tests/ok.autoscale-test.yaml  (formulas/f.autoscale)\n  ✓ morning\n\n1 passed, 0 failed\n',
      stderr: '',
    });
    const none = tmp.run(['test', 'formulas']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('autoscale test: formulas: no test files (*.autoscale-test.yaml) in this directory\n');
    expect(none.stdout).toBe('0 passed, 0 failed\n');
  });

  it('--reporter json and --junit FILE', () => {
    const r = tmp.run(['test', 'tests/*.autoscale-test.yaml', '--reporter', 'json', '--junit', 'junit.xml']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { summary: unknown };
    expect(report.summary).toEqual({ passed: 1, failed: 1, files: 2, unusableFiles: 0 });
    const xml = readFileSync(tmp.path('junit.xml'), 'utf8');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="autoscale test" tests="2" failures="1" errors="0"/,
    );
    expect(xml).toContain('<failure type="ExpectationFailed" message="$TargetDedicatedNodes: expected 5, got 2">');
  });

  it('--reporter junit prints the XML; --coverage then goes to stderr', () => {
    const r = tmp.run(['test', 'tests/ok.autoscale-test.yaml', '--reporter', 'junit', '--coverage']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml[\s\S]*<testcase name="morning"[\s\S]*<\/testsuites>\n$/);
    expect(r.stderr).toContain('formulas/f.autoscale      1/1  100.0%      1/2   50.0%');
  });

  it('--coverage prints the table and uncovered lines; --min-coverage fails below it', () => {
    const r = tmp.run(['test', 'tests/ok.autoscale-test.yaml', '--coverage', '--min-coverage', '75']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        'formulas/f.autoscale: not covered',
        '  1 | $TargetDedicatedNodes = time().hour < 12 ? 1 : 2;',
        "    |                                          ^ ?: never took 'else' (condition never 0)",
      ].join('\n'),
    );
    expect(r.stderr).toBe('autoscale test: branch coverage 50.0% is below the minimum of 75%\n');
    expect(lastLine(r.stdout)).toBe('1 passed, 0 failed');
    expect(tmp.run(['test', 'tests', '--min-coverage', '100']).code).toBe(1); // one test fails anyway
    expect(tmp.run(['test', 'tests', '--run', 'morning|evening', '--min-coverage', '100']).stderr).toBe('');
  });

  it.each([
    [
      ['--reporter', 'xml'],
      "error: option '--reporter <name>' argument 'xml' is invalid. Allowed choices are text, json, junit.",
    ],
    [
      ['--run', '('],
      "error: option '--run <regex>' argument '(' is invalid. not a regular expression: Invalid regular expression: /(/: Unterminated group",
    ],
    [
      ['--min-coverage', '101'],
      "error: option '--min-coverage <percent>' argument '101' is invalid. \"101\" is not a percentage from 0 to 100",
    ],
  ])('bad usage %j exits 2', (args, message) => {
    const r = tmp.run(['test', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(message);
  });

  it('--help explains the options, the exit codes and gives an example', () => {
    const r = cli(['test', '--help']);
    expect(r.code).toBe(0);
    for (const text of [
      '--run <regex>',
      '--reporter <name>',
      '--junit <file>',
      '--coverage',
      '--min-coverage <percent>',
      'Exit codes:',
      '0  every test passed',
      '1  a test failed',
      '2  unusable input',
      'Example:',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });
});

describe('autoscale test, faults found in the runner', () => {
  const own = new TempDir();
  afterAll(() => own.remove());
  own.file('weekend.autoscale', 'day = time().weekday;\n$TargetDedicatedNodes = 10 - 8 * (day == 0 || day == 6);\n');
  // 2026-01-04 is a Sunday.
  own.file(
    'weekend.autoscale-test.yaml',
    'formula: weekend.autoscale\ntests:\n  - { name: sunday, at: 2026-01-04T12:00:00Z, expect: { $TargetDedicatedNodes: 2 } }\n',
  );
  own.file(
    'bad-defaults.autoscale-test.yaml',
    [
      'formula_text: "$TargetDedicatedNodes = 1;"',
      'defaults: { at: nope }',
      'tests:',
      '  - { name: a, expect: { $TargetDedicatedNodes: 1 } }',
      '  - { name: b, expect: { $TargetDedicatedNodes: 1 } }',
      '',
    ].join('\n'),
  );
  own.file(
    'delay.autoscale-test.yaml',
    [
      'formula_text: "$TargetDedicatedNodes = avg($PendingTasks.GetSample(1));"',
      'defaults: { at: 2026-01-05T10:00:00Z, availabilityDelay: 1m }',
      'tests:',
      '  - { name: newest sample, series: { $PendingTasks: "1 2 3 4" }, expect: { $TargetDedicatedNodes: 4 } }',
      '',
    ].join('\n'),
  );

  it('a weekend rule tested only on a Sunday: the || operand that never decided is uncovered', () => {
    const r = own.run(['test', 'weekend.autoscale-test.yaml', '--coverage', '--min-coverage', '100']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('autoscale test: branch coverage 50.0% is below the minimum of 100%\n');
    expect(r.stdout).toContain('weekend.autoscale      2/2  100.0%      1/2   50.0%\n');
    expect(r.stdout).toContain(
      [
        'weekend.autoscale: not covered',
        '  2 | $TargetDedicatedNodes = 10 - 8 * (day == 0 || day == 6);',
        `    | ${' '.repeat(46)}^~~~~~~~ || never decided by this operand (the left operand was always non-zero)`,
        '',
        '1 passed, 0 failed',
      ].join('\n'),
    );
    const json = own.run(['test', 'weekend.autoscale-test.yaml', '--reporter', 'json', '--coverage']);
    const report = JSON.parse(json.stdout) as {
      coverage: Array<{ branches: unknown; uncovered: { branches: unknown } }>;
    };
    expect(report.coverage[0]?.branches).toEqual({ covered: 1, total: 2, percent: 50 });
    expect(report.coverage[0]?.uncovered.branches).toEqual([
      { kind: '||', line: 2, column: 47, operand: 2, operands: 2 },
    ]);
  });

  it('a bad field in defaults is reported once, and the summary says the file could not be loaded', () => {
    const r = own.run(['test', 'bad-defaults.autoscale-test.yaml']);
    expect(r).toEqual({
      code: 2,
      stdout: '0 passed, 0 failed, 1 file could not be loaded\n',
      stderr:
        'bad-defaults.autoscale-test.yaml:2:17: defaults.at: "nope" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"\n',
    });
    const json = JSON.parse(own.run(['test', 'bad-defaults.autoscale-test.yaml', '--reporter', 'json']).stdout) as {
      summary: unknown;
      files: Array<{ errors: unknown[] }>;
    };
    expect(json.summary).toEqual({ passed: 0, failed: 0, files: 1, unusableFiles: 1 });
    expect(json.files[0]?.errors).toHaveLength(1);
    const xml = own.run(['test', 'bad-defaults.autoscale-test.yaml', '--reporter', 'junit']).stdout;
    expect(xml).toContain('<testsuites name="autoscale test" tests="1" failures="0" errors="1" ');
    expect(xml.match(/<error /g)).toHaveLength(1);
  });

  it('a failure that read samples the availability delay hid says so', () => {
    const r = own.run(['test', 'delay.autoscale-test.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'delay.autoscale-test.yaml  (delay.autoscale-test.yaml#formula_text)',
        '  ✗ newest sample',
        '      at delay.autoscale-test.yaml:4',
        '      $TargetDedicatedNodes: expected 4, got 2',
        '      note: 2 samples of $PendingTasks are newer than at - availabilityDelay (1m) and were not visible',
        '      results: $TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue',
        '',
        '0 passed, 1 failed',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(own.run(['test', 'delay.autoscale-test.yaml', '--reporter', 'json']).stdout) as {
      files: Array<{ tests: Array<{ steps: Array<{ notes: string[] }> }> }>;
    };
    expect(json.files[0]?.tests[0]?.steps[0]?.notes).toEqual([
      '2 samples of $PendingTasks are newer than at - availabilityDelay (1m) and were not visible',
    ]);
    expect(own.run(['test', 'delay.autoscale-test.yaml', '--reporter', 'junit']).stdout).toContain(
      '\nnote: 2 samples of $PendingTasks are newer than at - availabilityDelay (1m) and were not visible\nresults: ',
    );
  });
});
