// `autoscale check --watch` (commands/check.ts declares it): check, then check again whenever a
// formula or host file named, found in a searched directory or matched by a pattern changes, or
// the project config that decides what is checked does (watch/loop.ts). Refuses stdin, which
// cannot be read twice, and SARIF, whose log is one document per run.

import { relative, resolve } from 'node:path';
import type { CheckOptions } from './check.ts';
import { runCheck } from './check.ts';
import { isExcluded, loadConfig } from '../config.ts';
import { FORMULA_AND_HOST_FILES, parseFileSpec } from '../host-input.ts';
import { EXIT_USAGE, STDIN } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { watchRuns } from '../watch/loop.ts';
import { configTargets, mergeTargets, searchTargets, type WatchTargets } from '../watch/targets.ts';

export async function watchCheck(files: string[], options: CheckOptions, ctx: CommandContext): Promise<number> {
  const refuse = (message: string): number => {
    ctx.io.stderr(`autoscale check: ${message}\n`);
    return EXIT_USAGE;
  };
  if (options.format === 'sarif')
    return refuse(
      '--watch cannot print --format sarif: a SARIF log is one document, and a watch prints a report per run; ' +
        'use --format text, json or github, or run check without --watch for the log',
    );
  if (files.includes(STDIN)) return refuse('--watch cannot watch stdin ("-"): name the files to check');
  const cwd = process.cwd();
  const targets = (): WatchTargets => checkTargets(files, cwd);
  return watchRuns(
    {
      run: async () => {
        await runCheck(files, options, ctx);
        return targets();
      },
      fallback: targets,
    },
    ctx.io,
    cwd,
  );
}

/**
 * What a check reads: the files and searches its arguments name (a `FILE#NAME`'s file), else the
 * config's include, else the working directory; found files the config excludes do not count. The
 * config itself, valid or not, is watched wherever the lookup would find it.
 */
function checkTargets(files: readonly string[], cwd: string): WatchTargets {
  const loaded = loadConfig(cwd);
  const config = 'config' in loaded ? loaded.config : undefined;
  const paths =
    files.length > 0
      ? files.map((f) => parseFileSpec(f).file)
      : (config?.include.map((p) => relative(cwd, resolve(config.dir, p)) || '.') ?? []);
  const accepts = (path: string): boolean =>
    FORMULA_AND_HOST_FILES.accepts(path) && !(config !== undefined && isExcluded(relative(cwd, path), cwd, config));
  return mergeTargets(searchTargets(paths, cwd, accepts), configTargets(cwd));
}
