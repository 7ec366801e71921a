// End-to-end tests of `autoscale fmt`: printing, --check, atomic --write, and files with syntax
// errors left untouched. Runs the real command.

import { readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

describe('autoscale fmt', () => {
  const messy = 'a=1;b  =a+2 ;\n';
  const formatted = 'a = 1;\nb = a + 2;\n';

  it('prints the formatted text', () => {
    const name = tmp.file('fmt-print.autoscale', messy);
    expect(tmp.run(['fmt', name])).toEqual({ code: 0, stdout: formatted, stderr: '' });
    expect(readFileSync(tmp.path(name), 'utf8')).toBe(messy);
    expect(tmp.run(['fmt', '-'], messy)).toEqual({ code: 0, stdout: formatted, stderr: '' });
  });

  it('--check lists the files that would change and exits 1; 0 when all are formatted', () => {
    const a = tmp.file('fmt-check-a.autoscale', messy);
    const b = tmp.file('fmt-check-b.autoscale', formatted);
    expect(tmp.run(['fmt', '--check', a, b])).toEqual({ code: 1, stdout: `${a}\n`, stderr: '' });
    expect(tmp.run(['fmt', '--check', b])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(tmp.path(a), 'utf8')).toBe(messy);
  });

  it('--write rewrites only the files that change, atomically, leaving no temporary file', () => {
    const dir = new TempDir();
    try {
      const a = dir.file('a.autoscale', messy);
      const b = dir.file('b.autoscale', formatted);
      const before = statSync(dir.path(b));
      const r = dir.run(['fmt', '--write', a, b]);
      expect(r).toEqual({ code: 0, stdout: `${a}\n`, stderr: '' });
      expect(readFileSync(dir.path(a), 'utf8')).toBe(formatted);
      const after = statSync(dir.path(b));
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
      expect(readdirSync(dir.dir).sort()).toEqual(['a.autoscale', 'b.autoscale']);
      expect(dir.run(['fmt', '--check', a, b]).code).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('--write goes through a symbolic link and keeps the link', () => {
    const dir = new TempDir();
    try {
      dir.file('target.autoscale', messy);
      symlinkSync('target.autoscale', dir.path('link.autoscale'));
      expect(dir.run(['fmt', '--write', 'link.autoscale']).code).toBe(0);
      expect(readFileSync(dir.path('target.autoscale'), 'utf8')).toBe(formatted);
      expect(readdirSync(dir.dir).sort()).toEqual(['link.autoscale', 'target.autoscale']);
    } finally {
      dir.remove();
    }
  });

  it('a file with syntax errors is reported like check, left untouched, exit 2; other files still formatted', () => {
    const dir = new TempDir();
    try {
      const broken = dir.file('broken.autoscale', 'a=1;\n$TargetDedicatedNodes = (;\n');
      const ok = dir.file('ok.autoscale', messy);
      const before = statSync(dir.path(broken));
      const r = dir.run(['fmt', '--write', broken, ok]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^broken\.autoscale:2:26 error AS1001 .*\n {2}2 \| \$TargetDedicatedNodes = \(;\n {4}\| {26}\^\n/,
      );
      expect(r.stderr).toContain('autoscale: broken.autoscale not formatted: it has syntax errors\n');
      expect(r.stdout).toBe(`${ok}\n`);
      expect(readFileSync(dir.path(broken), 'utf8')).toBe('a=1;\n$TargetDedicatedNodes = (;\n');
      expect(statSync(dir.path(broken)).mtimeMs).toBe(before.mtimeMs);
      expect(readFileSync(dir.path(ok), 'utf8')).toBe(formatted);
      expect(readdirSync(dir.dir).sort()).toEqual(['broken.autoscale', 'ok.autoscale']);
      expect(dir.run(['fmt', broken]).code).toBe(2);
      expect(dir.run(['fmt', '--check', broken]).code).toBe(2);
    } finally {
      dir.remove();
    }
  });

  it('refuses --write on stdin and --check with --write', () => {
    expect(tmp.run(['fmt', '--write', '-'], messy).code).toBe(2);
    const name = tmp.file('fmt-conflict.autoscale', messy);
    expect(tmp.run(['fmt', '--check', '--write', name]).code).toBe(2);
    expect(readFileSync(tmp.path(name), 'utf8')).toBe(messy);
  });

  it('a missing file', () => {
    expect(tmp.run(['fmt', '--check', 'nope.autoscale'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'autoscale: cannot read nope.autoscale: no such file or directory\n',
    });
  });
});
