// What `autoscale eval` does (commands/eval.ts declares it): evaluates a formula with core's one
// evaluator and prints the service's results string, its AutoScaleRun JSON, or a readable summary.

import {
  compareWithRecorded,
  type EvaluationResult,
  type FormulaAnalysis,
  formatDouble,
  formatTimestamp,
  formatValue,
  type RecordedRun,
  registry,
  serviceErrorLine,
} from '@autoscale/core';
import type { ContextOptions } from '../commands/context-options.ts';
import type { EvalFormat } from '../commands/eval.ts';
import { prepareFormula } from '../evaluation.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

export async function runEval(
  file: string,
  options: ContextOptions & { format: EvalFormat },
  { io }: CommandContext,
): Promise<number> {
  const prepared = await prepareFormula(file, options, new SourceReader(io), io);
  if (typeof prepared === 'number') return prepared;
  const result = prepared.compiled.evaluate(prepared.context);
  io.stdout(render(result, options.format));
  // stdout carries exactly the results string; the error, which the service returns beside it, goes to stderr.
  if (options.format === 'results' && result.error) io.stderr(`${serviceErrorLine(result.error)}\n`);
  if (prepared.recorded !== undefined) {
    const comparison = comparisonText(result, prepared.recorded, readsMetrics(prepared.analysis));
    if (options.format === 'text') io.stdout(comparison);
    else io.stderr(comparison);
  }
  if (prepared.compiled.syntaxError !== undefined) return EXIT_USAGE;
  return result.ok ? EXIT_OK : EXIT_FAILURE;
}

/** Whether the formula reads a sampled metric (which pool JSON holds no samples of). */
function readsMetrics(analysis: FormulaAnalysis): boolean {
  return analysis.analysis.references.some((r) => r.kind === 'service' && registry.variable(r.name)?.sampled === true);
}

/** The evaluation set beside the service's recorded one (pool JSON's autoScaleRun). */
function comparisonText(result: EvaluationResult, recorded: RecordedRun, metrics: boolean): string {
  const when = recorded.evaluatedAt === undefined ? '' : ` of ${formatTimestamp(recorded.evaluatedAt)}`;
  const { agrees, differences } = compareWithRecorded(result.results, result.error, recorded);
  if (agrees) return `agrees with the pool's recorded evaluation${when}\n`;
  const lines = [`differs from the pool's recorded evaluation${when}:`, ...differences.map((d) => `  ${d}`)];
  if (metrics)
    lines.push('  (the formula reads metrics, and pool JSON holds no samples: give them with --context to compare)');
  return `${lines.join('\n')}\n`;
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
  out.push(
    `applied: ${applied.dedicated} dedicated, ${applied.lowPriority} low-priority nodes (deallocation: ${targets.deallocationOption})`,
  );
  if (result.stopped) out.push('stopped: stop() ended the evaluation early');
  out.push(result.variables.length === 0 ? 'variables: none' : 'variables:');
  for (const [name, value] of result.variables) out.push(`  ${name} = ${formatValue(value)}`);
  return `${out.join('\n')}\n`;
}
