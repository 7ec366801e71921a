// Test helpers: temporary directories of formula and test files, loading a test file's text
// against in-memory formulas, and running the real `autoscale` command as a child process.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTestFile, type LoadResult, type TestFile } from '@autoscale/testing';
import { cliArgs } from '../../cli/test/run-cli.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `autoscale ARGS` with the Node running the tests (the repository's Node 24). */
export function cli(args: readonly string[], cwd: string = REPO_ROOT): RunResult {
  const r = spawnSync(process.execPath, cliArgs(args), { cwd, input: '', encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export class TempDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'autoscale-testing-'));

  /** Writes a file (creating its directories); returns its path relative to the directory. */
  file(name: string, text: string): string {
    mkdirSync(dirname(join(this.dir, name)), { recursive: true });
    writeFileSync(join(this.dir, name), text);
    return name;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  run(args: readonly string[]): RunResult {
    return cli(args, this.dir);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Loads test-file text whose `formula:` paths resolve to `formulas` (by file name) instead of the disk. */
export function load(text: string, formulas: Record<string, string> = {}): LoadResult {
  return parseTestFile(text, 'suite.autoscale-test.yaml', {
    cwd: '/virtual',
    readFormula: (path) => {
      const name = path.slice('/virtual/'.length);
      const text = formulas[name];
      return text === undefined ? { ok: false, reason: 'no such file or directory' } : { ok: true, text };
    },
  });
}

/** Loads text that must load; fails the test with the errors otherwise. */
export function loadOk(text: string, formulas: Record<string, string> = {}): TestFile {
  const r = load(text, formulas);
  if (!r.ok)
    throw new Error(
      `expected the file to load, got:\n${r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n')}`,
    );
  return r.testFile;
}

/** Errors as `line:col path: message`, the shape most assertions compare. */
export function errorsOf(text: string, formulas: Record<string, string> = {}): string[] {
  const r = load(text, formulas);
  if (r.ok) return [];
  return r.errors.map((e) => `${e.line ?? '-'}:${e.column ?? '-'} ${e.path}: ${e.message}`);
}
