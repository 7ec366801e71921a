// The watch loop of `check --watch` and `test --watch`: run once, watch the inputs the run names,
// run again 100 ms after the last change of a burst (an editor's save is several events, a
// checkout many), and stop on Ctrl+C (SIGINT) or SIGTERM with exit code 0: ending the watch is how
// it is meant to end, whatever the last run found. The lines about the watch itself go to stderr,
// so stdout carries the reports alone. A run that throws is reported and the watch goes on.

import { relative } from 'node:path';
import { EXIT_OK, type CliIo } from '../io.ts';
import type { WatchTargets } from './targets.ts';
import { InputWatcher } from './watcher.ts';

/** Quiet time after a change before the next run starts. */
export const DEBOUNCE_MS = 100;
/** How many changed files the header names before it counts the rest. */
const NAMED_IN_HEADER = 3;

export interface WatchSession {
  /** One run, printing its report; resolves to what to watch until the next. */
  run(): Promise<WatchTargets>;
  /** What to watch when a run threw before it could say. */
  fallback(): WatchTargets;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function header(changed: ReadonlySet<string>, cwd: string): string {
  const names = [...changed].map((p) => relative(cwd, p) || '.');
  const shown = names.slice(0, NAMED_IN_HEADER).join(', ');
  const more = names.length > NAMED_IN_HEADER ? ` and ${names.length - NAMED_IN_HEADER} more` : '';
  return `[${clock()}] ${names.length} ${names.length === 1 ? 'file' : 'files'} changed: ${shown}${more}\n`;
}

/** Runs, watches and runs again until stopped; resolves to the exit code once stopped. */
export function watchRuns(session: WatchSession, io: CliIo, cwd = process.cwd()): Promise<number> {
  return new Promise((done) => {
    const changed = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let stopped = false;
    let targets: WatchTargets | undefined;
    const watcher = new InputWatcher(
      (path) => {
        changed.add(path);
        schedule();
      },
      (message) => io.stderr(`autoscale: ${message}\n`),
    );
    const schedule = (): void => {
      if (stopped || running) return; // A run in progress looks at `changed` when it ends.
      clearTimeout(timer);
      timer = setTimeout(() => void cycle(), DEBOUNCE_MS);
    };
    const finish = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      watcher.close();
      done(EXIT_OK);
    };
    const cycle = async (): Promise<void> => {
      running = true;
      if (changed.size > 0) io.stderr(header(changed, cwd));
      changed.clear();
      try {
        targets = await session.run();
      } catch (err) {
        io.stderr(`autoscale: the run failed: ${err instanceof Error ? err.message : String(err)}\n`);
        try {
          targets = session.fallback();
        } catch {
          // Keep watching what the last run named.
        }
      }
      running = false;
      if (stopped) {
        finish();
        return;
      }
      const count = watcher.update(targets ?? { files: [], trees: [] });
      io.stderr(`[${clock()}] watching ${count} ${count === 1 ? 'file' : 'files'}; press Ctrl+C to stop\n`);
      if (changed.size > 0) schedule();
    };
    function stop(): void {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      if (!running) finish();
    }
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    void cycle();
  });
}
