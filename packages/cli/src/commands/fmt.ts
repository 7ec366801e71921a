// `autoscale fmt FILE...`: core's formatter from the command line. Prints the formatted text, or
// lists the files that would change (--check), or rewrites them in place (--write). A file with
// syntax errors is reported like `check` does and never touched.

import { Option, type Command } from 'commander';
import { formatFormula, LineMap } from '@autoscale/core';
import { fileErrorReason, writeFileAtomic } from '@autoscale/node-io';
import { formatDiagnostic } from '../code-frame.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader, STDIN } from '../io.ts';
import type { CommandContext } from '../program.ts';

interface FmtOptions {
  check?: boolean;
  write?: boolean;
}

export function registerFmt(program: Command, ctx: CommandContext): void {
  program
    .command('fmt')
    .summary('format formulas in the one canonical layout')
    .description('Format formulas: one statement per line, single spaces around operators, comments kept.\n'
      + 'A file with syntax errors is reported and left untouched.')
    .argument('<file...>', 'formula files; "-" reads stdin (not with --write)')
    .addOption(new Option('--check', 'print the names of files that are not formatted, change nothing').conflicts('write'))
    .addOption(new Option('-w, --write', 'rewrite files that are not formatted, in place (atomically), and print their names'))
    .addHelpText('after', `
Without --check or --write the formatted text of every file is printed on stdout.

Exit codes:
  0  done (with --check: every file is already formatted)
  1  with --check: some files would be reformatted
  2  a file has syntax errors (it is not changed), a file could not be read or written, or bad usage

Example:
  autoscale fmt pool.autoscale
  autoscale fmt --check formulas/*.autoscale
  autoscale fmt --write pool.autoscale`)
    .action(async (files: string[], options: FmtOptions) => {
      ctx.setExitCode(await runFmt(files, options, ctx));
    });
}

async function runFmt(files: string[], options: FmtOptions, { io }: CommandContext): Promise<number> {
  if (options.write === true && files.includes(STDIN)) {
    io.stderr('autoscale: fmt --write cannot rewrite stdin; leave out --write to print the formatted text\n');
    return EXIT_USAGE;
  }
  const reader = new SourceReader(io);
  let failed = false;
  let unformatted = false;
  for (const file of files) {
    const source = await reader.read(file);
    if (source === undefined) {
      failed = true;
      continue;
    }
    const formatted = formatFormula(source.text);
    if (!formatted.ok) {
      failed = true;
      const lines = new LineMap(source.text);
      for (const d of formatted.diagnostics) io.stderr(formatDiagnostic(source.name, lines, d));
      io.stderr(`autoscale: ${source.name} not formatted: it has syntax errors\n`);
      continue;
    }
    if (options.check === true) {
      if (formatted.changed) {
        unformatted = true;
        io.stdout(`${source.name}\n`);
      }
    } else if (options.write === true) {
      if (!formatted.changed) continue;
      try {
        await writeFileAtomic(file, (source.bom ? '\uFEFF' : '') + formatted.text);
        io.stdout(`${source.name}\n`);
      } catch (err) {
        failed = true;
        io.stderr(`autoscale: cannot write ${source.name}: ${fileErrorReason(err)}\n`);
      }
    } else {
      io.stdout(formatted.text);
    }
  }
  if (failed) return EXIT_USAGE;
  return unformatted ? EXIT_FAILURE : EXIT_OK;
}
