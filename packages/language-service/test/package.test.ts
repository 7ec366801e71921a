// What the package promises about itself: it imports only @autoscale/core and its own files (no
// Node, no LSP, no Monaco: it must run in a web worker); every source file starts with a header;
// and no feature lists built-in names — they all come from core's registry (the templates, which
// are example formulas, are the one place names are written out).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '@autoscale/core';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);

describe('package', () => {
  it('has one small file per feature', () => {
    expect(files.length).toBeGreaterThan(15);
    for (const file of files)
      expect(readFileSync(file, 'utf8').split('\n').length, relative(SRC, file)).toBeLessThan(300);
  });

  it('imports only @autoscale/core and its own files', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const specs = [
        ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm),
      ].map((m) => (m[1] ?? m[2]) as string);
      for (const spec of specs)
        expect(
          spec === '@autoscale/core' || spec.startsWith('./') || spec.startsWith('../'),
          `${relative(SRC, file)} imports ${spec}`,
        ).toBe(true);
      expect(/\brequire\s*\(|\bprocess\.|\bBuffer\b/.test(text), `${relative(SRC, file)} uses a Node global`).toBe(
        false,
      );
    }
  });

  it('starts every file with a header comment', () => {
    for (const file of files) expect(readFileSync(file, 'utf8').startsWith('//'), relative(SRC, file)).toBe(true);
  });

  it('writes no built-in name in code (outside comments and the templates)', () => {
    // Names that are not also ordinary words, so a match is a real listing of a built-in.
    const names = [
      ...registry.variables.flatMap((v) => [v.name, ...v.aliases]),
      ...registry.methods.map((m) => m.name),
      ...registry.constants.map((c) => c.name),
      ...registry.keywords.map((k) => k.name),
    ];
    for (const file of files.filter((f) => !f.endsWith('templates.ts'))) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter(
          (line) => !line.trim().startsWith('//') && !line.trim().startsWith('*') && !line.trim().startsWith('/**'),
        )
        .join('\n');
      for (const name of names) {
        const pattern = new RegExp(`(^|[^A-Za-z0-9_$])${name.replace('$', '\\$')}(?![A-Za-z0-9_])`);
        expect(pattern.test(code), `${relative(SRC, file)} writes ${name}`).toBe(false);
      }
    }
  });
});
