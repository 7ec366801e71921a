// `autoscale eval FILE`: its options and help. What it does is actions/eval.ts, loaded only when
// the command runs.

import { Option, type Command } from 'commander';
import type { CommandContext } from '../program.ts';
import { addContextOptions, type ContextOptions } from './context-options.ts';

export type EvalFormat = 'results' | 'json' | 'text';

export function registerEval(program: Command, ctx: CommandContext): void {
  const command = program
    .command('eval')
    .summary('evaluate a formula as the Batch service would')
    .description(
      'Evaluate a formula against an evaluation context and print what the Batch service would return.\n' +
        'Formulas the checker rejects are still evaluated (the service does too); their errors are printed on stderr first.',
    )
    .argument(
      '<file>',
      'formula file, or a host file (ARM, pool JSON, Bicep, Terraform; FILE#NAME picks a pool); "-" reads stdin',
    );
  addContextOptions(command)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['results', 'json', 'text']).default('results'),
    )
    .addHelpText(
      'after',
      `
Without --context the formula is evaluated at --at (or now) with a default pool (0 nodes) and no metric samples.

Output:
  results  the service's results string, e.g. $TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue
           (after an error, the error goes to stderr as CODE: Line L, Col C: message)
  json     {"results": "...", "error": null | {"code", "message", "values": [{"name", "value"}]}}, as the service's AutoScaleRun
  text     targets, the node counts the pool would be resized to, variables, error

Exit codes:
  0  evaluated
  1  the evaluation failed (an error like the service's AutoScalingFormulaEvaluationError or InsufficientSampleData)
  2  the formula does not parse (the output still carries the AutoScalingFormulaSyntaxError),
     a bad context file, an unreadable file, or bad usage

Example:
  autoscale eval pool.autoscale --context pool-busy.json --format json
  echo '$TargetDedicatedNodes = 3;' | autoscale eval - --at 2026-01-05T10:00:00Z`,
    )
    .action(async (file: string, options: ContextOptions & { format: EvalFormat }) => {
      const { runEval } = await import('../actions/eval.ts');
      ctx.setExitCode(await runEval(file, options, ctx));
    });
}
