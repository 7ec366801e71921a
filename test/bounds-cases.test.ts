// Data-driven tests of the static bounds analysis (docs/semantics.md §14.6): every
// test/corpus/bounds/*.autoscale file is a formula followed by `//= TARGET: sentence` lines, what
// `autoscale check --bounds` must print for each node target (format: test/corpus/bounds/README.md).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFormula, describeTargetBounds, formulaBounds } from '@autoscale/core';
import { CASES } from './support/paths.ts';

const dir = join(CASES, 'bounds');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.autoscale'))
  .sort();

const EXPECTATION = /^\/\/= (\$\w+): (.*)$/;

/** The file's expectations, by target, with their 1-based line. */
function expectations(text: string): Map<string, { line: number; text: string }> {
  const out = new Map<string, { line: number; text: string }>();
  text.split('\n').forEach((line, i) => {
    const m = EXPECTATION.exec(line);
    if (m) out.set(m[1] as string, { line: i + 1, text: m[2] as string });
  });
  return out;
}

describe('bounds corpus', () => {
  it('has cases', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const analysis = analyzeFormula(text);
      // The cases are valid formulas: a range is only meaningful for one the service accepts.
      expect(analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      const expected = expectations(text);
      const problems: string[] = [];
      for (const target of formulaBounds(analysis.formula).targets) {
        const want = expected.get(target.name);
        const got = describeTargetBounds(target);
        if (want === undefined) problems.push(`${file}: no //= line for ${target.name} (it is ${got})`);
        else if (want.text !== got)
          problems.push(`${file}:${want.line}: ${target.name}: expected ${want.text}, got ${got}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('bounds of every assignment', () => {
  it('records the range of each numeric assignment in the last evaluation from an empty pool', () => {
    const { formula } = analyzeFormula('$a = $CPUPercent.GetSamplePercent(1) / 50; $b = $a * 3 + 1; s = "x";');
    const ranges = [...formulaBounds(formula).assignments.values()];
    expect(ranges).toEqual([
      { lo: 0, hi: 2 },
      { lo: 1, hi: 7 },
    ]);
  });
});
