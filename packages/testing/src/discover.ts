// Finds the test files a run covers: named files, directories (searched for *.autoscale-test.yaml)
// and glob patterns, or with no paths the working directory (node-io's discoverFiles, which
// `check` and `fmt` use too). Problems come back as messages; nothing here throws on user input.

import { discoverFiles } from '@autoscale/node-io';

export const TEST_FILE_SUFFIX = '.autoscale-test.yaml';

export interface Discovered {
  /** Test files, as paths relative to `cwd` when found by search, else as given; no duplicates. */
  files: string[];
  /** One message per path that found nothing or could not be read. */
  errors: string[];
}

const TEST_FILES = {
  accepts: (path: string) => path.endsWith(TEST_FILE_SUFFIX),
  description: `test files (*${TEST_FILE_SUFFIX})`,
};

/**
 * Resolves the command line's paths. No paths means every test file under `cwd`. A glob keeps the
 * test files among its matches (and searches the directories it matches), so `'examples/**'` works.
 */
export async function discoverTestFiles(paths: readonly string[], cwd: string): Promise<Discovered> {
  const { files, errors } = await discoverFiles(paths, cwd, TEST_FILES);
  return { files: files.map((f) => f.path), errors };
}
