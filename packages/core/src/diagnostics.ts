// The one registry of diagnostic codes. Every diagnostic the core reports is declared here with
// its stable code, severity and layer; codes are never reused. Message texts are built at the
// reporting site (they quote names), but only through `diagnostic()` so the code is always known.
// Layers: syntax (AS1xxx), semantic (AS2xxx), runtime (AS3xxx, evaluation errors surfaced by the
// evaluator), lint (AS4xxx, opinionated and switchable in the editor).

import type { Range } from './text/source.ts';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type DiagnosticLayer = 'syntax' | 'semantic' | 'runtime' | 'lint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix attached to a diagnostic; editors turn it into a code action. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

interface CodeInfo {
  severity: Severity;
  layer: DiagnosticLayer;
  /** What the code means, for documentation and `autoscale explain --codes`. */
  summary: string;
}

export const DIAGNOSTIC_CODES = {
  // Syntax
  AS1001: { severity: 'error', layer: 'syntax', summary: 'Syntax error: unexpected or missing token.' },
  AS1002: { severity: 'error', layer: 'syntax', summary: "Missing ';' between two statements." },
  AS1003: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Block comments /* */ are not accepted by the service; use //.',
  },
  AS1004: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Number spelled in a form the service does not accept (1e3, .5, 5.).',
  },
  AS1005: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Single-quoted string; the service only accepts double quotes.',
  },
  AS1006: { severity: 'error', layer: 'syntax', summary: 'String literal not closed before the end of the line.' },
  AS1007: { severity: 'error', layer: 'syntax', summary: 'Character that cannot appear in a formula.' },
  AS1008: { severity: 'warning', layer: 'syntax', summary: "Empty statement (';;' or a leading ';')." },
  AS1009: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Formula longer than 8192 characters (AutoScaleFormulaTooLong).',
  },
  AS1010: { severity: 'error', layer: 'syntax', summary: 'Formula with more than 100 statements.' },
  AS1011: {
    severity: 'error',
    layer: 'syntax',
    summary: 'Statement nested or chained too deeply to analyse (over 64 levels or 500 operators).',
  },
  // Names and types
  AS2001: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Unknown variable: never assigned and not a service variable (Undefined symbol).',
  },
  AS2002: { severity: 'error', layer: 'semantic', summary: 'User variable read before the statement that assigns it.' },
  AS2003: { severity: 'error', layer: 'semantic', summary: 'Unknown function.' },
  AS2004: { severity: 'error', layer: 'semantic', summary: 'Unknown sample method.' },
  AS2005: { severity: 'error', layer: 'semantic', summary: 'Unknown timestamp member.' },
  AS2006: { severity: 'error', layer: 'semantic', summary: 'Wrong number of arguments.' },
  AS2007: { severity: 'error', layer: 'semantic', summary: 'Argument types match no overload.' },
  AS2008: { severity: 'error', layer: 'semantic', summary: 'Operator not defined for these operand types.' },
  AS2009: { severity: 'error', layer: 'semantic', summary: 'Assignment to a read-only service variable or constant.' },
  AS2010: {
    severity: 'error',
    layer: 'semantic',
    summary: '$NodeDeallocationOption given something other than requeue, terminate, taskcompletion or retaineddata.',
  },
  AS2011: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Deallocation keyword used outside "$NodeDeallocationOption = keyword".',
  },
  AS2012: {
    severity: 'error',
    layer: 'semantic',
    summary: 'Sample method called on something that is not a sampled metric.',
  },
  AS2013: { severity: 'error', layer: 'semantic', summary: 'Member access on something that is not a timestamp.' },
  AS2014: { severity: 'error', layer: 'semantic', summary: 'Wrong type assigned to a target variable.' },
  AS2015: { severity: 'error', layer: 'semantic', summary: 'Condition of ?: is not a number.' },
  AS2016: { severity: 'error', layer: 'semantic', summary: 'The result of stop() used as a value.' },
  AS2017: { severity: 'error', layer: 'semantic', summary: 'time() given a constant string it cannot parse.' },
  // Runtime (evaluation errors; reported by the evaluator and its trace)
  AS3001: { severity: 'error', layer: 'runtime', summary: 'Undefined symbol at evaluation.' },
  AS3002: { severity: 'error', layer: 'runtime', summary: 'Insufficient sample data (InsufficientSampleData).' },
  AS3003: { severity: 'error', layer: 'runtime', summary: 'Type mismatch at evaluation.' },
  AS3004: {
    severity: 'error',
    layer: 'runtime',
    summary:
      'Invalid argument value at evaluation (empty list, index or percentile out of range, bad time string, vector lengths).',
  },
  AS3005: { severity: 'error', layer: 'runtime', summary: 'A target evaluated to NaN or infinity.' },
  // Lint
  AS4001: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Backslash before a quote: C#-style escaping pasted into a formula.',
  },
  AS4002: {
    severity: 'warning',
    layer: 'lint',
    summary: 'A metric read only through its last sample (GetSample(1) or used as a number); that sample may be old.',
  },
  AS4003: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Sample window ending less than a minute ago with a percent requirement a ~60 s delay cannot meet.',
  },
  AS4004: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Percentage ($CPUPercent or GetSamplePercent) compared with a fraction between 0 and 1.',
  },
  AS4005: {
    severity: 'warning',
    layer: 'lint',
    summary: 'weekday compared with 7; weekdays run 0 (Sunday) to 6 (Saturday).',
  },
  AS4006: { severity: 'warning', layer: 'lint', summary: 'Both foo and $foo used: they are two different variables.' },
  AS4007: {
    severity: 'warning',
    layer: 'lint',
    summary: 'No target variable assigned: the formula never changes the pool size.',
  },
  AS4008: {
    severity: 'info',
    layer: 'lint',
    summary: 'Metric retired after 31 March 2024: no longer populated with samples.',
  },
  AS4009: {
    severity: 'hint',
    layer: 'lint',
    summary: 'Legacy alias of a service variable; the current name is clearer.',
  },
  AS4010: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Sampled metric used directly as a number (its most recent sample).',
  },
  AS4011: { severity: 'warning', layer: 'lint', summary: 'User variable named like a built-in function.' },
  AS4012: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Both a target variable and its alias assigned: the full name wins.',
  },
  AS4013: {
    severity: 'warning',
    layer: 'lint',
    summary: 'User variable spelled like a service variable in another case: probably a typo.',
  },
  AS4014: {
    severity: 'warning',
    layer: 'lint',
    summary: 'Statement has no effect: a bare expression is evaluated and discarded.',
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return DIAGNOSTIC_CODES[code];
}

export function diagnostic(code: DiagnosticCode, message: string, range: Range, fixes?: Fix[]): Diagnostic {
  const d: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity, message, range };
  if (fixes && fixes.length > 0) d.fixes = fixes;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by position, then code, so output is stable whatever order stages report in. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code),
  );
}
