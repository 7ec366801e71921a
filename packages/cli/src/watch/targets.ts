// What a watch (`check --watch`, `test --watch`) looks at, worked out from a command's path
// arguments as its discovery reads them: a named file (watched even while missing, so that it can
// come back), a directory searched at any depth, a glob pattern as the directory before its first
// wildcard with the pattern as a filter, and the project config file wherever the config lookup
// would find one. Paths are absolute; nothing here watches anything (watcher.ts does).

import { existsSync, type Stats, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { globMatcher } from '@autoscale/node-io';
import { CONFIG_FILE, findConfig } from '../config.ts';

/** A directory searched for inputs: a file under it (at any depth) that `accepts` takes is one. */
export interface WatchTree {
  dir: string;
  /** Takes an absolute path. */
  accepts(path: string): boolean;
}

export interface WatchTargets {
  /** Files whose change, creation or removal means a run, present or not. */
  files: string[];
  trees: WatchTree[];
}

/** What is at a path, or undefined when nothing (or nothing readable) is: a watch never throws on a path. */
export function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether an argument is a glob pattern, as discovery decides it (a file of that name is taken as named). */
function isPattern(arg: string, cwd: string): boolean {
  return /[*?[\]{}]/.test(arg) && !existsSync(resolve(cwd, arg));
}

/**
 * The targets of a command's path arguments: each directory a tree, each pattern a tree from the
 * folder before its first wildcard, each other path a file; no arguments the working directory.
 */
export function searchTargets(paths: readonly string[], cwd: string, accepts: (path: string) => boolean): WatchTargets {
  const targets: WatchTargets = { files: [], trees: [] };
  for (const path of paths.length === 0 ? ['.'] : paths) {
    const absolute = resolve(cwd, path);
    if (isPattern(path, cwd)) {
      const normalized = path.replaceAll('\\', '/').replace(/^\.\//, '');
      const segments = normalized.split('/');
      const base = segments
        .slice(
          0,
          Math.max(
            0,
            segments.findIndex((s) => /[*?{[]/.test(s)),
          ),
        )
        .join('/');
      // A pattern naming folders takes what is under them, as discovery searches a matched folder.
      const matcher = globMatcher(normalized, true);
      targets.trees.push({
        dir: resolve(cwd, base),
        accepts: (p) => accepts(p) && matcher.test(relative(cwd, p).replaceAll('\\', '/')),
      });
    } else if (statOf(absolute)?.isDirectory() === true) {
      targets.trees.push({ dir: absolute, accepts });
    } else {
      targets.files.push(absolute);
    }
  }
  return targets;
}

/**
 * Where a config file would change what the command does: the one found now, and one created
 * nearer the working directory (the lookup walks up from it and stops at the first).
 */
export function configTargets(cwd: string): WatchTargets {
  const found = findConfig(cwd);
  const files: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    files.push(join(dir, CONFIG_FILE));
    if ((found !== undefined && dirname(found) === dir) || dirname(dir) === dir) break;
  }
  return { files, trees: [] };
}

/** Several targets as one. */
export function mergeTargets(...all: WatchTargets[]): WatchTargets {
  return { files: [...new Set(all.flatMap((t) => t.files))], trees: all.flatMap((t) => t.trees) };
}
