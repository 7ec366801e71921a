// `autoscale test [PATH...]`: its options and help. Running the tests is @autoscale/testing's
// runSuite, called from actions/test.ts, which is loaded only when the command runs.

import { InvalidArgumentError, Option, type Command } from 'commander';
// The light entry: start-up loads none of the test runner.
import { REPORTERS, type ReporterName } from '@autoscale/testing/options';
import type { CommandContext } from '../program.ts';

export interface TestOptions {
  run?: RegExp;
  reporter: ReporterName;
  junit?: string;
  coverage?: boolean;
  minCoverage?: number;
}

function parseRegex(value: string): RegExp {
  try {
    return new RegExp(value);
  } catch (err) {
    throw new InvalidArgumentError(`not a regular expression: ${(err as Error).message}`);
  }
}

function parsePercent(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError(`"${value}" is not a percentage from 0 to 100`);
  return n;
}

export function registerTest(program: Command, ctx: CommandContext): void {
  program
    .command('test')
    .summary('run formula unit tests (*.autoscale-test.yaml)')
    .description(
      'Run formula unit tests: each test evaluates the formula at a pinned instant with a pool state and metric series, ' +
        'and compares the results (or the error) with what it expects. Prints each test as it runs and a summary line last.',
    )
    .argument(
      '[paths...]',
      'test files, directories (searched for *.autoscale-test.yaml) and globs; default: every test file under the current directory, skipping node_modules and .git',
    )
    .option('--run <regex>', 'run only the tests whose name matches this regular expression', parseRegex)
    .addOption(new Option('--reporter <name>', 'output on stdout').choices([...REPORTERS]).default('text'))
    .option('--junit <file>', 'also write a JUnit XML report to this file (written atomically)')
    .option(
      '--coverage',
      'print which statements ran, which way each ?: went and which operands of && and || decided them, per formula, and the uncovered lines',
    )
    .option(
      '--min-coverage <percent>',
      'fail (exit 1) when branch coverage over all tested formulas is below this percentage',
      parsePercent,
    )
    .addHelpText(
      'after',
      `
Test file format: see packages/testing/test-file.schema.json and the README; for example
  formula: ../formulas/pending-tasks.autoscale
  tests:
    - name: scales out on a backlog
      at: 2026-01-05T10:00:00Z
      series: { $PendingTasks: "0x20 40+5x39" }
      expect: { $TargetDedicatedNodes: 25 }

Reporters:
  text   each test as it finishes (a failure shows, per variable, expected and got, the results string and
         file:line), then the line "N passed, N failed" (", N files could not be loaded" when some
         could not); coverage (--coverage) before that line
  json   one JSON document: summary, files, tests, steps (results, error, mismatches), load errors, coverage
  junit  JUnit XML (one testsuite per file); with --coverage the coverage text goes to stderr

Exit codes:
  0  every test passed
  1  a test failed, or branch coverage is below --min-coverage
  2  unusable input: a test file with a mistake (reported as file:line:col), a formula that does not parse or
     cannot be read, a path that finds no test file, no test selected, a --junit file that cannot be written, bad usage

Example:
  autoscale test examples/tests
  autoscale test 'infra/**/*.autoscale-test.yaml' --coverage --min-coverage 80 --junit reports/autoscale.xml`,
    )
    .action(async (paths: string[], options: TestOptions) => {
      const { runTests } = await import('../actions/test.ts');
      ctx.setExitCode(await runTests(paths, options, ctx));
    });
}
