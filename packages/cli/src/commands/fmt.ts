// `autoscale fmt FILE...`: its options and help. What it does is actions/fmt.ts, loaded only when
// the command runs.

import { Option, type Command } from 'commander';
import type { CommandContext } from '../program.ts';

export interface FmtOptions {
  check?: boolean;
  write?: boolean;
}

export function registerFmt(program: Command, ctx: CommandContext): void {
  program
    .command('fmt')
    .summary('format formulas in the one canonical layout')
    .description(
      'Format formulas: one statement per line, single spaces around operators, comments kept.\n' +
        'A file with syntax errors is reported and left untouched.',
    )
    .argument(
      '[path...]',
      'formula files, directories or glob patterns (as for check; default: .); "-" reads stdin (not with --write); ' +
        'the formulas in ARM, Bicep, Terraform and pool JSON files are checked and printed, not rewritten',
    )
    .addOption(
      new Option('--check', 'print the names of files that are not formatted, change nothing').conflicts('write'),
    )
    .addOption(
      new Option('-w, --write', 'rewrite files that are not formatted, in place (atomically), and print their names'),
    )
    .addHelpText(
      'after',
      `
Without --check or --write the formatted text of every file is printed on stdout (a host file's formulas
each after a // FILE#NAME line). --check names a host file's formula as FILE#NAME.

Exit codes:
  0  done (with --check: every file is already formatted)
  1  with --check: some files would be reformatted
  2  a file has syntax errors (it is not changed), a file could not be read or written, a path found no file,
     --write on a host file, or bad usage

Example:
  autoscale fmt pool.autoscale
  autoscale fmt --check formulas/*.autoscale
  autoscale fmt --check .                   (every formula, also those inside ARM, Bicep and Terraform files)
  autoscale fmt --write pool.autoscale`,
    )
    .action(async (files: string[], options: FmtOptions) => {
      const { runFmt } = await import('../actions/fmt.ts');
      ctx.setExitCode(await runFmt(files, options, ctx));
    });
}
