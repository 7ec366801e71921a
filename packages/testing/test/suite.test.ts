// runSuite in-process with each reporter: the text reporter's lines (passes, failures with
// expected/got, results string and file:line, steps), the closing summary line, the json document,
// JUnit XML (escaping, unusable files), --junit written atomically, coverage and exit codes.

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFormula, makeContext, parseInstant } from '@autoscale/core';
import { jsonReport, junitReport, runSuite, xmlEscape, type JsonReport, type SuiteOptions } from '@autoscale/testing';
import { TempDir } from './support.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const FORMULA =
  'hour = time().hour;\n$TargetDedicatedNodes = hour < 12 ? 1 : 2;\n$NodeDeallocationOption = taskcompletion;\n';
tmp.file('f.autoscale', FORMULA);
tmp.file(
  'suite.autoscale-test.yaml',
  [
    'formula: f.autoscale',
    'tests:',
    '  - name: morning',
    '    at: 2026-01-05T10:00:00Z',
    '    expect: { $TargetDedicatedNodes: 1 }',
    '  - name: evening <wrong> & "quoted"',
    '    at: 2026-01-05T20:00:00Z',
    '    expect: { $TargetDedicatedNodes: 3, hour: 20 }',
    '  - name: day',
    '    steps:',
    '      - { at: 2026-01-05T09:00:00Z, expect: { hour: 9 } }',
    '      - { name: late, at: +10h, expect_error: { code: InsufficientSampleData } }',
    '',
  ].join('\n'),
);
tmp.file('bad/bad.autoscale-test.yaml', 'formula: ../f.autoscale\ntests: [{ name: x, at: nope }]\n');

async function suite(options: Partial<SuiteOptions>) {
  let stdout = '';
  let stderr = '';
  const problems: string[] = [];
  const { verdict, result } = await runSuite(
    { paths: ['suite.autoscale-test.yaml'], cwd: tmp.dir, reporter: 'text', ...options },
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), problem: (m) => problems.push(m) },
  );
  return { verdict, result, stdout, stderr, problems };
}

const resultsAt = (at: string): string => {
  const r = parseInstant(at);
  if (!r.ok) throw new Error(r.reason);
  return compileFormula(FORMULA).evaluate(makeContext({ now: r.ms })).results;
};

describe('the text reporter', () => {
  it('prints each test, the failures in detail, and "N passed, N failed" last; exit 1', async () => {
    const r = await suite({});
    expect(r.verdict).toBe('failed');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'suite.autoscale-test.yaml  (f.autoscale)',
        '  ✓ morning',
        '  ✗ evening <wrong> & "quoted"',
        '      at suite.autoscale-test.yaml:6',
        '      $TargetDedicatedNodes: expected 3, got 2',
        `      results: ${resultsAt('2026-01-05T20:00:00Z')}`,
        '  ✗ day (2 steps)',
        '      at suite.autoscale-test.yaml:9',
        '      step 2 "late" at 2026-01-05T19:00:00Z (suite.autoscale-test.yaml:12):',
        '        expected error InsufficientSampleData, got no error',
        `        results: ${resultsAt('2026-01-05T19:00:00Z')}`,
        '',
        '1 passed, 2 failed',
        '',
      ].join('\n'),
    );
  });

  it('--run selects tests; all passing exits 0', async () => {
    const r = await suite({ run: /^morn/ });
    expect(r.verdict).toBe('passed');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(r.stdout).not.toContain('evening');
  });

  it('--run matching nothing is unusable input: exit 2', async () => {
    const r = await suite({ run: /nothing matches this/ });
    expect(r.verdict).toBe('unusable');
    expect(r.problems).toEqual(['no test name matches /nothing matches this/']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('0 passed, 0 failed\n');
  });

  it('an unusable file is reported on stderr, the others still run, and the verdict is unusable', async () => {
    const r = await suite({ paths: ['bad', 'suite.autoscale-test.yaml'] });
    expect(r.verdict).toBe('unusable');
    expect(r.stderr).toBe(
      'bad/bad.autoscale-test.yaml:2:24: tests[0].at: "nope" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"\n',
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 2 failed, 1 file could not be loaded');
  });

  it('a run in which no file loads says so in its summary, as every reporter does in its own shape', async () => {
    const broken = new TempDir();
    try {
      broken.file('a.autoscale-test.yaml', 'formula_text: "x = 1;"\ntests: []\n');
      broken.file('b.autoscale-test.yaml', 'formula_text: "x = 1;"\n');
      const run = async (reporter: SuiteOptions['reporter']) => {
        let stdout = '';
        const { verdict } = await runSuite(
          { paths: ['.'], cwd: broken.dir, reporter },
          { stdout: (t) => (stdout += t), stderr: () => {}, problem: () => {} },
        );
        return { verdict, stdout };
      };
      expect(await run('text')).toEqual({
        verdict: 'unusable',
        stdout: '0 passed, 0 failed, 2 files could not be loaded\n',
      });
      expect((JSON.parse((await run('json')).stdout) as JsonReport).summary).toEqual({
        passed: 0,
        failed: 0,
        files: 2,
        unusableFiles: 2,
      });
      expect((await run('junit')).stdout).toContain(
        '<testsuites name="autoscale test" tests="2" failures="0" errors="2" ',
      );
    } finally {
      broken.remove();
    }
  });

  it('--coverage prints the table and the uncovered lines before the summary', async () => {
    const r = await suite({ coverage: true, run: /morning/ });
    expect(r.stdout).toContain('coverage ');
    expect(r.stdout).toContain(
      "  2 | $TargetDedicatedNodes = hour < 12 ? 1 : 2;\n    |                                   ^ ?: never took 'else' (condition never 0)\n",
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(r.verdict).toBe('passed');
  });

  it('--min-coverage fails the run below the branch percentage, passes at or above it', async () => {
    const low = await suite({ minCoverage: 60, run: /morning/ });
    expect(low.verdict).toBe('failed');
    expect(low.problems).toEqual(['branch coverage 50.0% is below the minimum of 60%']);
    expect(low.stdout).not.toContain('coverage ');
    const ok = await suite({ minCoverage: 50, run: /morning/ });
    expect(ok.verdict).toBe('passed');
    expect(ok.result.minCoverage).toEqual({ percent: 50, branchPercent: 50, met: true });
  });
});

describe('the json reporter', () => {
  it('prints one document with every test, step, mismatch and load error', async () => {
    const r = await suite({ reporter: 'json', paths: ['.'] });
    expect(r.verdict).toBe('unusable');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary).toEqual({ passed: 1, failed: 2, files: 2, unusableFiles: 1 });
    expect(report.files.map((f) => [f.file, f.formula, f.errors.length, f.tests.length])).toEqual([
      ['bad/bad.autoscale-test.yaml', undefined, 1, 0],
      ['suite.autoscale-test.yaml', 'f.autoscale', 0, 3],
    ]);
    expect(report.files[0]?.errors).toEqual([
      {
        line: 2,
        column: 24,
        path: 'tests[0].at',
        message: '"nope" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"',
      },
    ]);
    const day = report.files[1]?.tests[2];
    expect(
      day?.steps.map(({ name, at, line, passed, error, mismatches }) => ({
        name,
        at,
        line,
        passed,
        error,
        mismatches,
      })),
    ).toEqual([
      { name: undefined, at: '2026-01-05T09:00:00Z', line: 11, passed: true, error: null, mismatches: [] },
      {
        name: 'late',
        at: '2026-01-05T19:00:00Z',
        line: 12,
        passed: false,
        error: null,
        mismatches: [{ expected: 'error InsufficientSampleData', got: 'no error' }],
      },
    ]);
    expect(day?.steps[1]?.results).toBe(resultsAt('2026-01-05T19:00:00Z'));
    expect(report.coverage).toBeUndefined();
  });

  it('includes coverage and the --min-coverage verdict; coverage text goes to stderr', async () => {
    const r = await suite({ reporter: 'json', coverage: true, minCoverage: 100 });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.coverage?.[0]?.branches).toEqual({ covered: 2, total: 2, percent: 100 });
    expect(report.minCoverage).toEqual({ percent: 100, branchPercent: 100, met: true });
    expect(r.stderr).toContain('coverage ');
    expect(jsonReport(r.result)).toEqual(report);
  });
});

describe('JUnit XML', () => {
  it('escapes text for XML and drops characters XML cannot carry', () => {
    expect(xmlEscape('a<b>&"c\'\u0001\ud800')).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });

  it('has a testsuite per file, a failure per failed test and an error per unusable file', async () => {
    const r = await suite({ reporter: 'junit', paths: ['.'] });
    expect(r.verdict).toBe('unusable');
    const xml = r.stdout;
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="autoscale test" tests="4" failures="2" errors="1" ',
      ),
    ).toBe(true);
    expect(xml).toMatch(/<testsuite name="bad\/bad.autoscale-test.yaml" tests="1" failures="0" errors="1"/);
    expect(xml).toContain(
      '<error type="UnusableTestFile" message="bad/bad.autoscale-test.yaml:2:24: tests[0].at: &quot;nope&quot; is not an ISO 8601 instant like &quot;2026-01-05T10:00:00Z&quot;">',
    );
    expect(xml).toMatch(
      /<testsuite name="suite.autoscale-test.yaml" tests="3" failures="2" errors="0" skipped="0" time="[\d.]+">/,
    );
    expect(xml).toMatch(
      /<testcase name="morning" classname="suite.autoscale-test.yaml" file="suite.autoscale-test.yaml" line="3" time="[\d.]+"\/>/,
    );
    expect(xml).toMatch(
      /<testcase name="evening &lt;wrong&gt; &amp; &quot;quoted&quot;" [^>]*line="6"[^>]*>\n {6}<failure type="ExpectationFailed" message="\$TargetDedicatedNodes: expected 3, got 2">at suite.autoscale-test.yaml:6\n\$TargetDedicatedNodes: expected 3, got 2\nresults: /,
    );
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
    // Balanced elements: every opened testsuite/testcase is closed.
    expect(xml.match(/<testsuite /g)?.length).toBe(xml.match(/<\/testsuite>/g)?.length);
    expect(xml).toContain(
      '<failure type="ExpectationFailed" message="step 2: expected error InsufficientSampleData, got no error">',
    );
    expect(junitReport(r.result)).toBe(xml);
  });

  it('--junit writes the XML to a file atomically, beside the chosen reporter', async () => {
    const r = await suite({ junit: 'reports/junit.xml', run: /morning/ });
    expect(r.verdict).toBe('unusable');
    expect(r.problems).toEqual(['cannot write reports/junit.xml: no such file or directory']);
    tmp.file('reports/.keep', '');
    const ok = await suite({ junit: 'reports/junit.xml', run: /morning/ });
    expect(ok.verdict).toBe('passed');
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    const xml = readFileSync(tmp.path('reports/junit.xml'), 'utf8');
    expect(xml).toContain('<testcase name="morning"');
    expect(readdirSync(tmp.path('reports')).sort()).toEqual(['.keep', 'junit.xml']);
  });
});
