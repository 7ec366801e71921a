// Data-driven evaluator tests: every test/corpus/eval/*.autoscale file carries its context and its
// expected results string or error as comments (see support/annotations.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFormula, loadContextFile, registry, type EvaluationContext } from '@autoscale/core';
import { readEvalExpectation } from './support/annotations.ts';
import { CASES } from './support/paths.ts';

const dir = join(CASES, 'eval');
export const EVAL_CASE_FILES = readdirSync(dir).filter((f) => f.endsWith('.autoscale')).sort();
export const DEFAULT_CASE_NOW = '2026-01-05T10:00:00Z';

/** Loads an eval case: its formula text, context and expectation. */
export function loadEvalCase(file: string) {
  const text = readFileSync(join(dir, file), 'utf8');
  const expectation = readEvalExpectation(text);
  const json = expectation.context ?? `{"now": "${DEFAULT_CASE_NOW}"}`;
  const loaded = loadContextFile(json, { knownMetrics: registry.sampledMetricNames() });
  if (!loaded.ok) throw new Error(`${file}: bad context: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return { text, expectation, context: loaded.context as EvaluationContext };
}

describe('evaluator cases', () => {
  it('has cases', () => expect(EVAL_CASE_FILES.length).toBeGreaterThan(20));
  for (const file of EVAL_CASE_FILES) {
    it(file, () => {
      const { text, expectation, context } = loadEvalCase(file);
      expect(expectation.results !== undefined || expectation.error !== undefined, 'case states an expectation').toBe(true);
      const result = compileFormula(text).evaluate(context);
      if (expectation.error) {
        expect(result.error).toEqual(expect.objectContaining({ code: expectation.error.code }));
        expect(result.error?.values[0]?.value).toBe(expectation.error.value);
      } else {
        expect(result.error).toBeNull();
      }
      if (expectation.results !== undefined) expect(result.results).toBe(expectation.results);
    });
  }
});
