// What the runner tells a front end about the formula under test, beyond pass and fail: where an
// offset of the formula is in its own file (a formula file, a host file's line and column, or for
// formula_text the test file), a syntax error's code and place in the formula file on its load
// error, and the formula file a test file names even when it could not be loaded (what a watcher
// watches). runSuite with reporter "none" prints no report and hands back the same data.

import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTestFile, runSuite } from '@autoscale/testing';
import { load, loadOk, TempDir } from './support.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const tests = (formula: string) =>
  `${formula}\ntests:\n  - { name: one, at: 2026-01-05T10:00:00Z, expect: { $TargetDedicatedNodes: 1 } }\n`;

describe('FormulaUnderTest.locate', () => {
  it('gives 1-based positions in a formula file', () => {
    const file = loadOk(tests('formula: f.autoscale'), { 'f.autoscale': 'a = 1;\n$TargetDedicatedNodes = a;\n' });
    const offset = file.formula.text.indexOf('a;');
    expect(file.formula.locate(offset)).toEqual({ file: 'f.autoscale', line: 2, column: 25 });
    expect(file.formula.locate(0)).toEqual({ file: 'f.autoscale', line: 1, column: 1 });
  });

  it('gives positions in the test file for formula_text written as a | block', () => {
    const text =
      'formula_text: |\n  a = 1;\n  $TargetDedicatedNodes = a;\ntests:\n  - { name: one, at: 2026-01-05T10:00:00Z }\n';
    const file = loadOk(text);
    expect(file.formula.locate(file.formula.text.indexOf('a;'))).toEqual({
      file: 'suite.autoscale-test.yaml',
      line: 3,
      column: 27,
    });
  });

  it("gives a host file's own line and column for a pool's formula", () => {
    tmp.file(
      'infra/pool.tf',
      'resource "azurerm_batch_pool" "only" {\n  auto_scale {\n    formula = "$TargetDedicatedNodes = 2;"\n  }\n}\n',
    );
    tmp.file('tests/pool.autoscale-test.yaml', tests('formula: ../infra/pool.tf'));
    const loaded = loadTestFile('tests/pool.autoscale-test.yaml', { cwd: tmp.dir });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const { formula } = loaded.testFile;
    expect(formula.path).toBe(tmp.path('infra/pool.tf'));
    // `2` is at line 3 of the Terraform file, after `    formula = "$TargetDedicatedNodes = `.
    expect(formula.locate(formula.text.indexOf('2'))).toEqual({ file: 'infra/pool.tf', line: 3, column: 40 });
  });
});

describe('a formula that does not parse', () => {
  it("is a load error at the test file's formula node, naming the code and the place in the formula file", () => {
    const r = load(tests('formula: f.autoscale'), { 'f.autoscale': '$TargetDedicatedNodes = 1;\nx = (;\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      line: 1,
      column: 10,
      path: 'formula',
      formula: { code: 'AS1001', file: 'f.autoscale', line: 2, column: 6 },
    });
    expect(r.formulaFile).toBe('/virtual/f.autoscale');
  });

  it('has no formula place when the mistake is in the test file', () => {
    const r = load('formula: f.autoscale\ntests: [{ name: x, at: nope }]\n', {
      'f.autoscale': '$TargetDedicatedNodes = 1;',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.every((e) => e.formula === undefined)).toBe(true);
    // The formula file is still known: the file names it, and it was read.
    expect(r.formulaFile).toBe('/virtual/f.autoscale');
  });

  it('names the formula file even when it cannot be read; formula_text names none', () => {
    const missing = load(tests('formula: gone.autoscale'));
    expect(missing.ok === false && missing.formulaFile).toBe('/virtual/gone.autoscale');
    const inline = load('formula_text: "x = (;"\ntests: []\n');
    expect(inline.ok === false && inline.formulaFile).toBeUndefined();
  });
});

describe('runSuite with reporter "none"', () => {
  it('prints no report and returns each file with the formula file it names', async () => {
    tmp.file('suite/f.autoscale', '$TargetDedicatedNodes = 2;\n');
    tmp.file('suite/ok.autoscale-test.yaml', tests('formula: f.autoscale'));
    tmp.file('suite/broken.autoscale-test.yaml', tests('formula: missing.autoscale'));
    let stdout = '';
    let stderr = '';
    const { verdict, result } = await runSuite(
      { paths: ['suite'], cwd: tmp.dir, reporter: 'none', coverage: true },
      { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), problem: () => undefined },
    );
    expect(stdout).toBe('');
    expect(verdict).toBe('unusable');
    expect(result.failed).toBe(1);
    expect(result.files.map((f) => [f.file, f.formulaFile])).toEqual([
      ['suite/broken.autoscale-test.yaml', resolve(tmp.dir, 'suite/missing.autoscale')],
      ['suite/ok.autoscale-test.yaml', resolve(tmp.dir, 'suite/f.autoscale')],
    ]);
    // Load errors, and coverage (text for people), go to stderr.
    expect(stderr).toContain('suite/broken.autoscale-test.yaml:1:10: formula: cannot read formula "missing.autoscale"');
    expect(stderr).toContain('suite/f.autoscale');
  });
});
