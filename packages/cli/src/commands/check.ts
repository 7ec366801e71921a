// `autoscale check FILE...`: its options and help. What it does is actions/check.ts, loaded only
// when the command runs.

import { type Command, Option } from 'commander';
import type { CommandContext } from '../program.ts';
import { addHostOptions, type HostOptions } from './host-options.ts';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';

export function registerCheck(program: Command, ctx: CommandContext): void {
  const command = program
    .command('check')
    .summary('report syntax, type and lint diagnostics')
    .description(
      'Parse and check formulas, reporting syntax errors, name and type errors, and lint warnings. A file may be a ' +
        "formula, or an ARM template, pool JSON, Bicep or Terraform file holding pools' formulas: each is checked " +
        "and reported at the file's own line and column.",
    )
    .argument(
      '[path...]',
      'formula or host files, directories (searched for *.autoscale, *.json, *.bicep, *.tf, skipping node_modules ' +
        'and .git) or glob patterns; "-" reads stdin; FILE#NAME picks the pool NAME of a host file (default: .)',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'),
    );
  addHostOptions(command)
    .addHelpText(
      'after',
      `
Files:
  *.autoscale (or anything else)   a formula
  *.json                           an ARM template (resources of type Microsoft.Batch/batchAccounts/pools),
                                   a REST body (properties.scaleSettings.autoScale.formula) or pool JSON
                                   (autoScaleFormula, as az batch pool show prints it)
  *.bicep                          scaleSettings: { autoScale: { formula: ... } } of each pool resource
  *.tf                             auto_scale { formula = ... } of each azurerm_batch_pool
  Host-language interpolation (\${var.x}, \${x}, [parameters('x')]) is a placeholder: give it a value with
  --var NAME=VALUE (for \${var.x}, NAME is var.x or x), or it is reported (AS5002).

Output:
  text    file:line:col severity code message, the source line with the range underlined, and a summary;
          coloured on a terminal (NO_COLOR=1 turns colour off, FORCE_COLOR=1 on)
  json    [{"file", "code", "severity", "message", "range": {"start": {"line", "character"}, "end": ...}}]
          with 0-based lines and characters (LSP style)
  sarif   a SARIF 2.1.0 log for code scanning (GitHub, Azure DevOps): every AS code as a rule, 1-based regions
  github  GitHub Actions workflow commands (::error file=...,line=...,col=...::), shown as pull request annotations

Exit codes:
  0  no errors (warnings allowed)
  1  at least one error
  2  a file could not be read, a path found no file, FILE#NAME names no pool, or bad usage

Examples:
  autoscale check pool.autoscale
  autoscale check infra/main.bicep#render --var maxNodes=20
  autoscale check                       (every formula and every pool formula in a host file, under .)
  autoscale check 'infra/**/*.bicep' --format github
  cat pool.autoscale | autoscale check --format json -`,
    )
    .action(async (files: string[], options: HostOptions & { format: CheckFormat }) => {
      const { runCheck } = await import('../actions/check.ts');
      const values = options.var ?? new Map<string, string>();
      ctx.setExitCode(await runCheck(files, { format: options.format, host: options.host, values }, ctx));
    });
}
