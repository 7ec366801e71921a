// `autoscale test --format sarif|github` as a spawned process: the SARIF log validates against
// the SARIF 2.1.0 schema; each failing test (each failing step) is a result of its kind's rule at
// the test's line and column; an evaluation error is the formula's AS3xxx code at the formula's
// line and column, pointing back at the test; a formula that does not parse is its AS1xxx code in
// the formula file; a test file with a mistake is a result at the mistake. GitHub workflow commands
// carry the same, plus what has no line (a path that found nothing, coverage below the minimum).
// Exit codes are the text format's; an unknown format, or --format with --reporter, is bad usage.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DIAGNOSTIC_CODES } from '@autoscale/core';
import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from './run-cli.ts';
import { sarifValidator } from './sarif-schema.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const files = new Map<string, string>();
function file(name: string, text: string): void {
  mkdirSync(dirname(tmp.path(name)), { recursive: true });
  writeFileSync(tmp.path(name), text);
  files.set(name, text);
}

/** The 1-based line and column where `needle` first appears in a file written above. */
function at(name: string, needle: string): { line: number; column: number } {
  const text = files.get(name) ?? '';
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} is not in ${name}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

file('formulas/hours.autoscale', '$TargetDedicatedNodes = time().hour < 12 ? 1 : 2;\n');
file('formulas/runtime.autoscale', '$TargetDedicatedNodes = max($PendingTasks.GetSample(TimeInterval_Minute * 5));\n');
file('formulas/syntax.autoscale', '$TargetDedicatedNodes = 1;\n$TargetLowPriorityNodes = (;\n');
file(
  'tests/values.autoscale-test.yaml',
  `formula: ../formulas/hours.autoscale
tests:
  - name: morning
    at: 2026-01-05T10:00:00Z
    expect: { $TargetDedicatedNodes: 1 }
  - name: evening
    at: 2026-01-05T20:00:00Z
    expect: { $TargetDedicatedNodes: 5 }
  - name: a day
    steps:
      - name: ten
        at: 2026-01-05T10:00:00Z
        expect: { $TargetDedicatedNodes: 1 }
      - name: twenty
        at: 2026-01-05T20:00:00Z
        expect: { $TargetDedicatedNodes: 1 }
`,
);
file(
  'tests/errors.autoscale-test.yaml',
  `formula: ../formulas/runtime.autoscale
tests:
  - name: expects results
    at: 2026-01-05T10:00:00Z
    expect: { $TargetDedicatedNodes: 1 }
  - name: expects another error
    at: 2026-01-05T10:00:00Z
    expect_error: { code: AS3001 }
`,
);
file(
  'tests/syntax.autoscale-test.yaml',
  `formula: ../formulas/syntax.autoscale
tests:
  - { name: never runs, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 1 } }
`,
);
file(
  'tests/typo.autoscale-test.yaml',
  `formula: ../formulas/hours.autoscale
tests:
  - name: typo
    at: 2026-01-05T10:00:00Z
    expcet: { $TargetDedicatedNodes: 1 }
`,
);
file(
  'clean/ok.autoscale-test.yaml',
  `formula: ../formulas/hours.autoscale
tests:
  - { name: morning, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 1 } }
`,
);

interface Location {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
  message?: { text: string };
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Location[];
      relatedLocations?: Location[];
    }>;
  }>;
}

const where = (l: Location | undefined) =>
  l === undefined
    ? undefined
    : {
        uri: l.physicalLocation.artifactLocation.uri,
        line: l.physicalLocation.region.startLine,
        column: l.physicalLocation.region.startColumn,
      };

describe('autoscale test --format sarif', () => {
  const r = tmp.run(['test', 'tests', '--format', 'sarif']);
  const log = JSON.parse(r.stdout) as SarifLog;
  const run0 = log.runs[0];
  const results = run0?.results ?? [];

  it('is a SARIF 2.1.0 log the schema accepts, with the exit code of the text format', () => {
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // A log without a result's message is not SARIF: the validator can say no.
    const withoutMessage = { ...run0, results: results.map(({ message: _, ...rest }) => rest) };
    expect(validate({ ...log, runs: [withoutMessage] })).toBe(false);
    expect(r.code).toBe(2);
    expect(r.code).toBe(tmp.run(['test', 'tests']).code);
    // The load errors still go to stderr as file:line:col.
    expect(r.stderr).toContain('tests/typo.autoscale-test.yaml:5:5: tests[0].expcet: unknown key "expcet"');
  });

  it('has a rule per kind of test failure, then every diagnostic code; each result names its rule by index', () => {
    const ids = run0?.tool.driver.rules.map((rule) => rule.id) ?? [];
    expect(ids.slice(0, 4)).toEqual(['wrong-value', 'wrong-error', 'evaluation-error', 'unusable-test-file']);
    expect(ids.slice(4)).toEqual(Object.keys(DIAGNOSTIC_CODES));
    for (const result of results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(result.level).toBe('error');
    }
  });

  it('puts a failing test at its line in the test file, and a failing step at the step', () => {
    const values = 'tests/values.autoscale-test.yaml';
    const wrong = results.filter((res) => res.ruleId === 'wrong-value');
    expect(wrong.map((res) => where(res.locations[0]))).toEqual([
      { uri: values, ...at(values, 'name: evening') },
      { uri: values, ...at(values, 'name: twenty') },
    ]);
    expect(wrong[0]?.message.text).toBe(
      'test "evening": $TargetDedicatedNodes: expected 5, got 2; results: $TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue',
    );
    expect(wrong[1]?.message.text).toMatch(
      /^test "a day", step 2 "twenty": \$TargetDedicatedNodes: expected 1, got 2;/,
    );
    // The test that passed, and the step that passed, are no result.
    expect(results.some((res) => res.message.text.includes('morning') || res.message.text.includes('"ten"'))).toBe(
      false,
    );
  });

  it("puts an evaluation error at the formula's line and column, with its code, pointing back at the test", () => {
    const errors = 'tests/errors.autoscale-test.yaml';
    const runtime = results.find((res) => res.ruleId === 'AS3002');
    const formula = 'formulas/runtime.autoscale';
    expect(where(runtime?.locations[0])).toEqual({ uri: formula, ...at(formula, '(TimeInterval_Minute') });
    expect(runtime?.message.text).toContain('test "expects results": expected no error, got InsufficientSampleData');
    expect(where(runtime?.relatedLocations?.[0])).toEqual({ uri: errors, ...at(errors, 'name: expects results') });
    // Expecting another error is the test's failure, at the test.
    const wrongError = results.find((res) => res.ruleId === 'wrong-error');
    expect(where(wrongError?.locations[0])).toEqual({ uri: errors, ...at(errors, 'name: expects another error') });
    expect(wrongError?.message.text).toContain('expected error AS3001, got InsufficientSampleData');
  });

  it('puts a formula that does not parse in the formula file, and a mistake in a test file at the mistake', () => {
    const syntax = results.find((res) => res.ruleId === 'AS1001');
    const formula = 'formulas/syntax.autoscale';
    // AS1001 is at the ';' where an expression should be.
    const open = at(formula, '(;');
    expect(where(syntax?.locations[0])).toEqual({ uri: formula, line: open.line, column: open.column + 1 });
    expect(where(syntax?.relatedLocations?.[0])).toEqual({
      uri: 'tests/syntax.autoscale-test.yaml',
      ...at('tests/syntax.autoscale-test.yaml', '../formulas/syntax.autoscale'),
    });
    const typo = results.find((res) => res.ruleId === 'unusable-test-file');
    expect(where(typo?.locations[0])).toEqual({
      uri: 'tests/typo.autoscale-test.yaml',
      ...at('tests/typo.autoscale-test.yaml', 'expcet'),
    });
    expect(typo?.message.text).toMatch(/^tests\[0\]\.expcet: unknown key "expcet"/);
  });

  it('is an empty run for a passing suite, exit 0', () => {
    const clean = tmp.run(['test', 'clean', '--format', 'sarif']);
    expect(clean.code).toBe(0);
    expect((JSON.parse(clean.stdout) as SarifLog).runs[0]?.results).toEqual([]);
  });
});

describe('autoscale test --format github', () => {
  it('prints one ::error per result, at the same places as SARIF', () => {
    const r = tmp.run(['test', 'tests', '--format', 'github']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    const evening = at('tests/values.autoscale-test.yaml', 'name: evening');
    expect(lines).toContain(
      `::error file=tests/values.autoscale-test.yaml,line=${evening.line},col=${evening.column},title=wrong-value::test "evening": $TargetDedicatedNodes: expected 5, got 2; results: $TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue`,
    );
    // GitHub's escaping: "%" in a message is %25.
    expect(lines.find((l) => l.includes('title=AS3002'))).toMatch(
      /^::error file=formulas\/runtime\.autoscale,line=1,col=\d+,title=AS3002::.* wanted 70%25, received 0%25$/,
    );
    expect(lines.map((l) => /title=([^:]+)::/.exec(l)?.[1]).sort()).toEqual(
      ['AS1001', 'AS3002', 'unusable-test-file', 'wrong-error', 'wrong-value', 'wrong-value'].sort(),
    );
  });

  it('annotates the run with a path that found nothing and with coverage below the minimum', () => {
    const missing = tmp.run(['test', 'nowhere', '--format', 'github']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/^::error title=no-test-file::nowhere: /);
    const coverage = tmp.run(['test', 'clean', '--format', 'github', '--min-coverage', '100']);
    expect(coverage.code).toBe(1);
    expect(coverage.stdout).toMatch(
      /^::error title=min-coverage::branch coverage 50\.0%25 is below the minimum of 100%25$/m,
    );
    // The coverage text is for people: on stderr with a machine-readable format.
    const withText = tmp.run(['test', 'clean', '--format', 'github', '--coverage']);
    expect(withText.stdout).toBe('');
    expect(withText.stderr).toContain('hours.autoscale');
  });
});

describe('autoscale test --format: bad usage', () => {
  it.each([
    [['--format', 'xml'], "argument 'xml' is invalid. Allowed choices are text, json, junit, sarif, github."],
    [
      ['--format', 'sarif', '--reporter', 'json'],
      "option '--reporter <name>' cannot be used with option '-f, --format <format>'",
    ],
  ])('%j exits 2 and says why', (args, message) => {
    const r = tmp.run(['test', 'clean', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('--format json is --reporter json', () => {
    const a = tmp.run(['test', 'clean', '--format', 'json']);
    const b = tmp.run(['test', 'clean', '--reporter', 'json']);
    expect(JSON.parse(a.stdout).summary).toEqual({ passed: 1, failed: 0, files: 1, unusableFiles: 0 });
    expect(JSON.parse(a.stdout).summary).toEqual(JSON.parse(b.stdout).summary);
  });
});
