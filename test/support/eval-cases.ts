// Loading of evaluator cases (test/corpus/eval/*.autoscale): formula text, context and expectation.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContext, type EvaluationContext } from '@autoscale/core';
import { readEvalExpectation } from './annotations.ts';
import { CASES } from './paths.ts';

const dir = join(CASES, 'eval');
export const EVAL_CASE_FILES = readdirSync(dir)
  .filter((f) => f.endsWith('.autoscale'))
  .sort();
export const DEFAULT_CASE_NOW = '2026-01-05T10:00:00Z';

/** Loads an eval case: its formula text, context and expectation. */
export function loadEvalCase(file: string) {
  const text = readFileSync(join(dir, file), 'utf8');
  const expectation = readEvalExpectation(text);
  const json = expectation.context ?? `{"now": "${DEFAULT_CASE_NOW}"}`;
  const read = readContext(json, file);
  if (!read.ok) throw new Error(`bad context: ${read.messages.join('; ')}`);
  return { text, expectation, context: read.context as EvaluationContext };
}
