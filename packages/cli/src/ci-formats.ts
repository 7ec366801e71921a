// Diagnostics in the formats CI systems read: SARIF 2.1.0 (GitHub code scanning, Azure DevOps and
// most security dashboards) and GitHub Actions workflow commands (`::error file=...::`, shown as
// annotations on a pull request's changed lines). Rules, with their help, come from core's
// diagnostic registry; positions are 1-based lines and UTF-16 columns, as both formats count them.
// The log's frame, locations and the command syntax are shared with `test`'s results
// (test-ci-formats.ts).

import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type LineMap } from '@autoscale/core';

/** A diagnostic with the file it was found in. */
export interface FileDiagnostic {
  /** The path as the user gave it (or `<stdin>`). */
  file: string;
  lines: LineMap;
  diagnostic: Diagnostic;
}

/** A 1-based region; the end column is the one after the range, as SARIF and GitHub take it. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

export type SarifLevel = 'error' | 'warning' | 'note';

const PROJECT_URI = 'https://github.com/autoscale-toolkit/batch-autoscale-toolkit';
const CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

function region({ lines, diagnostic }: FileDiagnostic): Required<Region> {
  const start = lines.positionAt(diagnostic.range.start);
  const end = lines.positionAt(Math.max(diagnostic.range.start, diagnostic.range.end));
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

function sarifLevel(severity: Diagnostic['severity']): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A relative URI for a path (forward slashes, each segment percent-encoded); stdin has none of its own. */
function artifactUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file
    .replaceAll('\\', '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** A SARIF location: the file, and the region in it. */
export function sarifLocation(file: string, where: Region): object {
  return { physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: where } };
}

/** Every code of the registry as a SARIF rule (reportingDescriptor), in the registry's order. */
export function registryRules(): object[] {
  return CODES.map((code) => {
    const info = DIAGNOSTIC_CODES[code];
    return {
      id: code,
      name: code,
      shortDescription: { text: info.summary },
      help: { text: `${info.summary} (${info.layer})` },
      helpUri: `${PROJECT_URI}/blob/main/docs/semantics.md#125-diagnostic-codes`,
      defaultConfiguration: { level: sarifLevel(info.severity) },
      properties: { tags: [info.layer] },
    };
  });
}

/** Where a registry code's rule sits in registryRules(), after `offset` rules of another kind. */
export function registryRuleIndex(code: DiagnosticCode, offset = 0): number {
  return offset + CODES.indexOf(code);
}

/** A SARIF 2.1.0 log of one run of the autoscale command. */
export function sarifDocument(rules: readonly object[], results: readonly object[], toolVersion: string): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'autoscale', version: toolVersion, informationUri: PROJECT_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The SARIF 2.1.0 log of a run: every code of the registry as a rule, and one result per diagnostic. */
export function sarifLog(diagnostics: readonly FileDiagnostic[], toolVersion: string): object {
  const results = diagnostics.map((entry) => ({
    ruleId: entry.diagnostic.code,
    ruleIndex: registryRuleIndex(entry.diagnostic.code),
    level: sarifLevel(entry.diagnostic.severity),
    message: { text: entry.diagnostic.message },
    locations: [sarifLocation(entry.file, region(entry))],
  }));
  return sarifDocument(registryRules(), results, toolVersion);
}

/** Escapes a workflow command's message (GitHub's rules: %, CR and LF). */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a workflow command's property value: also `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * One GitHub Actions workflow command: `::error file=F,line=L,col=C,...,title=T::message`. Without
 * a file the annotation belongs to the run, not to a line.
 */
export function workflowCommand(
  command: 'error' | 'warning' | 'notice',
  where: { file: string; region: Region } | undefined,
  title: string,
  message: string,
): string {
  const properties: string[] = [];
  if (where !== undefined) {
    const r = where.region;
    properties.push(`file=${escapeProperty(where.file)}`, `line=${r.startLine}`, `col=${r.startColumn}`);
    if (r.endLine !== undefined) properties.push(`endLine=${r.endLine}`);
    if (r.endColumn !== undefined) properties.push(`endColumn=${r.endColumn}`);
  }
  properties.push(`title=${escapeProperty(title)}`);
  return `::${command} ${properties.join(',')}::${escapeData(message)}\n`;
}

/** One GitHub Actions workflow command per diagnostic: `::error file=F,line=L,col=C,...,title=CODE::message`. */
export function githubCommands(diagnostics: readonly FileDiagnostic[]): string {
  return diagnostics
    .map((entry) => {
      const { severity, code, message } = entry.diagnostic;
      const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
      return workflowCommand(command, { file: entry.file, region: region(entry) }, code, `${code} ${message}`);
    })
    .join('');
}
