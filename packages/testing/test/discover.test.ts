// Finding test files: named files (any name), directories searched for *.autoscale-test.yaml,
// globs, the working directory when no path is given, node_modules and .git skipped, and a
// message for each path that finds nothing.

import { symlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverTestFiles } from '@autoscale/testing';
import { TempDir } from './support.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());
for (const name of [
  'a.autoscale-test.yaml',
  'infra/pool.autoscale-test.yaml',
  'infra/deep/er/night.autoscale-test.yaml',
  'infra/notes.yaml',
  'infra/README.md',
  'node_modules/pkg/x.autoscale-test.yaml',
  'infra/node_modules/y.autoscale-test.yaml',
  '.git/z.autoscale-test.yaml',
  'empty/.keep',
])
  tmp.file(name, 'x');

describe('discovering test files', () => {
  it('with no path: every test file under the working directory, skipping node_modules and .git', async () => {
    expect(await discoverTestFiles([], tmp.dir)).toEqual({
      files: ['a.autoscale-test.yaml', 'infra/deep/er/night.autoscale-test.yaml', 'infra/pool.autoscale-test.yaml'],
      errors: [],
    });
  });

  it('a directory is searched recursively; a named file is taken whatever its name', async () => {
    expect(await discoverTestFiles(['infra', 'infra/notes.yaml'], tmp.dir)).toEqual({
      files: ['infra/deep/er/night.autoscale-test.yaml', 'infra/pool.autoscale-test.yaml', 'infra/notes.yaml'],
      errors: [],
    });
  });

  it('a glob keeps the test files among its matches and searches the directories it matches', async () => {
    expect(await discoverTestFiles(['infra/*'], tmp.dir)).toEqual({
      files: ['infra/deep/er/night.autoscale-test.yaml', 'infra/pool.autoscale-test.yaml'],
      errors: [],
    });
    expect(await discoverTestFiles(['**/night.*'], tmp.dir)).toEqual({
      files: ['infra/deep/er/night.autoscale-test.yaml'],
      errors: [],
    });
    expect(await discoverTestFiles(['{a,infra/pool}.autoscale-test.yaml'], tmp.dir)).toEqual({
      files: ['a.autoscale-test.yaml', 'infra/pool.autoscale-test.yaml'],
      errors: [],
    });
  });

  it('a file found twice is run once', async () => {
    expect(
      (await discoverTestFiles(['a.autoscale-test.yaml', './a.autoscale-test.yaml', '*.autoscale-test.yaml'], tmp.dir))
        .files,
    ).toEqual(['a.autoscale-test.yaml']);
  });

  it('reports paths that find nothing', async () => {
    symlinkSync('/dev/null', tmp.path('device'));
    expect(await discoverTestFiles(['missing.yaml', 'empty', 'nothing/**/*.yaml', 'device'], tmp.dir)).toEqual({
      files: [],
      errors: [
        'missing.yaml: no such file or directory',
        'empty: no test files (*.autoscale-test.yaml) in this directory',
        'nothing/**/*.yaml: the pattern matches no test files (*.autoscale-test.yaml)',
        'device: not a file or directory',
      ],
    });
    expect((await discoverTestFiles([], tmp.path('empty'))).errors).toEqual([
      `no test files (*.autoscale-test.yaml) under ${tmp.path('empty')}`,
    ]);
  });
});
