// `autoscale explain FILE`: its options and help. What it does (a trace: per statement, what it
// assigned and which branch of each ?: it took) is actions/explain.ts, loaded only when it runs.

import type { Command } from 'commander';
import type { CommandContext } from '../program.ts';
import { addContextOptions, type ContextOptions } from './context-options.ts';

export function registerExplain(program: Command, ctx: CommandContext): void {
  const command = program
    .command('explain')
    .summary('evaluate a formula and show what each statement did')
    .description(
      'Evaluate a formula and print a trace: one line per statement with the value it assigned and the branch each ?: took.',
    )
    .argument(
      '<file>',
      'formula file, or a host file (ARM, pool JSON, Bicep, Terraform; FILE#NAME picks a pool); "-" reads stdin',
    );
  addContextOptions(command)
    .addHelpText(
      'after',
      `
Output, one line per statement, then the results string (or the error):
  L<line>  <target> = <value>  (? at L:C took then|else, condition=<value>)
  L<line>  <target>  failed: Line L, Col C: <message>
  L<line>  <target>  not run            (after a stop() or an error)

Exit codes:
  0  evaluated
  1  the evaluation failed
  2  the formula does not parse, a bad context file, an unreadable file, or bad usage

Example:
  autoscale explain pool.autoscale --context pool-busy.json`,
    )
    .action(async (file: string, options: ContextOptions) => {
      const { runExplain } = await import('../actions/explain.ts');
      ctx.setExitCode(await runExplain(file, options, ctx));
    });
}
