// `autoscale test --watch` (commands/test.ts declares it): run the tests, then again whenever a
// test file (named, or appearing where the paths search) or a formula file a test names changes
// (watch/loop.ts). Refuses the formats whose report is one document per run (SARIF, JUnit on
// stdout); --junit FILE is rewritten after each run as without --watch.

import { resolve } from 'node:path';
import { TEST_FILE_SUFFIX } from '@autoscale/testing';
import type { TestOptions } from '../commands/test.ts';
import { EXIT_USAGE } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { watchRuns } from '../watch/loop.ts';
import { mergeTargets, searchTargets, type WatchTargets } from '../watch/targets.ts';
import { runTests } from './test.ts';

export async function watchTests(paths: string[], options: TestOptions, ctx: CommandContext): Promise<number> {
  const format = options.format ?? options.reporter;
  if (format === 'sarif' || format === 'junit') {
    ctx.io.stderr(
      `autoscale test: --watch cannot print --format ${format}: its report is one document, and a watch prints a ` +
        `report per run; use --format text, json or github${format === 'junit' ? ', and --junit FILE for the XML' : ''}\n`,
    );
    return EXIT_USAGE;
  }
  const cwd = process.cwd();
  const searched = (): WatchTargets => searchTargets(paths, cwd, (p) => p.endsWith(TEST_FILE_SUFFIX));
  return watchRuns(
    {
      run: async () => {
        const { result } = await runTests(paths, options, ctx);
        // The files the run read: each test file, and the formula file it names, even one that could not be read.
        const read = result.files.flatMap((f) => [
          resolve(cwd, f.file),
          ...(f.formulaFile === undefined ? [] : [f.formulaFile]),
        ]);
        return mergeTargets(searched(), { files: read, trees: [] });
      },
      fallback: searched,
    },
    ctx.io,
    cwd,
  );
}
