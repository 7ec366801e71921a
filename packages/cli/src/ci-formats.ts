// Diagnostics in the formats CI systems read: SARIF 2.1.0 (GitHub code scanning, Azure DevOps and
// most security dashboards) and GitHub Actions workflow commands (`::error file=...::`, shown as
// annotations on a pull request's changed lines). Rules, with their help, come from core's
// diagnostic registry; positions are 1-based lines and UTF-16 columns, as both formats count them.

import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type LineMap } from '@autoscale/core';

/** A diagnostic with the file it was found in. */
export interface FileDiagnostic {
  /** The path as the user gave it (or `<stdin>`). */
  file: string;
  lines: LineMap;
  diagnostic: Diagnostic;
}

const PROJECT_URI = 'https://github.com/autoscale-toolkit/batch-autoscale-toolkit';
const CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/** 1-based start and end (the end column is the one after the range, as SARIF and GitHub take it). */
function region({ lines, diagnostic }: FileDiagnostic) {
  const start = lines.positionAt(diagnostic.range.start);
  const end = lines.positionAt(Math.max(diagnostic.range.start, diagnostic.range.end));
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

function sarifLevel(severity: Diagnostic['severity']): 'error' | 'warning' | 'note' {
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

/** The SARIF 2.1.0 log of a run: every code of the registry as a rule, and one result per diagnostic. */
export function sarifLog(diagnostics: readonly FileDiagnostic[], toolVersion: string): object {
  const rules = CODES.map((code) => {
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
  const results = diagnostics.map((entry) => ({
    ruleId: entry.diagnostic.code,
    ruleIndex: CODES.indexOf(entry.diagnostic.code),
    level: sarifLevel(entry.diagnostic.severity),
    message: { text: entry.diagnostic.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(entry.file) }, region: region(entry) } }],
  }));
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

/** Escapes a workflow command's message (GitHub's rules: %, CR and LF). */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a workflow command's property value: also `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** One GitHub Actions workflow command per diagnostic: `::error file=F,line=L,col=C,...,title=CODE::message`. */
export function githubCommands(diagnostics: readonly FileDiagnostic[]): string {
  return diagnostics
    .map((entry) => {
      const { severity, code, message } = entry.diagnostic;
      const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
      const r = region(entry);
      const properties = [
        `file=${escapeProperty(entry.file)}`,
        `line=${r.startLine}`,
        `col=${r.startColumn}`,
        `endLine=${r.endLine}`,
        `endColumn=${r.endColumn}`,
        `title=${escapeProperty(code)}`,
      ];
      return `::${command} ${properties.join(',')}::${escapeData(`${code} ${message}`)}\n`;
    })
    .join('');
}
