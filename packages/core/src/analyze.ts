// One call for "everything the core knows about this text": parse, check, and the diagnostics of
// both, sorted. What the CLI's `check`, the language service and the test runner start from.

import { check } from './check/checker.ts';
import { applySuppressions } from './check/suppressions.ts';
import type { Analysis } from './check/analysis.ts';
import { sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import type { Formula } from './syntax/ast.ts';
import { parse, type ParseResult } from './syntax/parse.ts';
import { LineMap } from './text/source.ts';

export interface FormulaAnalysis {
  text: string;
  formula: Formula;
  parsed: ParseResult;
  analysis: Analysis;
  /** Syntax, semantic and lint diagnostics, sorted by position; `// autoscale-disable-next-line` applied. */
  diagnostics: Diagnostic[];
  lines: LineMap;
}

export function analyzeFormula(text: string): FormulaAnalysis {
  const parsed = parse(text);
  const checked = check(parsed.formula);
  const lines = new LineMap(text);
  return {
    text,
    formula: parsed.formula,
    parsed,
    analysis: checked.analysis,
    diagnostics: sortDiagnostics(
      applySuppressions([...parsed.diagnostics, ...checked.diagnostics], parsed.formula.comments, lines),
    ),
    lines,
  };
}
