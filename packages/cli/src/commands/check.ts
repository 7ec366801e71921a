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
    )
    .option('--watch', 'after the check, check again whenever an input or autoscale.config.json changes, until Ctrl+C')
    .option('--bounds', 'also print the range each node target can take, whatever the metrics (text and json)');
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

Bounds (--bounds):
  For each formula without errors, the range each node target can take whatever the metrics say, as the
  service applies it (whole nodes, at least 0): "0 to 25 nodes", "0 or more nodes: no upper bound" (also
  warning AS4016), "not assigned: the pool's target stays as it is". In text after the file's diagnostics; in
  json the output becomes {"diagnostics": [...], "bounds": [{"file", "formula", "targets": [{"name",
  "assigned", "min", "max", "description"}]}]} (max null when unbounded, both null when not assigned).
  Not with --format sarif or github.

Watch mode (--watch):
  Checks, then checks again after each change (100 ms after the last of a burst) to a file named, a formula or
  host file appearing in a searched directory or pattern, or autoscale.config.json; a header with the time and
  the files changed, and "watching N files", go to stderr, so stdout carries the reports alone. A run that
  cannot read a file or the config is reported and the watch goes on. Ctrl+C (SIGINT) or SIGTERM ends it with
  exit code 0. Not with --format sarif (a SARIF log is one document) nor with stdin.

Exit codes:
  0  no errors (warnings allowed); with --watch, the watch was stopped
  1  at least one error
  2  a file could not be read, a path found no file, FILE#NAME names no pool, or bad usage

Examples:
  autoscale check pool.autoscale
  autoscale check infra/main.bicep#render --var maxNodes=20
  autoscale check                       (every formula and every pool formula in a host file, under .)
  autoscale check 'infra/**/*.bicep' --format github
  cat pool.autoscale | autoscale check --format json -
  autoscale check infra --watch
  autoscale check pool.autoscale --bounds`,
    )
    .action(
      async (files: string[], options: HostOptions & { format: CheckFormat; watch?: boolean; bounds?: boolean }) => {
        const values = options.var ?? new Map<string, string>();
        const bounds = options.bounds === true;
        if (bounds && (options.format === 'sarif' || options.format === 'github')) {
          ctx.io.stderr(
            `autoscale: --bounds prints ranges in text or json output, not in --format ${options.format}\n`,
          );
          ctx.setExitCode(2);
          return;
        }
        const checkOptions = { format: options.format, host: options.host, values, bounds };
        if (options.watch === true) {
          const { watchCheck } = await import('../actions/watch-check.ts');
          ctx.setExitCode(await watchCheck(files, checkOptions, ctx));
          return;
        }
        const { runCheck } = await import('../actions/check.ts');
        ctx.setExitCode(await runCheck(files, checkOptions, ctx));
      },
    );
}
