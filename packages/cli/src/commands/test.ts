// `autoscale test [PATH...]`: its options and help. Running the tests is @autoscale/testing's
// runSuite, called from actions/test.ts, which is loaded only when the command runs.

import { InvalidArgumentError, Option, type Command } from 'commander';
// The light entry: start-up loads none of the test runner.
import { REPORTERS, type ReporterName } from '@autoscale/testing/options';
import type { CommandContext } from '../program.ts';

/** What `--format` offers: the test runner's reporters, and the CI formats `check` has too. */
export const TEST_FORMATS = [...REPORTERS, 'sarif', 'github'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

export interface TestOptions {
  run?: RegExp;
  /** --format, else --reporter (its older name, for the runner's own reporters). */
  format?: TestFormat;
  reporter: ReporterName;
  junit?: string;
  coverage?: boolean;
  minCoverage?: number;
  watch?: boolean;
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
    .addOption(new Option('-f, --format <format>', 'output on stdout (default: text)').choices([...TEST_FORMATS]))
    .addOption(
      new Option('--reporter <name>', 'the same as --format, for text, json and junit')
        .choices([...REPORTERS])
        .default('text')
        .conflicts('format'),
    )
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
    .option(
      '--watch',
      'after the run, run again whenever a test file, a formula it tests or a searched directory changes, until Ctrl+C',
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

Formats (--format; --reporter is its older name for the first three):
  text    each test as it finishes (a failure shows, per variable, expected and got, the results string and
          file:line), then the line "N passed, N failed" (", N files could not be loaded" when some
          could not); coverage (--coverage) before that line
  json    one JSON document: summary, files, tests, steps (results, error, mismatches), load errors, coverage
  junit   JUnit XML (one testsuite per file)
  sarif   a SARIF 2.1.0 log for code scanning: each failing test (each failing step) a result at its line in the
          test file, rules wrong-value, wrong-error, evaluation-error and unusable-test-file; an evaluation error
          of the formula is its AS3xxx code at the formula's line, a formula that does not parse its AS1xxx code
  github  GitHub Actions workflow commands (::error file=...,line=...,col=...::), the same results as annotations;
          paths that found nothing and coverage below --min-coverage as annotations of the run
  With json, junit, sarif and github, --coverage prints the coverage text on stderr.

Watch mode (--watch):
  Runs the tests, then again after each change (100 ms after the last of a burst) to a test file, a formula
  file a test names, or a file appearing in a searched directory or pattern; a header with the time and the
  files changed, and "watching N files", go to stderr. A run that fails or cannot read its files is reported
  and the watch goes on. Ctrl+C (SIGINT) or SIGTERM ends it with exit code 0. Not with --format sarif or junit,
  each of which is one document per run; --junit FILE is rewritten after each run.

Exit codes:
  0  every test passed; with --watch, the watch was stopped
  1  a test failed, or branch coverage is below --min-coverage
  2  unusable input: a test file with a mistake (reported as file:line:col), a formula that does not parse or
     cannot be read, a path that finds no test file, no test selected, a --junit file that cannot be written, bad usage

Example:
  autoscale test examples/tests
  autoscale test 'infra/**/*.autoscale-test.yaml' --coverage --min-coverage 80 --junit reports/autoscale.xml
  autoscale test --format sarif > autoscale-tests.sarif
  autoscale test examples/tests --watch`,
    )
    .action(async (paths: string[], options: TestOptions) => {
      if (options.watch === true) {
        const { watchTests } = await import('../actions/watch-test.ts');
        ctx.setExitCode(await watchTests(paths, options, ctx));
        return;
      }
      const { runTests } = await import('../actions/test.ts');
      ctx.setExitCode((await runTests(paths, options, ctx)).code);
    });
}
