// `autoscale explain FILE`: evaluates with a trace and prints, per statement, what it assigned
// and which branch of each ?: it took; statements after a stop() or an error are marked not run.

import type { Command } from 'commander';
import { serviceErrorLine, traceLines } from '@autoscale/core';
import { addContextOptions, prepareFormula, type ContextOptions } from '../evaluation.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

export function registerExplain(program: Command, ctx: CommandContext): void {
  const command = program
    .command('explain')
    .summary('evaluate a formula and show what each statement did')
    .description('Evaluate a formula and print a trace: one line per statement with the value it assigned and the branch each ?: took.')
    .argument('<file>', 'formula file; "-" reads stdin');
  addContextOptions(command)
    .addHelpText('after', `
Output, one line per statement, then the results string (or the error):
  L<line>  <target> = <value>  (? at L:C took then|else, condition=<value>)
  L<line>  <target>  failed: Line L, Col C: <message>
  L<line>  <target>  not run            (after a stop() or an error)

Exit codes:
  0  evaluated
  1  the evaluation failed
  2  the formula does not parse, a bad context file, an unreadable file, or bad usage

Example:
  autoscale explain pool.autoscale --context pool-busy.json`)
    .action(async (file: string, options: ContextOptions) => {
      ctx.setExitCode(await runExplain(file, options, ctx));
    });
}

async function runExplain(file: string, options: ContextOptions, { io }: CommandContext): Promise<number> {
  const prepared = await prepareFormula(file, options, new SourceReader(io), io);
  if (typeof prepared === 'number') return prepared;
  const { compiled } = prepared;
  const result = compiled.evaluate(prepared.context, { trace: true });
  // A formula that does not parse runs no statement; its error below says why.
  const out = traceLines(compiled, result);
  if (result.error) out.push(`error: ${serviceErrorLine(result.error)}`);
  else out.push(`results: ${result.results}`);
  io.stdout(`${out.join('\n')}\n`);
  if (compiled.syntaxError !== undefined) return EXIT_USAGE;
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}
