// The TextMate grammar: generated from the registry (fails when the committed file is stale) and
// checked with vscode-tmgrammar-test on representative files in grammar/test/; and the injection
// grammars (grammar/injections), which colour formulas inside JSON, Bicep and Terraform strings,
// checked on grammar/test/hosts/ over stand-ins for those languages' grammars.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry, type RegistryEntry } from '@autoscale/core';
import { GRAMMAR_PATH, grammarText } from '../grammar/generate.ts';
import { REPO_ROOT } from './support/paths.ts';

/** The part of the grammar file the name test reads. */
interface Grammar {
  repository: { names: { patterns: Array<{ name: string; match: string }> } };
}

/** The scope each kind of built-in is coloured with (service variables by what they are for). */
function scopeOf(entry: RegistryEntry): string {
  switch (entry.kind) {
    case 'variable':
      return entry.access === 'readwrite'
        ? 'variable.language.target.autoscale'
        : entry.sampled
          ? 'variable.language.metric.autoscale'
          : 'variable.language.readonly.autoscale';
    case 'function':
      return 'support.function.builtin.autoscale';
    case 'method':
      return 'support.function.method.autoscale';
    case 'member':
      return 'support.variable.property.autoscale';
    case 'constant':
      return 'constant.language.timeinterval.autoscale';
    case 'keyword':
      return 'constant.language.deallocation.autoscale';
  }
}

describe('TextMate grammar', () => {
  it('is up to date with the registry (run `node grammar/generate.ts` after changing built-ins)', () => {
    expect(readFileSync(GRAMMAR_PATH, 'utf8')).toBe(grammarText());
  });

  it('names every built-in, as a whole word, with the scope of its kind', () => {
    // A substring search of the file would pass with `min` dropped (it is in `minute`), `val` (in
    // `TimeInterval_`) or `Count` (in `$UsableNodeCount`): instead each name is tokenised as the
    // editor does it, by the first `names` pattern that matches where the name starts (the
    // patterns use nothing that JavaScript and the editors' Oniguruma read differently).
    const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as Grammar;
    const patterns = grammar.repository.names.patterns.map((p) => ({ scope: p.name, regex: new RegExp(p.match, 'y') }));
    const colour = (before: string, name: string, after: string) => {
      const line = before + name + after;
      for (const { scope, regex } of patterns) {
        regex.lastIndex = before.length;
        const m = regex.exec(line);
        if (m) return { scope, text: m[0] };
      }
      return undefined;
    };
    const spellings = registry
      .all()
      .flatMap((entry) =>
        (entry.kind === 'variable' ? [entry.name, ...entry.aliases] : [entry.name]).map((name) => ({ entry, name })),
      );
    expect(spellings.length).toBeGreaterThan(60);
    for (const { entry, name } of spellings) {
      // Methods and members follow a `.`; functions are coloured only where they are called.
      const before = entry.kind === 'method' || entry.kind === 'member' ? 'x.' : 'x = ';
      const after = entry.kind === 'function' || entry.kind === 'method' ? '(1);' : ';';
      expect(colour(before, name, after), name).toEqual({ scope: scopeOf(entry), text: name });
    }
  });

  it('passes its syntax tests', () => {
    const cli = join(REPO_ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
    const run = spawnSync(
      process.execPath,
      [cli, '-g', 'grammar/autoscale.tmLanguage.json', 'grammar/test/*.autoscale'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(run.stdout + run.stderr).toMatch(/literals\.autoscale run successfuly/);
    expect(run.stdout).toMatch(/names\.autoscale run successfuly/);
    expect(run.status).toBe(0);
  });

  it('colours formulas inside JSON, Bicep and Terraform strings, and nothing else there', () => {
    const run = runHostTests(HOST_GRAMMARS);
    for (const file of ['pool.json', 'main.bicep', 'pool.tf']) expect(run.stdout).toContain(`${file} run successfuly`);
    expect(run.status).toBe(0);
  });

  it('needs the injections for that: without them the same tests fail', () => {
    const config = JSON.parse(readFileSync(HOST_GRAMMARS, 'utf8')) as {
      contributes: { grammars: Array<{ path: string; injectTo?: string[] }> };
    };
    const dir = mkdtempSync(join(tmpdir(), 'no-injections-'));
    try {
      // Paths in the configuration are relative to it: rewrite them for the copy's directory.
      const grammars = config.contributes.grammars
        .filter((g) => g.injectTo === undefined)
        .map((g) => ({ ...g, path: relative(dir, join(dirname(HOST_GRAMMARS), g.path)) }));
      const copy = join(dir, 'grammars.json');
      writeFileSync(copy, JSON.stringify({ contributes: { ...config.contributes, grammars } }));
      const run = runHostTests(copy);
      expect(run.stdout).toMatch(/pool\.json failed/);
      expect(run.stdout).toMatch(/main\.bicep failed/);
      expect(run.stdout).toMatch(/pool\.tf failed/);
      expect(run.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const HOST_GRAMMARS = join(REPO_ROOT, 'grammar', 'test', 'host-grammars', 'grammars.json');

function runHostTests(config: string) {
  const cli = join(REPO_ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
  return spawnSync(process.execPath, [cli, '--config', config, 'grammar/test/hosts/*'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
}
