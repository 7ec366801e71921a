// What `autoscale check` does (commands/check.ts declares it): the checker's diagnostics as text
// with code frames, or as LSP-style JSON. Exit 1 when any file has an error.

import { analyzeFormula, hasErrors, type Diagnostic } from '@autoscale/core';
import { formatDiagnostic, summaryLine, toJsonDiagnostic, type JsonDiagnostic } from '../code-frame.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

export async function runCheck(files: string[], format: 'text' | 'json', { io }: CommandContext): Promise<number> {
  const reader = new SourceReader(io);
  const all: Diagnostic[] = [];
  const json: JsonDiagnostic[] = [];
  let unreadable = false;
  let checked = 0;
  for (const file of files) {
    const source = await reader.read(file, 'formula');
    if (source === undefined) {
      unreadable = true;
      continue;
    }
    checked++;
    const analysis = analyzeFormula(source.text);
    all.push(...analysis.diagnostics);
    for (const d of analysis.diagnostics) {
      if (format === 'json') json.push(toJsonDiagnostic(source.name, analysis.lines, d));
      else io.stdout(formatDiagnostic(source.name, analysis.lines, d));
    }
  }
  if (format === 'json') io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  else io.stdout(`${summaryLine(all, checked)}\n`);
  if (unreadable) return EXIT_USAGE;
  return hasErrors(all) ? EXIT_FAILURE : EXIT_OK;
}
