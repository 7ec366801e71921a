// Finds the files a command covers from its path arguments: named files, directories (searched
// recursively for the files the command reads) and glob patterns (`*`, `**`, `?`, `{a,b}`), or
// with no paths the working directory. Skips node_modules and .git. Problems come back as
// messages; nothing here throws on user input. `autoscale test` looks for test files, `check` and
// `fmt` for formulas and host files. The walk is our own rather than fs.promises.glob, which Node
// 22 (the command's floor) still calls experimental, with a warning on every run.

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileErrorReason } from './file-error.ts';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface FileKind {
  /** Whether a file found by a search is one of the command's (by its name). */
  accepts(path: string): boolean;
  /** How messages name those files: "test files (*.autoscale-test.yaml)". */
  description: string;
}

export interface DiscoveredFile {
  /** Relative to `cwd` when found by a search, else as given. */
  path: string;
  /** Named on the command line, rather than found in a directory or by a pattern. */
  named: boolean;
}

export interface DiscoveredFiles {
  /** No duplicates, in the order of the arguments (a search's finds sorted). */
  files: DiscoveredFile[];
  /** One message per path that found nothing or could not be read. */
  errors: string[];
}

function isGlob(path: string): boolean {
  return /[*?{]/.test(path);
}

/**
 * A glob as a regular expression over `/`-separated paths: `**` any number of folders, `*`
 * anything within a name, `?` one character, `{a,b}` either. A pattern naming a folder also
 * matches what is under it when `under` is set.
 */
export function globMatcher(pattern: string, under = false): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}${under ? '(?:/.*)?' : ''}$`);
}

/** Every file and folder under `root` (relative `/` paths, sorted), node_modules and .git left out. */
async function walk(root: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    let entries: Array<{ name: string; isDirectory(): boolean }>;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // An unreadable folder is skipped, as a shell's glob does.
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      found.push(path);
      if (entry.isDirectory()) await visit(join(dir, entry.name), path);
    }
  };
  await visit(root, '');
  return found;
}

/** The paths under `cwd` a glob pattern matches (relative, `/`-separated, sorted). */
async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const normalized = pattern.replaceAll('\\', '/').replace(/^\.\//, '');
  // Walk only from the folder before the first wildcard: `infra/*.bicep` reads infra/, not the whole tree.
  const segments = normalized.split('/');
  const firstWild = segments.findIndex((segment) => /[*?{[]/.test(segment));
  const base = segments.slice(0, Math.max(0, firstWild)).join('/');
  const matcher = globMatcher(normalized);
  const paths = await walk(resolve(cwd, base));
  return paths.map((p) => (base === '' ? p : `${base}/${p}`)).filter((p) => matcher.test(p));
}

/** What a path is, or why it cannot be looked at (`missing`: nothing is there). */
type PathKind = 'file' | 'directory' | 'other' | { missing: boolean; reason: string };

async function pathKind(path: string): Promise<PathKind> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch (err) {
    return { missing: (err as { code?: unknown } | null)?.code === 'ENOENT', reason: fileErrorReason(err) };
  }
}

/** The command's files under a directory (as `dir/...` paths). */
async function inDirectory(dir: string, cwd: string, kind: FileKind): Promise<string[]> {
  const matches = (await walk(resolve(cwd, dir))).filter((m) => kind.accepts(m));
  const files: string[] = [];
  for (const m of matches) if ((await pathKind(resolve(cwd, dir, m))) === 'file') files.push(m);
  return files.map((m) => (dir === '.' ? m : join(dir, m)));
}

/**
 * Resolves the command line's paths. No paths means every file of the kind under `cwd`. A glob
 * keeps the files of the kind among its matches and searches the directories it matches, so
 * `'infra/**'` works. A file named on the command line is taken whatever its name.
 */
export async function discoverFiles(paths: readonly string[], cwd: string, kind: FileKind): Promise<DiscoveredFiles> {
  const files: DiscoveredFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (path: string, named: boolean): void => {
    const key = resolve(cwd, path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ path, named });
  };
  if (paths.length === 0) {
    const found = await inDirectory('.', cwd, kind);
    if (found.length === 0) errors.push(`no ${kind.description} under ${cwd}`);
    for (const f of found) add(f, false);
    return { files, errors };
  }
  for (const path of paths) {
    const what = await pathKind(resolve(cwd, path));
    if (what === 'file') add(path, true);
    else if (what === 'directory') {
      const found = await inDirectory(path, cwd, kind);
      if (found.length === 0) errors.push(`${path}: no ${kind.description} in this directory`);
      for (const f of found) add(f, false);
    } else if (what === 'other') {
      errors.push(`${path}: not a file or directory`);
    } else if (what.missing && isGlob(path)) {
      const found: string[] = [];
      for (const match of await globFiles(path, cwd)) {
        const matchKind = await pathKind(resolve(cwd, match));
        if (matchKind === 'directory') found.push(...(await inDirectory(match, cwd, kind)));
        else if (matchKind === 'file' && kind.accepts(match)) found.push(match);
      }
      if (found.length === 0) errors.push(`${path}: the pattern matches no ${kind.description}`);
      for (const f of found) add(f, false);
    } else {
      errors.push(`${path}: ${what.reason}`);
    }
  }
  return { files, errors };
}
