// What `autoscale explain` does (commands/explain.ts declares it): evaluates with a trace and
// prints, per statement, what it assigned and which branch of each ?: it took.

import { serviceErrorLine, traceLines } from '@autoscale/core';
import type { ContextOptions } from '../commands/context-options.ts';
import { prepareFormula } from '../evaluation.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

export async function runExplain(file: string, options: ContextOptions, { io }: CommandContext): Promise<number> {
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
