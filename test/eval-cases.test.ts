// Data-driven evaluator tests: every test/corpus/eval/*.autoscale file carries its context and its
// expected results string or error as comments (see support/annotations.ts).

import { describe, expect, it } from 'vitest';
import { compileFormula } from '@autoscale/core';
import { EVAL_CASE_FILES, loadEvalCase } from './support/eval-cases.ts';

describe('evaluator cases', () => {
  it('has cases', () => expect(EVAL_CASE_FILES.length).toBeGreaterThan(20));
  for (const file of EVAL_CASE_FILES) {
    it(file, () => {
      const { text, expectation, context } = loadEvalCase(file);
      expect(expectation.results !== undefined || expectation.error !== undefined, 'case states an expectation').toBe(
        true,
      );
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
