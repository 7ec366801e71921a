// What `autoscale test` does (commands/test.ts declares it): the options become
// @autoscale/testing's runSuite, which finds, loads, runs and reports; for --format sarif and
// github the suite prints no report and the result is rendered here (test-ci-formats.ts).

import { runSuite, type SuiteResult, type Verdict } from '@autoscale/testing';
import type { TestOptions } from '../commands/test.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { testGithubCommands, testSarifLog } from '../test-ci-formats.ts';
import { VERSION } from '../version.ts';

/** `autoscale test`'s exit codes, as its --help documents them. */
const EXIT_CODES: Record<Verdict, number> = { passed: EXIT_OK, failed: EXIT_FAILURE, unusable: EXIT_USAGE };

/** Runs the suite once: the exit code, and the result (what a watch needs to know which files to watch). */
export async function runTests(
  paths: string[],
  options: TestOptions,
  ctx: CommandContext,
): Promise<{ code: number; result: SuiteResult }> {
  const format = options.format ?? options.reporter;
  const ciFormat = format === 'sarif' || format === 'github';
  const { verdict, result } = await runSuite(
    {
      paths,
      cwd: process.cwd(),
      reporter: ciFormat ? 'none' : format,
      ...(options.run !== undefined ? { run: options.run } : {}),
      ...(options.junit !== undefined ? { junit: options.junit } : {}),
      ...(options.coverage === true ? { coverage: true } : {}),
      ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
    },
    {
      stdout: (s) => ctx.io.stdout(s),
      stderr: (s) => ctx.io.stderr(s),
      problem: (message) => ctx.io.stderr(`autoscale test: ${message}\n`),
    },
  );
  if (format === 'sarif') ctx.io.stdout(`${JSON.stringify(testSarifLog(result, VERSION), null, 2)}\n`);
  else if (format === 'github') ctx.io.stdout(testGithubCommands(result));
  return { code: EXIT_CODES[verdict], result };
}
