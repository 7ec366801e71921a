// `autoscale check FILE...`: its options and help. What it does is actions/check.ts, loaded only
// when the command runs.

import { Option, type Command } from 'commander';
import type { CommandContext } from '../program.ts';

export function registerCheck(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .summary('report syntax, type and lint diagnostics')
    .description('Parse and check formulas, reporting syntax errors, name and type errors, and lint warnings.')
    .argument('<file...>', 'formula files; "-" reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
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
  cat pool.autoscale | autoscale check --format json -`,
    )
    .action(async (files: string[], options: { format: 'text' | 'json' }) => {
      const { runCheck } = await import('../actions/check.ts');
      ctx.setExitCode(await runCheck(files, options.format, ctx));
    });
}
