// The diagnostic code registry: codes are unique and well-formed, and every code is exercised by
// at least one test case (checker cases, evaluator cases, or the limits below).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeFormula,
  compileFormula,
  DIAGNOSTIC_CODES,
  type DiagnosticCode,
  embeddedDiagnostics,
  readHostFile,
} from '@autoscale/core';
import { readExpectedDiagnostics } from './support/annotations.ts';
import { CASES, REPO_ROOT } from './support/paths.ts';
import { readdirSync } from 'node:fs';
import { EVAL_CASE_FILES, loadEvalCase } from './support/eval-cases.ts';
import { tooDeepFormula, tooLongFormula, tooManyStatements } from './support/limits.ts';

const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

describe('diagnostic codes', () => {
  it('are unique in the registry source and follow the ASnxxx scheme by layer', () => {
    const source = readFileSync(join(REPO_ROOT, 'packages/core/src/diagnostics.ts'), 'utf8');
    const declared = [...source.matchAll(/^\s+(AS\d{4}):/gm)].map((m) => m[1]);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.sort()).toEqual([...codes].sort());
    const layerDigit = { syntax: '1', semantic: '2', runtime: '3', lint: '4', host: '5' } as const;
    for (const code of codes) expect(code[2]).toBe(layerDigit[DIAGNOSTIC_CODES[code].layer]);
  });

  it('are each exercised by a test case', () => {
    const exercised = new Set<string>();
    const checkDir = join(CASES, 'check');
    for (const f of readdirSync(checkDir).filter((n) => n.endsWith('.autoscale'))) {
      const text = readFileSync(join(checkDir, f), 'utf8');
      // Only codes the checker really reports count, not what an annotation claims.
      const reported = new Set(analyzeFormula(text).diagnostics.map((d) => d.code));
      for (const e of readExpectedDiagnostics(text)) if (reported.has(e.code as DiagnosticCode)) exercised.add(e.code);
    }
    for (const f of EVAL_CASE_FILES) {
      const { text, context } = loadEvalCase(f);
      const failure = compileFormula(text).evaluate(context).failure;
      if (failure) exercised.add(failure.code);
    }
    for (const text of [tooLongFormula(), tooManyStatements(), tooDeepFormula()])
      for (const d of analyzeFormula(text).diagnostics) exercised.add(d.code);
    // Host files: their problems, unfilled placeholders and files without a pool formula.
    for (const kind of readdirSync(join(CASES, 'host'))) {
      for (const name of readdirSync(join(CASES, 'host', kind))) {
        // The fixtures, not their expectation files (NAME.expected.json).
        if (!/\.(json|bicep|tf)$/.test(name) || name.endsWith('.expected.json')) continue;
        const host = readHostFile(name, readFileSync(join(CASES, 'host', kind, name), 'utf8'));
        for (const d of host.problems) exercised.add(d.code);
        for (const f of host.formulas)
          for (const d of embeddedDiagnostics(f, analyzeFormula(f.text))) exercised.add(d.code);
      }
    }
    expect(codes.filter((c) => !exercised.has(c))).toEqual([]);
  });
});
