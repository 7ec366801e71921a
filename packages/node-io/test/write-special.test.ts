// The atomic writer and what is not a regular file: a FIFO or a character device is written to as
// it is and never replaced (renaming over /dev/null as root would put a plain file in its place),
// a socket is refused, and a temporary file interrupted by a signal or process.exit is removed.

import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '@autoscale/node-io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autoscale-node-io-special-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/**
 * Everything written to the FIFO at `path` until the writer closes it, read by `cat` in a child
 * that gives up after 10 s: a writer that never opens the FIFO fails the test instead of hanging it.
 */
async function drain(path: string): Promise<string> {
  const reader = spawn('timeout', ['10', 'cat', path], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  reader.stdout.on('data', (d: Buffer) => (text += d.toString()));
  await new Promise((resolve) => reader.on('close', resolve));
  return text;
}

describe('writeFileAtomic and special files', () => {
  it('writes through a FIFO, which stays a FIFO, and through a link to one', async () => {
    const fifo = join(dir, 'report.fifo');
    mkfifo(fifo);
    const [received] = await Promise.all([drain(fifo), writeFileAtomic(fifo, 'through the pipe\n')]);
    expect(received).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    symlinkSync('report.fifo', join(dir, 'link'));
    const [again] = await Promise.all([drain(fifo), writeFileAtomic(join(dir, 'link'), 'via the link\n')]);
    expect(again).toBe('via the link\n');
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link', 'report.fifo']);
  });

  it('writes to /dev/null, which stays the character device it is', async () => {
    const before = statSync('/dev/null');
    await writeFileAtomic('/dev/null', 'discarded');
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(after.ino).toBe(before.ino);
  });

  it('refuses a socket, leaving it in place', async () => {
    const path = join(dir, 'control.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      await expect(writeFileAtomic(path, 'x')).rejects.toMatchObject({
        code: 'ENOTREG',
        message: 'is a socket, not a file to write a report to',
      });
      expect(lstatSync(path).isSocket()).toBe(true);
      expect(readdirSync(dir)).toEqual(['control.sock']);
    } finally {
      server.close();
    }
  });
});

/** A child that starts writing 64 MB to `target`, then ends by `how` once its temporary file exists. */
const CHILD = `
import { watch } from 'node:fs';
import { writeFileAtomic } from ${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))};
const [dir, target, how] = process.argv.slice(2);
const watcher = watch(dir, (_, name) => {
  if (!String(name).endsWith('.tmp')) return;
  watcher.close();
  if (how === 'exit') process.exit(3);
  else process.kill(process.pid, how);
});
await writeFileAtomic(target, 'x'.repeat(64 * 1024 * 1024));
console.log('finished before the interruption');
`;

describe('writeFileAtomic interrupted', () => {
  it.each(['SIGTERM', 'SIGINT', 'exit'])('by %s leaves the old file and no temporary file', async (how) => {
    const target = join(dir, 'report.html');
    writeFileSync(target, 'old report');
    const script = join(dir, '..', `${dir.split('/').pop()}-child.mts`);
    writeFileSync(script, CHILD);
    try {
      const child = spawn(process.execPath, [script, dir, target, how], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal })),
      );
      expect(output).toBe('');
      expect(ended).toEqual(how === 'exit' ? { code: 3, signal: null } : { code: null, signal: how });
      expect(readdirSync(dir)).toEqual(['report.html']);
    } finally {
      rmSync(script, { force: true });
    }
  });
});
