// Test helper: runs the real `autoscale` command as a child process (the Node running the tests,
// which is the repository's Node 24) in a temporary directory of formula and context files. The
// command runs from its TypeScript sources; the published bundle is tested from an installed
// pack (test/e2e/installed-packages.test.ts).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFormula } from '@autoscale/core';

/** The command's TypeScript entry point. */
export const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
/**
 * Node's arguments that start the command: workspace packages resolve to their sources (the
 * condition npm scripts get from .npmrc, given here so that tests also run outside npm).
 */
export function cliArgs(args: readonly string[]): string[] {
  return ['--conditions=autoscale-source', BIN, ...args];
}
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  const r = spawnSync(process.execPath, cliArgs(args), {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary directory; `file` writes a file into it and returns its name (relative to `dir`). */
export class TempDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'autoscale-cli-'));

  file(name: string, text: string): string {
    writeFileSync(join(this.dir, name), text);
    return name;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  run(args: readonly string[], input?: string): RunResult {
    return run(args, input === undefined ? { cwd: this.dir } : { cwd: this.dir, input });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A context file: Monday 10:00 UTC, 4 dedicated nodes, 20 minutes of $PendingTasks rising from 5 to 44. */
export const CONTEXT = JSON.stringify({
  now: '2026-01-05T10:00:00Z',
  availabilityDelay: '30s',
  seed: 1,
  pool: { currentDedicatedNodes: 4, targetDedicatedNodes: 4 },
  metrics: { $PendingTasks: { interval: '30s', values: '0x20 5+1x39' } },
});

/** The header lines `check` prints for a text's diagnostics, from core's own analysis. */
export function headers(file: string, text: string): string[] {
  const a = analyzeFormula(text);
  return a.diagnostics.map((d) => {
    const p = a.lines.positionAt(d.range.start);
    return `${file}:${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${d.message}`;
  });
}
