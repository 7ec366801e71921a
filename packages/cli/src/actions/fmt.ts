// What `autoscale fmt` does (commands/fmt.ts declares it): core's formatter; prints the formatted
// text, lists what would change (--check), or rewrites files in place (--write). Paths may be
// directories and glob patterns, as for check. A formula inside a host file (ARM, Bicep,
// Terraform, pool JSON) is checked and printed as `FILE#NAME`, but not rewritten: writing it back
// would need the host's own escaping. A formula with syntax errors is reported like `check` does
// and never touched.

import { type EmbeddedFormula, embeddedDiagnostics, analyzeFormula, formatFormula } from '@autoscale/core';
import { fileErrorReason, writeFileAtomic } from '@autoscale/node-io';
import { formatDiagnostic } from '../code-frame.ts';
import type { FmtOptions } from '../commands/fmt.ts';
import { type HostInput, readHostInput } from '../host-input.ts';
import { projectConfig, projectInputs } from '../project.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader, STDIN } from '../io.ts';
import type { CommandContext } from '../program.ts';

/** How one file went: unusable (exit 2), would change (exit 1 with --check), or fine. */
type Outcome = 'failed' | 'unformatted' | 'ok';

export async function runFmt(paths: string[], options: FmtOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  if (options.write === true && paths.includes(STDIN)) {
    io.stderr('autoscale: fmt --write cannot rewrite stdin; leave out --write to print the formatted text\n');
    return EXIT_USAGE;
  }
  const reader = new SourceReader(io);
  const config = projectConfig(io);
  if (config === undefined) return EXIT_USAGE;
  const { specs, errors } = await projectInputs(paths, config);
  for (const error of errors) io.stderr(`autoscale: ${error}\n`);
  const outcomes: Outcome[] = errors.length > 0 ? ['failed'] : [];
  for (const spec of specs) {
    const input = await readHostInput(reader, spec, 'auto', new Map());
    if (input === undefined) {
      outcomes.push('failed');
      continue;
    }
    if (input.host.kind === 'formula') outcomes.push(await formatFile(input, options, ctx));
    else if (spec.searched !== true || input.host.formulas.length > 0)
      outcomes.push(formatEmbedded(input, options, ctx));
  }
  if (outcomes.includes('failed')) return EXIT_USAGE;
  return outcomes.includes('unformatted') ? EXIT_FAILURE : EXIT_OK;
}

/** Formats a plain formula file. */
async function formatFile(input: HostInput, options: FmtOptions, { io }: CommandContext): Promise<Outcome> {
  const { source } = input;
  const formatted = formatFormula(source.text);
  if (!formatted.ok) {
    for (const d of formatted.diagnostics) io.stderr(formatDiagnostic(source.name, input.host.lines, d));
    io.stderr(`autoscale: ${source.name} not formatted: it has syntax errors\n`);
    return 'failed';
  }
  if (options.check === true) {
    if (!formatted.changed) return 'ok';
    io.stdout(`${source.name}\n`);
    return 'unformatted';
  }
  if (options.write !== true) {
    io.stdout(formatted.text);
    return 'ok';
  }
  if (!formatted.changed) return 'ok';
  try {
    await writeFileAtomic(source.file, (source.bom ? '\uFEFF' : '') + formatted.text);
    io.stdout(`${source.name}\n`);
    return 'ok';
  } catch (err) {
    io.stderr(`autoscale: cannot write ${source.name}: ${fileErrorReason(err)}\n`);
    return 'failed';
  }
}

/** Checks or prints the formulas of a host file; --write leaves it alone and says why. */
function formatEmbedded(input: HostInput, options: FmtOptions, { io }: CommandContext): Outcome {
  const { source, host } = input;
  if (input.problem !== undefined || host.formulas.length === 0) {
    for (const d of host.problems) io.stderr(formatDiagnostic(source.name, host.lines, d));
    if (input.problem !== undefined) io.stderr(`autoscale: ${input.problem}\n`);
    return 'failed';
  }
  if (options.write === true) {
    io.stderr(
      `autoscale: ${source.name}: fmt --write does not rewrite formulas inside ARM, Bicep, Terraform or pool JSON files; ` +
        'use --check, or print the formatted formula and paste it\n',
    );
    return 'failed';
  }
  let outcome: Outcome = 'ok';
  for (const formula of input.formulas) {
    const name = formulaName(source.name, formula);
    const formatted = formatFormula(formula.text);
    if (!formatted.ok) {
      for (const d of embeddedDiagnostics(formula, analyzeFormula(formula.text)))
        if (d.severity === 'error') io.stderr(formatDiagnostic(source.name, host.lines, d));
      io.stderr(`autoscale: ${name} not formatted: it has syntax errors\n`);
      outcome = 'failed';
    } else if (options.check === true) {
      if (formatted.changed) {
        io.stdout(`${name}\n`);
        if (outcome === 'ok') outcome = 'unformatted';
      }
    } else {
      io.stdout(`// ${name}\n${formatted.text}`);
    }
  }
  return outcome;
}

function formulaName(file: string, formula: EmbeddedFormula): string {
  return formula.name === '' ? file : `${file}#${formula.name}`;
}
