// `autoscale test`'s results in the formats CI systems read (--format sarif and github). Each
// failing test case (each failing step of a multi-step test) is a result of the rule for its kind
// of failure, at the test file's line and column of the case. What is the formula's own
// diagnostic points into the formula: an evaluation error is its AS3xxx code at the formula's line
// and column (and points back at the test), a formula that does not parse its AS1xxx code. A test
// file that cannot be loaded is a result at the mistake. Paths that found nothing and coverage
// below the minimum have no line to point at: GitHub gets them as annotations of the run; SARIF
// leaves them to stderr and the exit code, as code scanning refuses a result without a location.

import { DIAGNOSTIC_CODES, type DiagnosticCode } from '@autoscale/core';
import {
  describeMismatch,
  type FilePosition,
  type FileResult,
  type LoadError,
  type SuiteResult,
} from '@autoscale/testing';
import { registryRuleIndex, registryRules, sarifDocument, sarifLocation, workflowCommand } from './ci-formats.ts';

/** The kinds of test failure, each a SARIF rule of its own (registry codes follow them). */
const TEST_RULES = [
  { id: 'wrong-value', summary: 'A test expected values the formula did not produce.' },
  {
    id: 'wrong-error',
    summary: 'A test expected an evaluation error that the formula did not raise, or raised another.',
  },
  { id: 'evaluation-error', summary: 'The formula failed to evaluate where a test expected results.' },
  {
    id: 'unusable-test-file',
    summary: 'A test file could not be loaded: a mistake in it, or a formula it names that cannot be read or tested.',
  },
] as const;

type TestRule = (typeof TEST_RULES)[number]['id'];

/** One result: the rule, the message, where it is, and the test it came from when it points elsewhere. */
export interface TestFinding {
  rule: TestRule | DiagnosticCode;
  message: string;
  at: FilePosition;
  related?: { at: FilePosition; message: string };
}

function isCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code);
}

/** Every result of a run that has a place in a file, in the run's order. */
export function testFindings(result: SuiteResult): TestFinding[] {
  const found: TestFinding[] = [];
  for (const f of result.files) {
    for (const e of f.errors) found.push(loadFinding(e));
    found.push(...caseFindings(f));
  }
  return found;
}

function loadFinding(e: LoadError): TestFinding {
  const inTestFile: FilePosition = { file: e.file, line: e.line ?? 1, column: e.column ?? 1 };
  const message = e.path === '' ? e.message : `${e.path}: ${e.message}`;
  const { formula } = e;
  if (formula === undefined) return { rule: 'unusable-test-file', message, at: inTestFile };
  const { code, ...at } = formula;
  const rule = isCode(code) ? code : 'unusable-test-file';
  // formula_text is in the test file: the formula's place is the test file's.
  if (at.file === inTestFile.file) return { rule, message, at };
  return { rule, message, at, related: { at: inTestFile, message: `the test file ${e.file} names this formula` } };
}

function caseFindings(f: FileResult): TestFinding[] {
  const found: TestFinding[] = [];
  const formula = f.outcome?.testFile.formula;
  for (const t of f.outcome?.tests ?? []) {
    if (t.passed) continue;
    t.steps.forEach((s, index) => {
      if (s.mismatches.length === 0) return;
      const stepName = s.step.name === undefined ? '' : ` "${s.step.name}"`;
      const label = t.test.multiStep ? `test "${t.test.name}", step ${index + 1}${stepName}` : `test "${t.test.name}"`;
      const where = t.test.multiStep ? s.step.location : t.test.location;
      const at: FilePosition = { file: f.file, line: where.line, column: where.column };
      const details = [...s.mismatches.map(describeMismatch), ...s.notes.map((n) => `note: ${n}`)];
      const failure = s.result.failure;
      if (s.step.expectError !== undefined) {
        found.push({ rule: 'wrong-error', message: `${label}: ${details.join('; ')}`, at });
      } else if (s.result.error !== null && failure !== null && formula !== undefined && isCode(failure.code)) {
        // The formula's own runtime diagnostic: at its line in the formula, pointing back at the test.
        found.push({
          rule: failure.code,
          message: `${label}: ${details.join('; ')}`,
          at: formula.locate(failure.range.start),
          related: { at, message: `${label} evaluated the formula here` },
        });
      } else if (s.result.error !== null) {
        found.push({ rule: 'evaluation-error', message: `${label}: ${details.join('; ')}`, at });
      } else {
        const results = `results: ${s.result.results}`;
        found.push({ rule: 'wrong-value', message: `${label}: ${[...details, results].join('; ')}`, at });
      }
    });
  }
  return found;
}

function ruleIndex(rule: TestFinding['rule']): number {
  return isCode(rule) ? registryRuleIndex(rule, TEST_RULES.length) : TEST_RULES.findIndex((r) => r.id === rule);
}

/** The run as a SARIF 2.1.0 log: the kinds of test failure and every registry code as rules. */
export function testSarifLog(result: SuiteResult, toolVersion: string): object {
  const rules = [
    ...TEST_RULES.map((r) => ({
      id: r.id,
      name: r.id,
      shortDescription: { text: r.summary },
      help: { text: r.summary },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['test'] },
    })),
    ...registryRules(),
  ];
  const results = testFindings(result).map((finding) => ({
    ruleId: finding.rule,
    ruleIndex: ruleIndex(finding.rule),
    level: 'error',
    message: { text: finding.message },
    locations: [sarifLocation(finding.at.file, region(finding.at))],
    ...(finding.related === undefined
      ? {}
      : {
          relatedLocations: [
            {
              ...sarifLocation(finding.related.at.file, region(finding.related.at)),
              message: { text: finding.related.message },
            },
          ],
        }),
  }));
  return sarifDocument(rules, results, toolVersion);
}

/** The run as GitHub Actions workflow commands: one `::error` per result, then those of the run as a whole. */
export function testGithubCommands(result: SuiteResult): string {
  const lines = testFindings(result).map((finding) =>
    workflowCommand('error', { file: finding.at.file, region: region(finding.at) }, finding.rule, finding.message),
  );
  for (const message of result.discoveryErrors)
    lines.push(workflowCommand('error', undefined, 'no-test-file', message));
  const min = result.minCoverage;
  if (min !== undefined && !min.met)
    lines.push(
      workflowCommand(
        'error',
        undefined,
        'min-coverage',
        `branch coverage ${min.branchPercent.toFixed(1)}% is below the minimum of ${min.percent}%`,
      ),
    );
  return lines.join('');
}

function region(at: FilePosition): { startLine: number; startColumn: number } {
  return { startLine: at.line, startColumn: at.column };
}
