// What `autoscale test` does (commands/test.ts declares it): the options become
// @autoscale/testing's runSuite, which finds, loads, runs and reports.

import { runSuite, type Verdict } from '@autoscale/testing';
import type { TestOptions } from '../commands/test.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../io.ts';
import type { CommandContext } from '../program.ts';

/** `autoscale test`'s exit codes, as its --help documents them. */
const EXIT_CODES: Record<Verdict, number> = { passed: EXIT_OK, failed: EXIT_FAILURE, unusable: EXIT_USAGE };

export async function runTests(paths: string[], options: TestOptions, ctx: CommandContext): Promise<number> {
  const { verdict } = await runSuite(
    {
      paths,
      cwd: process.cwd(),
      reporter: options.reporter,
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
  return EXIT_CODES[verdict];
}
