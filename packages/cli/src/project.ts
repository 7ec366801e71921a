// What the project config (config.ts) changes in the commands that read formulas: which files a
// run covers when no path is given (`include`) and which found files it skips (`exclude`), and the
// placeholder values under those of --var. Bad config stops the command with exit 2.

import { relative, resolve } from 'node:path';
import { type ProjectConfig, isExcluded, loadConfig } from './config.ts';
import { discoverInputs, type FileSpec } from './host-input.ts';
import type { CliIo } from './io.ts';

/** The config for the working directory, or undefined after printing what is wrong with it. */
export function projectConfig(io: CliIo, cwd = process.cwd()): ProjectConfig | undefined {
  const loaded = loadConfig(cwd);
  if ('config' in loaded) return loaded.config;
  for (const error of loaded.errors) io.stderr(`autoscale: ${error}\n`);
  return undefined;
}

/** The files a run covers: the arguments, or the config's `include` when there are none; `exclude` applied to found files. */
export async function projectInputs(
  args: readonly string[],
  config: ProjectConfig,
  cwd = process.cwd(),
): Promise<{ specs: FileSpec[]; errors: string[] }> {
  const paths =
    args.length === 0 && config.include.length > 0
      ? config.include.map((p) => relative(cwd, resolve(config.dir, p)) || '.')
      : args;
  const { specs, errors } = await discoverInputs(paths, cwd);
  // What the user names is read; what a search finds is left out when the project excludes it.
  return { specs: specs.filter((s) => !(s.searched === true && isExcluded(s.file, cwd, config))), errors };
}

/** Placeholder values: the config's, then --var's over them. */
export function placeholderValues(config: ProjectConfig, fromFlags: ReadonlyMap<string, string> | undefined) {
  return new Map([...config.vars, ...(fromFlags ?? [])]);
}
