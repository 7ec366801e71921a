// Finds the test files a run covers: named files, directories (searched for *.autoscale-test.yaml)
// and glob patterns (Node's own fs.promises.glob), or with no paths the working directory. Skips
// node_modules and .git. Problems come back as messages; nothing here throws on user input.

import { glob, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileErrorReason } from '@autoscale/node-io';

export const TEST_FILE_SUFFIX = '.autoscale-test.yaml';
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface Discovered {
  /** Test files, as paths relative to `cwd` when found by search, else as given; no duplicates. */
  files: string[];
  /** One message per path that found nothing or could not be read. */
  errors: string[];
}

function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const found: string[] = [];
  const exclude = (p: string | { name: string }): boolean =>
    SKIPPED_DIRECTORIES.has(typeof p === 'string' ? basename(p) : p.name);
  for await (const match of glob(pattern, { cwd, exclude })) {
    // `exclude` prunes the walk, but a pattern like `infra/*` can still match node_modules itself.
    if (!match.split(/[\\/]/).some((segment) => SKIPPED_DIRECTORIES.has(segment))) found.push(match);
  }
  return found.sort();
}

/** What a path is, or why it cannot be looked at (`missing`: nothing is there). */
type PathKind = 'file' | 'directory' | 'other' | { missing: boolean; reason: string };

async function kind(path: string): Promise<PathKind> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch (err) {
    return { missing: (err as { code?: unknown } | null)?.code === 'ENOENT', reason: fileErrorReason(err) };
  }
}

/** The test files under a directory (as `dir/...` paths). */
async function inDirectory(dir: string, cwd: string): Promise<string[]> {
  const matches = await globFiles(`**/*${TEST_FILE_SUFFIX}`, resolve(cwd, dir));
  return matches.map((m) => (dir === '.' ? m : join(dir, m)));
}

/**
 * Resolves the command line's paths. No paths means every test file under `cwd`. A glob keeps the
 * test files among its matches (and searches the directories it matches), so `'examples/**'` works.
 */
export async function discoverTestFiles(paths: readonly string[], cwd: string): Promise<Discovered> {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  if (paths.length === 0) {
    const found = await inDirectory('.', cwd);
    if (found.length === 0) errors.push(`no test files (*${TEST_FILE_SUFFIX}) under ${cwd}`);
    found.forEach(add);
    return { files, errors };
  }
  for (const path of paths) {
    const what = await kind(resolve(cwd, path));
    if (what === 'file') add(path);
    else if (what === 'directory') {
      const found = await inDirectory(path, cwd);
      if (found.length === 0) errors.push(`${path}: no test files (*${TEST_FILE_SUFFIX}) in this directory`);
      found.forEach(add);
    } else if (what === 'other') {
      errors.push(`${path}: not a file or directory`);
    } else if (what.missing && isGlob(path)) {
      const found: string[] = [];
      for (const match of await globFiles(path, cwd)) {
        const matchKind = await kind(resolve(cwd, match));
        if (matchKind === 'directory') found.push(...(await inDirectory(match, cwd)));
        else if (matchKind === 'file' && match.endsWith(TEST_FILE_SUFFIX)) found.push(match);
      }
      if (found.length === 0) errors.push(`${path}: the pattern matches no test files (*${TEST_FILE_SUFFIX})`);
      found.forEach(add);
    } else {
      errors.push(`${path}: ${what.reason}`);
    }
  }
  return { files, errors };
}
