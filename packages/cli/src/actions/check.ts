// What `autoscale check` does (commands/check.ts declares it): the checker's diagnostics as text
// with code frames, or as LSP-style JSON, for plain formula files and for the formulas inside
// host files (ARM, Bicep, Terraform, pool JSON), each diagnostic at the file's own line and
// column. Exit 1 when any file has an error.

import { analyzeFormula, type Diagnostic, embeddedDiagnostics, hasErrors, type LineMap } from '@autoscale/core';
import { formatDiagnostic, summaryLine, toJsonDiagnostic, type JsonDiagnostic } from '../code-frame.ts';
import { type HostChoice, parseFileSpec, readHostInput } from '../host-input.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

export interface CheckOptions {
  format: 'text' | 'json';
  host: HostChoice;
  values: ReadonlyMap<string, string>;
}

export async function runCheck(files: string[], options: CheckOptions, { io }: CommandContext): Promise<number> {
  const reader = new SourceReader(io);
  const all: Diagnostic[] = [];
  const json: JsonDiagnostic[] = [];
  let unusable = false;
  let checked = 0;
  const report = (name: string, lines: LineMap, diagnostics: readonly Diagnostic[]) => {
    all.push(...diagnostics);
    for (const d of diagnostics) {
      if (options.format === 'json') json.push(toJsonDiagnostic(name, lines, d));
      else io.stdout(formatDiagnostic(name, lines, d));
    }
  };
  for (const argument of files) {
    const input = await readHostInput(reader, parseFileSpec(argument), options.host, options.values);
    if (input === undefined) {
      unusable = true;
      continue;
    }
    if (input.problem !== undefined) {
      io.stderr(`autoscale: ${input.problem}\n`);
      unusable = true;
      continue;
    }
    checked++;
    const { host, source } = input;
    const found: Diagnostic[] = [...host.problems];
    for (const formula of input.formulas) found.push(...embeddedDiagnostics(formula, analyzeFormula(formula.text)));
    found.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
    report(source.name, host.lines, found);
  }
  if (options.format === 'json') io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  else io.stdout(`${summaryLine(all, checked)}\n`);
  if (unusable) return EXIT_USAGE;
  return hasErrors(all) ? EXIT_FAILURE : EXIT_OK;
}
