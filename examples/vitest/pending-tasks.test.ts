// An example of testing an autoscale formula from your own vitest (or jest) suite with
// @autoscale/testing, instead of (or beside) YAML test files. It runs in this repository's
// `npm test`. Copy it next to your formulas and adjust the paths.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFormula } from '@autoscale/core';
import { evaluateWithSeries, loadTestFile, runTestFile, valuesOf } from '@autoscale/testing';

const formulaPath = new URL('../formulas/pending-tasks.autoscale', import.meta.url);
// Compile once, evaluate as often as you like.
const formula = compileFormula(readFileSync(formulaPath, 'utf8'));

describe('pending-tasks.autoscale', () => {
  it('runs one node per pending task, at most 25', () => {
    for (const [pending, nodes] of [
      [3, 3],
      [12, 12],
      [25, 25],
      [400, 25],
    ] as const) {
      const run = evaluateWithSeries(formula, {
        at: '2026-01-05T10:00:00Z',
        series: { $PendingTasks: `${pending}x20` },
      });
      if (!run.ok) throw new Error(run.errors.join('\n'));
      expect(valuesOf(run.result)).toMatchObject({
        $TargetDedicatedNodes: nodes,
        $NodeDeallocationOption: 'taskcompletion',
      });
    }
  });

  it('holds at the starting size while the samples are too few to trust', () => {
    const run = evaluateWithSeries(formula, { at: '2026-01-05T10:00:00Z', series: { $PendingTasks: '40x2' } });
    if (!run.ok) throw new Error(run.errors.join('\n'));
    expect(run.result.error).toBeNull();
    expect(valuesOf(run.result)).toMatchObject({ $TargetDedicatedNodes: 1, pendingTaskSamples: 1 });
  });

  it('never targets more nodes than pending tasks, whatever the backlog', () => {
    for (let pending = 0; pending <= 60; pending += 3) {
      const run = evaluateWithSeries(formula, {
        at: '2026-01-05T10:00:00Z',
        series: { $PendingTasks: `${pending}x20` },
      });
      if (!run.ok) throw new Error(run.errors.join('\n'));
      expect(run.result.applied.dedicated).toBeLessThanOrEqual(Math.max(1, pending));
    }
  });

  it('passes its YAML suite too (the same runner `autoscale test` uses)', () => {
    const loaded = loadTestFile(fileURLToPath(new URL('../tests/pending-tasks.autoscale-test.yaml', import.meta.url)));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const outcome = runTestFile(loaded.testFile);
    expect(outcome.tests.filter((t) => !t.passed).map((t) => t.test.name)).toEqual([]);
    expect(outcome.tests.length).toBeGreaterThan(0);
  });
});
