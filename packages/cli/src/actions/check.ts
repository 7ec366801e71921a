// What `autoscale check` does (commands/check.ts declares it): the checker's diagnostics as text
// with code frames (coloured on a terminal), LSP-style JSON, SARIF or GitHub workflow commands,
// for plain formula files and for the formulas inside host files (ARM, Bicep, Terraform, pool
// JSON), each diagnostic at the file's own line and column. Exit 1 when any file has an error.
// With --bounds, also the range each node target can take (core's static bounds analysis).

import {
  analyzeFormula,
  describeTargetBounds,
  type Diagnostic,
  embeddedDiagnostics,
  formulaBounds,
  hasErrors,
  type LineMap,
  sortDiagnostics,
} from '@autoscale/core';
import { type FileDiagnostic, githubCommands, sarifLog } from '../ci-formats.ts';
import { formatDiagnostic, summaryLine, toJsonDiagnostic } from '../code-frame.ts';
import { applyLintSettings } from '../config.ts';
import { type HostChoice, type HostInput, readHostInput } from '../host-input.ts';
import { placeholderValues, projectConfig, projectInputs } from '../project.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CheckFormat } from '../commands/check.ts';
import type { CommandContext } from '../program.ts';
import { VERSION } from '../version.ts';

export interface CheckOptions {
  format: CheckFormat;
  host: HostChoice;
  values: ReadonlyMap<string, string>;
  /** Also print the range each node target can take. */
  bounds?: boolean;
}

/** The bounds of one formula's node targets, as --bounds reports them. */
interface FormulaBoundsReport {
  file: string;
  /** The pool's name in a host file; null for a formula file. */
  formula: string | null;
  /** Undefined when the formula has errors: its values cannot be followed. */
  targets:
    | Array<{ name: string; assigned: boolean; min: number | null; max: number | null; description: string }>
    | undefined;
}

export async function runCheck(files: string[], options: CheckOptions, { io }: CommandContext): Promise<number> {
  const reader = new SourceReader(io);
  const all: FileDiagnostic[] = [];
  let unusable = false;
  let checked = 0;
  const report = (file: string, lines: LineMap, diagnostics: readonly Diagnostic[]) => {
    for (const diagnostic of diagnostics) {
      all.push({ file, lines, diagnostic });
      // Text goes out file by file, so a long run shows its progress.
      if (options.format === 'text') io.stdout(formatDiagnostic(file, lines, diagnostic, io.stdoutColour === true));
    }
  };
  const boundsReports: FormulaBoundsReport[] = [];
  const config = projectConfig(io);
  if (config === undefined) return EXIT_USAGE;
  const values = placeholderValues(config, options.values);
  const { specs, errors } = await projectInputs(files, config);
  for (const error of errors) io.stderr(`autoscale: ${error}\n`);
  if (errors.length > 0) unusable = true;
  for (const spec of specs) {
    const input = await readHostInput(reader, spec, options.host, values);
    if (input === undefined) {
      unusable = true;
      continue;
    }
    // A JSON, Bicep or Terraform file found by a search is checked only if it holds a pool formula.
    if (spec.searched === true && isWithoutFormula(input)) continue;
    if (input.problem !== undefined) {
      io.stderr(`autoscale: ${input.problem}\n`);
      unusable = true;
      continue;
    }
    checked++;
    const { host, source } = input;
    const found: Diagnostic[] = [...host.problems];
    const fileBounds: FormulaBoundsReport[] = [];
    for (const formula of input.formulas) {
      const analysis = analyzeFormula(formula.text);
      const diagnostics = embeddedDiagnostics(formula, analysis);
      found.push(...applyLintSettings(diagnostics, config));
      if (options.bounds === true)
        fileBounds.push(
          boundsReport(source.name, host.kind === 'formula' ? null : formula.name, analysis, diagnostics),
        );
    }
    report(source.name, host.lines, sortDiagnostics(found));
    if (options.format === 'text') for (const b of fileBounds) io.stdout(boundsText(b));
    boundsReports.push(...fileBounds);
  }
  io.stdout(render(all, checked, options.format, options.bounds === true ? boundsReports : undefined));
  if (unusable) return EXIT_USAGE;
  return hasErrors(all.map((entry) => entry.diagnostic)) ? EXIT_FAILURE : EXIT_OK;
}

/** A formula's target bounds; none when it has errors (an unknown name has no range), or an unfilled placeholder. */
function boundsReport(
  file: string,
  formula: string | null,
  analysis: ReturnType<typeof analyzeFormula>,
  diagnostics: readonly Diagnostic[],
): FormulaBoundsReport {
  if (hasErrors(diagnostics)) return { file, formula, targets: undefined };
  const targets = formulaBounds(analysis.formula).targets.map((t) => ({
    name: t.name,
    assigned: t.assigned,
    // A target the formula leaves alone is whatever the pool has: no range of the formula's own.
    min: t.assigned ? t.applied.lo : null,
    max: t.assigned && t.applied.hi !== Number.POSITIVE_INFINITY ? t.applied.hi : null,
    description: describeTargetBounds(t),
  }));
  return { file, formula, targets };
}

function boundsText(b: FormulaBoundsReport): string {
  const name = b.formula === null ? b.file : `${b.file}#${b.formula}`;
  if (b.targets === undefined) return `${name}: bounds not computed: the formula has errors\n`;
  return `${name}: bounds\n${b.targets.map((t) => `  ${t.name}: ${t.description}\n`).join('')}`;
}

/** What follows the text output's diagnostics (its summary), or the whole output of the other formats. */
function render(
  all: readonly FileDiagnostic[],
  checked: number,
  format: CheckFormat,
  bounds: readonly FormulaBoundsReport[] | undefined,
): string {
  if (format === 'json' && bounds !== undefined) {
    const diagnostics = all.map((entry) => toJsonDiagnostic(entry.file, entry.lines, entry.diagnostic));
    return `${JSON.stringify({ diagnostics, bounds }, null, 2)}\n`;
  }
  switch (format) {
    case 'text':
      return `${summaryLine(
        all.map((entry) => entry.diagnostic),
        checked,
      )}\n`;
    case 'json':
      return `${JSON.stringify(
        all.map((entry) => toJsonDiagnostic(entry.file, entry.lines, entry.diagnostic)),
        null,
        2,
      )}\n`;
    case 'sarif':
      return `${JSON.stringify(sarifLog(all, VERSION), null, 2)}\n`;
    case 'github':
      return githubCommands(all);
  }
}

/**
 * A host file that holds no pool formula: none is found (only AS5003 says so), or the text never
 * mentions one (a tsconfig.json or package.json found in a directory is no business of ours).
 */
function isWithoutFormula(input: HostInput): boolean {
  if (input.host.kind === 'formula') return false;
  if (!/formula/i.test(input.source.text)) return true;
  return input.host.formulas.length === 0 && input.host.problems.every((d) => d.code === 'AS5003');
}
