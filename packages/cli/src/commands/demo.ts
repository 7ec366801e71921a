// `autoscale demo` (what `npm start` runs): checks and evaluates every bundled example formula,
// examples/formulas/NAME.autoscale, with examples/contexts/NAME.json when there is one.

import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { analyzeFormula, compileFormula, hasErrors, makeContext } from '@autoscale/core';
import { summaryLine } from '../code-frame.ts';
import { errorLine, loadContext } from '../evaluation.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readFailureReason, SourceReader } from '../io.ts';
import type { CommandContext } from '../program.ts';

/** The repository root, found from this file's place in packages/cli/src/commands/. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Without a context file an example is evaluated at this instant (a Monday), default pool, no metrics. */
export const DEMO_INSTANT = Date.UTC(2026, 0, 5, 10, 0, 0);

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .summary('check and evaluate the bundled examples')
    .description('Check and evaluate every examples/formulas/*.autoscale, with examples/contexts/NAME.json as its context when present\n'
      + '(otherwise 2026-01-05T10:00:00Z, a default pool and no metrics). What `npm start` runs.')
    .addHelpText('after', `
Exit codes:
  0  every example checks without errors and evaluates
  1  an example has errors or its evaluation fails
  2  the examples or a context file could not be read

Example:
  autoscale demo`)
    .action(async () => {
      ctx.setExitCode(await runDemo(ctx));
    });
}

async function runDemo({ io }: CommandContext): Promise<number> {
  const formulas = join(REPO_ROOT, 'examples', 'formulas');
  let names: string[];
  try {
    names = (await readdir(formulas)).filter((n) => n.endsWith('.autoscale')).sort();
  } catch (err) {
    io.stderr(`autoscale: cannot read ${formulas}: ${readFailureReason(err)}\n`);
    return EXIT_USAGE;
  }
  const reader = new SourceReader(io);
  let code = EXIT_OK;
  for (const name of names) {
    const formula = await reader.read(join(formulas, name));
    if (formula === undefined) return EXIT_USAGE;
    const contextFile = join(REPO_ROOT, 'examples', 'contexts', `${name.slice(0, -'.autoscale'.length)}.json`);
    let context = makeContext({ now: DEMO_INSTANT });
    let contextLabel = 'default context at 2026-01-05T10:00:00Z';
    if (existsSync(contextFile)) {
      const source = await reader.read(contextFile);
      const loaded = source === undefined ? undefined : loadContext({ ...source, name: relative(REPO_ROOT, contextFile) }, {}, io);
      if (loaded === undefined) return EXIT_USAGE;
      context = loaded;
      contextLabel = `context ${relative(REPO_ROOT, contextFile)}`;
    }
    const analysis = analyzeFormula(formula.text);
    const result = compileFormula(formula.text, analysis.parsed).evaluate(context);
    io.stdout(`${relative(REPO_ROOT, join(formulas, name))}: ${summaryLine(analysis.diagnostics, 1).replace(/ in 1 file$/, '')} (${contextLabel})\n`);
    io.stdout(`  ${result.results}\n`);
    if (result.error) io.stdout(`  ${errorLine(result.error)}\n`);
    if (hasErrors(analysis.diagnostics) || !result.ok) code = EXIT_FAILURE;
  }
  return code;
}
