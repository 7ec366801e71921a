// Test helper: the `autoscale` command started in watch mode as a child process, with what it has
// printed so far and waits on it. Every wait ends: when what it waits for is printed, or after a
// time limit with a message saying what it waited for and what the command had printed, so a
// broken watch fails its test instead of hanging it. `kill` ends the child whatever state it is in.

import { type ChildProcess, spawn } from 'node:child_process';
import { cliArgs } from './run-cli.ts';

/** How long a wait lasts before it fails: far beyond a run and the 100 ms debounce, short of the test's limit. */
const WAIT_MS = 15_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class WatchProcess {
  private readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(args: readonly string[], cwd: string) {
    this.child = spawn(process.execPath, cliArgs(args), {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    this.child.stdout?.setEncoding('utf8').on('data', (s: string) => this.received(() => (this.stdout += s)));
    this.child.stderr?.setEncoding('utf8').on('data', (s: string) => this.received(() => (this.stderr += s)));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
        this.received(() => undefined);
      });
    });
  }

  private received(append: () => void): void {
    append();
    for (const listener of [...this.listeners]) listener();
  }

  /** How many runs have finished (and their watchers are in place): the "watching N files" lines. */
  get runs(): number {
    return this.stderr.match(/^\[\d\d:\d\d:\d\d\] watching \d+ files?; press Ctrl\+C to stop$/gm)?.length ?? 0;
  }

  /** Resolves once `done()` holds; rejects after WAIT_MS, or when the command exits first, saying which. */
  waitFor(what: string, done: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (done()) finish();
        else if (this.exit !== undefined) finish(new Error(`the command exited (${JSON.stringify(this.exit)})`));
      };
      const timer = setTimeout(() => finish(new Error(`nothing after ${WAIT_MS} ms`)), WAIT_MS);
      const finish = (failure?: Error): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (failure === undefined) resolve();
        else
          reject(
            new Error(
              `waiting for ${what}: ${failure.message}\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`,
            ),
          );
      };
      this.listeners.add(check);
      check();
    });
  }

  /**
   * Does `change`, then waits for the run it causes to finish: stdout after the change matches
   * `report` and a further "watching" line is on stderr. Returns what the run printed on each.
   */
  async afterChange(what: string, change: () => void, report: RegExp): Promise<{ stdout: string; stderr: string }> {
    const out = this.stdout.length;
    const err = this.stderr.length;
    const runs = this.runs;
    change();
    await this.waitFor(what, () => report.test(this.stdout.slice(out)) && this.runs > runs);
    return { stdout: this.stdout.slice(out), stderr: this.stderr.slice(err) };
  }

  /** Sends a signal and waits for the command to exit. */
  async stop(signal: NodeJS.Signals): Promise<Exit> {
    this.child.kill(signal);
    await this.waitFor(`the exit after ${signal}`, () => this.exit !== undefined);
    return this.exited;
  }

  /** Ends the command if it still runs (after a failed test). */
  kill(): void {
    if (this.exit === undefined) this.child.kill('SIGKILL');
  }
}
