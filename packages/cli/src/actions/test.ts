// What `autoscale test` does (commands/test.ts declares it): the options become
// @autoscale/testing's runSuite, which finds, loads, runs and reports.

import { runSuite } from '@autoscale/testing';
import type { TestOptions } from '../commands/test.ts';
import type { CommandContext } from '../program.ts';

export async function runTests(paths: string[], options: TestOptions, ctx: CommandContext): Promise<number> {
  const { exitCode } = await runSuite(
    {
      paths,
      cwd: process.cwd(),
      reporter: options.reporter,
      ...(options.run !== undefined ? { run: options.run } : {}),
      ...(options.junit !== undefined ? { junit: options.junit } : {}),
      ...(options.coverage === true ? { coverage: true } : {}),
      ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
    },
    { stdout: (s) => ctx.io.stdout(s), stderr: (s) => ctx.io.stderr(s) },
  );
  return exitCode;
}
