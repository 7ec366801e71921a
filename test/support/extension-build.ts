// Builds and packages the VS Code extension (`npm run package`: its bundles and the VSIX) for the
// tests that need either, one build at a time: vitest runs test files in parallel, and a build
// deletes and rewrites extension/dist while another test may be reading it. Within one test run
// (one process) it is built once and later callers reuse it: sources do not change during a run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

export const EXTENSION_DIR = join(REPO_ROOT, 'extension');
export const VSIX = join(EXTENSION_DIR, 'batch-autoscale.vsix');

/** What the last build in this process did, kept beside the lock (test files run in worker threads of one process). */
interface BuildState {
  pid: number;
  /** `npm run package`'s output: vsce's warnings and file list. */
  log: string;
}

const KEY = REPO_ROOT.replace(/[^A-Za-z0-9]+/g, '_').slice(-80);
const LOCK = join(tmpdir(), `autoscale-extension-build-${KEY}.lock`);
const STATE = join(tmpdir(), `autoscale-extension-build-${KEY}.json`);
/** A build takes seconds; a lock older than this was left by a killed run. */
const STALE_LOCK_MS = 5 * 60_000;

async function withLock<T>(work: () => T): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (existsSync(LOCK) ? statSync(LOCK).mtimeMs : Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function readState(): BuildState | undefined {
  try {
    const state = JSON.parse(readFileSync(STATE, 'utf8')) as BuildState;
    return state.pid === process.pid ? state : undefined;
  } catch {
    return undefined;
  }
}

function run(args: string[]): string {
  const result = spawnSync('npm', args, { cwd: REPO_ROOT, encoding: 'utf8', env: process.env });
  const log = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${log}`);
  return log;
}

/**
 * Builds extension/dist (both hosts' bundles) and packages extension/batch-autoscale.vsix, unless
 * this run already did: once built, dist/ stays as it is until the run ends, so a test may run the
 * bundles while another installs the VSIX. Returns the VSIX and vsce's output.
 */
export function packageExtension(): Promise<{ vsix: string; log: string }> {
  return withLock(() => {
    const state = readState();
    if (state && existsSync(VSIX)) return { vsix: VSIX, log: state.log };
    const log = run(['run', 'package']);
    writeFileSync(STATE, JSON.stringify({ pid: process.pid, log } satisfies BuildState));
    return { vsix: VSIX, log };
  });
}
