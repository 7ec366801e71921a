// The replay's own I/O helpers: the atomic output writer (new and existing files, nothing left
// behind on failure) and the terminal progress bar (redraws only on whole-percent changes).

import { readdirSync, readFileSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProgressBar, writeOutputFile } from '@autoscale/replay';
import { TempFiles } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

describe('writeOutputFile', () => {
  it('creates a new file and replaces an existing one, keeping its permissions', async () => {
    const path = join(files.dir, 'report.html');
    await writeOutputFile(path, 'first');
    expect(readFileSync(path, 'utf8')).toBe('first');
    chmodSync(path, 0o640);
    await writeOutputFile(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(files.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails without leaving a partial file when the folder does not exist', async () => {
    await expect(writeOutputFile(join(files.dir, 'missing', 'report.html'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(readdirSync(files.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('ProgressBar', () => {
  it('draws in place, only when the whole percentage changes, and clears its line', () => {
    const out: string[] = [];
    const bar = new ProgressBar((s) => out.push(s), 'replaying', 10);
    bar.update(0);
    bar.update(0.001);
    bar.update(0.5);
    bar.update(1);
    bar.done();
    expect(out).toEqual([
      '\rreplaying [..........]   0%',
      '\rreplaying [#####.....]  50%',
      '\rreplaying [##########] 100%',
      `\r${' '.repeat(27)}\r`,
    ]);
  });
});
