// `autoscale check FILE...`: the checker's diagnostics as text with code frames, or as LSP-style
// JSON. Exit 1 when any file has an error.

import { Option, type Command } from 'commander';
import { analyzeFormula, hasErrors, type Diagnostic } from '@autoscale/core';
import { formatDiagnostic, summaryLine, toJsonDiagnostic, type JsonDiagnostic } from '../code-frame.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

export function registerCheck(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .summary('report syntax, type and lint diagnostics')
    .description('Parse and check formulas, reporting syntax errors, name and type errors, and lint warnings.')
    .argument('<file...>', 'formula files; "-" reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `
Output:
  text  file:line:col severity code message, the source line with the range underlined, and a summary
  json  [{"file", "code", "severity", "message", "range": {"start": {"line", "character"}, "end": ...}}]
        with 0-based lines and characters (LSP style)

Exit codes:
  0  no errors (warnings allowed)
  1  at least one error
  2  a file could not be read, or bad usage

Example:
  autoscale check pool.autoscale
  cat pool.autoscale | autoscale check --format json -`)
    .action(async (files: string[], options: { format: 'text' | 'json' }) => {
      ctx.setExitCode(await runCheck(files, options.format, ctx));
    });
}

async function runCheck(files: string[], format: 'text' | 'json', { io }: CommandContext): Promise<number> {
  const reader = new SourceReader(io);
  const all: Diagnostic[] = [];
  const json: JsonDiagnostic[] = [];
  let unreadable = false;
  let checked = 0;
  for (const file of files) {
    const source = await reader.read(file);
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
