// The one atomic writer: a symbolic link keeps being a link and its target gets the text, an
// existing file keeps its mode, a new file (also behind a dangling link) is created, and a failed
// write leaves no temporary file behind.

import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '@autoscale/node-io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'autoscale-node-io-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Temporary files the writer left in `folder`. */
function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp'));
}

describe('writeFileAtomic', () => {
  it('creates a new file', async () => {
    const path = join(dir, 'new.txt');
    await writeFileAtomic(path, 'hello ✓');
    expect(readFileSync(path, 'utf8')).toBe('hello ✓');
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes a text given in pieces, characters cut nowhere', async () => {
    const path = join(dir, 'pieces.json');
    const pieces = ['{"a": ', '"é€', '😀"', '}\n'];
    await writeFileAtomic(path, pieces.values());
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    expect(leftovers(dir)).toEqual([]);
  });

  it('leaves the old file whole when the pieces fail part-way', async () => {
    const path = join(dir, 'report.json');
    writeFileSync(path, 'old');
    function* failing(): Generator<string> {
      yield 'x'.repeat(100_000);
      throw new Error('the report failed');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('the report failed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(leftovers(dir)).toEqual([]);
  });

  it('replaces an existing file and keeps its mode', async () => {
    const path = join(dir, 'report.xml');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    // A mode the umask would strip from a new file is kept too.
    chmodSync(path, 0o777);
    await writeFileAtomic(path, 'newer');
    expect(statSync(path).mode & 0o7777).toBe(0o777);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes through a symbolic link: the link stays, its target gets the text', async () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'formula.autoscale');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const link = join(dir, 'link.autoscale');
    symlinkSync('real/formula.autoscale', link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/formula.autoscale');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o7777).toBe(0o600);
    // The temporary file went beside the target, not beside the link.
    expect(leftovers(dir)).toEqual([]);
    expect(leftovers(join(dir, 'real'))).toEqual([]);
  });

  it('follows a chain of links, and a link to a file not there yet', async () => {
    const target = join(dir, 'out.html');
    symlinkSync('out.html', join(dir, 'second'));
    symlinkSync('second', join(dir, 'first'));
    await writeFileAtomic(join(dir, 'first'), 'created');
    expect(lstatSync(join(dir, 'first')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'second')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('created');
    await writeFileAtomic(join(dir, 'first'), 'replaced');
    expect(readFileSync(target, 'utf8')).toBe('replaced');
    expect(lstatSync(join(dir, 'first')).isSymbolicLink()).toBe(true);
  });

  it('fails with ENOENT when the directory does not exist, leaving no temporary file', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'report.xml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails on a directory, leaving it and no temporary file', async () => {
    mkdirSync(join(dir, 'folder'));
    await expect(writeFileAtomic(join(dir, 'folder'), 'x')).rejects.toMatchObject({
      code: expect.stringMatching(/^E(ISDIR|EXIST|NOTEMPTY|PERM)$/),
    });
    expect(statSync(join(dir, 'folder')).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual(['folder']);
  });

  it('fails on a loop of links', async () => {
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    await expect(writeFileAtomic(join(dir, 'a'), 'x')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(leftovers(dir)).toEqual([]);
  });
});
