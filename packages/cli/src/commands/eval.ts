// `autoscale eval FILE`: evaluates a formula with core's one evaluator and prints the service's
// results string, its AutoScaleRun JSON, or a readable summary.

import { Option, type Command } from 'commander';
import { formatDouble, formatValue, serviceErrorLine, type EvaluationResult } from '@autoscale/core';
import { addContextOptions, prepareFormula, type ContextOptions } from '../evaluation.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

type EvalFormat = 'results' | 'json' | 'text';

export function registerEval(program: Command, ctx: CommandContext): void {
  const command = program
    .command('eval')
    .summary('evaluate a formula as the Batch service would')
    .description('Evaluate a formula against an evaluation context and print what the Batch service would return.\n'
      + 'Formulas the checker rejects are still evaluated (the service does too); their errors are printed on stderr first.')
    .argument('<file>', 'formula file; "-" reads stdin');
  addContextOptions(command)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['results', 'json', 'text']).default('results'))
    .addHelpText('after', `
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
  echo '$TargetDedicatedNodes = 3;' | autoscale eval - --at 2026-01-05T10:00:00Z`)
    .action(async (file: string, options: ContextOptions & { format: EvalFormat }) => {
      ctx.setExitCode(await runEval(file, options, ctx));
    });
}

async function runEval(file: string, options: ContextOptions & { format: EvalFormat }, { io }: CommandContext): Promise<number> {
  const prepared = await prepareFormula(file, options, new SourceReader(io), io);
  if (typeof prepared === 'number') return prepared;
  const result = prepared.compiled.evaluate(prepared.context);
  io.stdout(render(result, options.format));
  // stdout carries exactly the results string; the error, which the service returns beside it, goes to stderr.
  if (options.format === 'results' && result.error) io.stderr(`${serviceErrorLine(result.error)}\n`);
  if (prepared.compiled.syntaxError !== undefined) return EXIT_USAGE;
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}

function render(result: EvaluationResult, format: EvalFormat): string {
  switch (format) {
    case 'results':
      return `${result.results}\n`;
    case 'json':
      return `${JSON.stringify({ results: result.results, error: result.error }, null, 2)}\n`;
    case 'text':
      return renderText(result);
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** A readable summary: what the targets are, what the pool would be resized to, and why. */
function renderText(result: EvaluationResult): string {
  const out: string[] = [];
  const { targets, applied } = result;
  if (result.error) {
    out.push(`error: ${result.error.code} (${result.error.message})`);
    for (const v of result.error.values) out.push(`  ${v.value}`);
    out.push(`The pool keeps its targets: ${applied.dedicated} dedicated, ${applied.lowPriority} low-priority nodes.`);
    return `${out.join('\n')}\n`;
  }
  out.push('targets:');
  out.push(`  $TargetDedicatedNodes   = ${formatDouble(targets.dedicated)}`);
  out.push(`  $TargetLowPriorityNodes = ${formatDouble(targets.lowPriority)}`);
  out.push(`  $NodeDeallocationOption = ${targets.deallocationOption}`);
  out.push(`applied: ${applied.dedicated} dedicated, ${applied.lowPriority} low-priority nodes (deallocation: ${targets.deallocationOption})`);
  if (result.stopped) out.push('stopped: stop() ended the evaluation early');
  out.push(result.variables.length === 0 ? 'variables: none' : 'variables:');
  for (const [name, value] of result.variables) out.push(`  ${name} = ${formatValue(value)}`);
  return `${out.join('\n')}\n`;
}
