// The TextMate grammar: generated from the registry (fails when the committed file is stale) and
// checked with vscode-tmgrammar-test on representative files in grammar/test/.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '@autoscale/core';
import { GRAMMAR_PATH, grammarText } from '../grammar/generate.ts';
import { REPO_ROOT } from './support/paths.ts';

describe('TextMate grammar', () => {
  it('is up to date with the registry (run `node grammar/generate.ts` after changing built-ins)', () => {
    expect(readFileSync(GRAMMAR_PATH, 'utf8')).toBe(grammarText());
  });

  it('names every built-in', () => {
    const text = readFileSync(GRAMMAR_PATH, 'utf8');
    for (const entry of registry.all()) expect(text, entry.name).toContain(entry.name.replace('$', '\\\\$'));
  });

  it('passes its syntax tests', () => {
    const cli = join(REPO_ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
    const run = spawnSync(process.execPath, [cli, '-g', 'grammar/autoscale.tmLanguage.json', 'grammar/test/*.autoscale'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toMatch(/literals\.autoscale run successfuly/);
    expect(run.stdout).toMatch(/names\.autoscale run successfuly/);
    expect(run.status).toBe(0);
  });
});
