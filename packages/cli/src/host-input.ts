// Formulas as the commands find them in the files users name: a plain formula file, or a host
// file (ARM template or pool JSON, Bicep, Terraform) holding one or more pools' formulas, named
// or found in directories and by glob patterns. An argument `main.bicep#render` picks the formula
// of the resource `render`; `--host` says the file's kind instead of detecting it; `--var
// NAME=VALUE` fills a placeholder (`${var.x}`, `[parameters('x')]`). Reading goes through the
// SourceReader, with a host file's own bound.

import { existsSync, statSync } from 'node:fs';
import { discoverFiles, type FileKind } from '@autoscale/node-io';
import { type EmbeddedFormula, type HostFile, type HostKind, isHostFileName, readHostFile } from '@autoscale/core';
import { type SourceReader, STDIN, type SourceText } from './io.ts';

/** `--host` values: a kind, or `auto` to detect it. */
export type HostChoice = 'auto' | HostKind;

/** A command-line file argument: the file, and the formula picked with `#name`, if any. */
export interface FileSpec {
  file: string;
  formulaName: string | undefined;
  /** Found in a directory or by a pattern: skipped in silence when it holds no pool formula. */
  searched?: boolean;
}

/** The files `check` and `fmt` look for in directories: formulas, and the host files that may hold one. */
export const FORMULA_AND_HOST_FILES: FileKind = {
  accepts: (path) => path.toLowerCase().endsWith('.autoscale') || isHostFileName(path),
  description: 'formula or host files (*.autoscale, *.json, *.bicep, *.tf)',
};

/**
 * The files the arguments name: `-`, files and `FILE#NAME` as given, directories and glob
 * patterns searched (skipping node_modules and .git); no arguments searches the working directory.
 */
export async function discoverInputs(
  args: readonly string[],
  cwd: string,
  kind: FileKind = FORMULA_AND_HOST_FILES,
): Promise<{ specs: FileSpec[]; errors: string[] }> {
  const specs: FileSpec[] = [];
  const errors: string[] = [];
  const search = async (paths: string[]) => {
    const found = await discoverFiles(paths, cwd, kind);
    errors.push(...found.errors);
    for (const f of found.files) specs.push({ file: f.path, formulaName: undefined, searched: !f.named });
  };
  if (args.length === 0) await search([]);
  for (const arg of args) {
    const spec = parseFileSpec(arg);
    // Only directories and patterns are searched; anything else (a file, a device, a missing
    // path) goes to the reader, which reads it within its bound or says why it cannot.
    const directory = statSync(spec.file, { throwIfNoEntry: false })?.isDirectory() === true;
    const pattern = /[*?[\]{}]/.test(spec.file) && !existsSync(spec.file);
    if (spec.file === STDIN || spec.formulaName !== undefined || !(directory || pattern)) specs.push(spec);
    else await search([arg]);
  }
  return { specs, errors };
}

/** Splits `FILE#NAME`; a file whose name really holds a `#` is taken whole. */
export function parseFileSpec(argument: string): FileSpec {
  const hash = argument.lastIndexOf('#');
  if (hash <= 0 || argument === STDIN || existsSync(argument)) return { file: argument, formulaName: undefined };
  return { file: argument.slice(0, hash), formulaName: argument.slice(hash + 1) };
}

export interface HostInput {
  source: SourceText;
  host: HostFile;
  /** The formulas the argument names: all of the file's, or the one `#name` picks. */
  formulas: EmbeddedFormula[];
  /** Why the argument names no formula (`#name` not found, no pool formula in a host file), if so. */
  problem: string | undefined;
}

/** Reads the file an argument names and finds its formulas; undefined when it cannot be read (already reported). */
export async function readHostInput(
  reader: SourceReader,
  spec: FileSpec,
  choice: HostChoice,
  values: ReadonlyMap<string, string>,
): Promise<HostInput | undefined> {
  const kind: HostKind | undefined = choice === 'auto' ? undefined : choice;
  const asHost = kind !== undefined ? kind !== 'formula' : isHostFileName(spec.file);
  const source = await reader.read(spec.file, asHost ? 'hostFile' : 'formula');
  if (source === undefined) return undefined;
  const host = readHostFile(spec.file, source.text, { kind, values });
  const named = spec.formulaName;
  const formulas = named === undefined ? host.formulas : host.formulas.filter((f) => f.name === named);
  let problem: string | undefined;
  if (named !== undefined && formulas.length === 0) {
    const names = host.formulas.map((f) => f.name).filter((n) => n !== '');
    problem =
      names.length > 0
        ? `no formula named "${named}" in ${source.name}; it has ${names.map((n) => `#${n}`).join(', ')}`
        : `no formula named "${named}" in ${source.name}`;
  }
  return { source, host, formulas, problem };
}
