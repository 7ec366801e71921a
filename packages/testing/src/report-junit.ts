// The junit reporter: JUnit XML as CI systems read it (GitHub Actions test reporters, GitLab,
// Jenkins, Azure Pipelines): one <testsuite> per test file, one <testcase> per test, a <failure>
// with the same details the text reporter prints, and an <error> for each unusable file.

import { formatLoadError } from './model.ts';
import { failureLines, failureSummary } from './report-text.ts';
import type { SuiteResult } from './suite-result.ts';

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function junitReport(result: SuiteResult): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const errors = result.files.filter((f) => f.errors.length > 0).length + result.discoveryErrors.length;
  // Each unusable file and each path that found nothing is a test case with an <error>, counted in tests as JUnit
  // counts errors.
  out.push(
    `<testsuites name="autoscale test" tests="${result.passed + result.failed + errors}" failures="${result.failed}" errors="${errors}" time="${seconds(result.durationMs)}">`,
  );
  for (const f of result.files) {
    const file = xmlEscape(f.file);
    if (f.errors.length > 0) {
      const message = xmlEscape(formatLoadError(f.errors[0] ?? { file: f.file, path: '', message: 'unusable' }));
      out.push(`  <testsuite name="${file}" tests="1" failures="0" errors="1" skipped="0" time="0.000">`);
      out.push(`    <testcase name="load ${file}" classname="${file}" file="${file}" time="0.000">`);
      out.push(
        `      <error type="UnusableTestFile" message="${message}">${xmlEscape(f.errors.map(formatLoadError).join('\n'))}</error>`,
      );
      out.push('    </testcase>', '  </testsuite>');
      continue;
    }
    const tests = f.outcome?.tests ?? [];
    const failed = tests.filter((t) => !t.passed).length;
    const time = tests.reduce((s, t) => s + t.durationMs, 0);
    out.push(
      `  <testsuite name="${file}" tests="${tests.length}" failures="${failed}" errors="0" skipped="0" time="${seconds(time)}">`,
    );
    for (const t of tests) {
      const open = `    <testcase name="${xmlEscape(t.test.name)}" classname="${file}" file="${file}" line="${t.test.location.line}" time="${seconds(t.durationMs)}"`;
      if (t.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const lines = failureLines(t, f.file);
      out.push(`${open}>`);
      out.push(
        `      <failure type="ExpectationFailed" message="${xmlEscape(failureSummary(t))}">${xmlEscape(lines.join('\n'))}</failure>`,
      );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  for (const message of result.discoveryErrors) {
    out.push('  <testsuite name="discovery" tests="1" failures="0" errors="1" skipped="0" time="0.000">');
    out.push(
      `    <testcase name="${xmlEscape(message)}" classname="discovery" time="0.000"><error type="NoTestFiles" message="${xmlEscape(message)}"/></testcase>`,
    );
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
