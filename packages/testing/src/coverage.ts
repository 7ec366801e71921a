// Formula coverage: which statements ran and which way each ?: went, over all the evaluations of
// a run. Denominators come from walking core's AST (every statement, every ?: by the offset of its
// '?'); numerators from the evaluator's traces. Formulas tested by several files are merged.

import { forEachExpression, statementExpression, type LineMap, type Trace } from '@autoscale/core';
import type { FormulaUnderTest } from './model.ts';

export interface StatementCoverage {
  index: number;
  /** 1-based line and column where the statement starts. */
  line: number;
  column: number;
  start: number;
  end: number;
  hits: number;
}

export interface BranchCoverage {
  /** Offset of the '?'; 1-based line and column of it. */
  at: number;
  line: number;
  column: number;
  /** How many evaluations took each side. */
  then: number;
  else: number;
}

export interface FormulaCoverage {
  /** The formula as reports name it. */
  formula: string;
  lines: LineMap;
  statements: StatementCoverage[];
  branches: BranchCoverage[];
}

export interface Ratio {
  covered: number;
  total: number;
}

/** Percent covered; 100 when there is nothing to cover (a formula without ?: has full branch coverage). */
export function percent(r: Ratio): number {
  return r.total === 0 ? 100 : (100 * r.covered) / r.total;
}

export function statementRatio(c: FormulaCoverage): Ratio {
  return { covered: c.statements.filter((s) => s.hits > 0).length, total: c.statements.length };
}

/** Branches count both outcomes of each ?: (then and else). */
export function branchRatio(c: FormulaCoverage): Ratio {
  return { covered: c.branches.reduce((n, b) => n + (b.then > 0 ? 1 : 0) + (b.else > 0 ? 1 : 0), 0), total: 2 * c.branches.length };
}

export function sumRatios(ratios: readonly Ratio[]): Ratio {
  return ratios.reduce((a, r) => ({ covered: a.covered + r.covered, total: a.total + r.total }), { covered: 0, total: 0 });
}

export class CoverageCollector {
  private readonly byKey = new Map<string, FormulaCoverage>();
  private readonly keys = new WeakMap<FormulaUnderTest, string>();

  /** Makes a formula count even if no selected test runs it (its coverage is then zero). */
  register(formula: FormulaUnderTest): FormulaCoverage {
    const key = formula.path ?? formula.name;
    this.keys.set(formula, key);
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const { analysis } = formula;
    const lines = analysis.lines;
    const statements: StatementCoverage[] = [];
    const branches: BranchCoverage[] = [];
    analysis.formula.statements.forEach((s, index) => {
      const p = lines.positionAt(s.range.start);
      statements.push({ index, line: p.line + 1, column: p.character + 1, start: s.range.start, end: s.range.end, hits: 0 });
      forEachExpression(statementExpression(s), (e) => {
        if (e.kind !== 'Conditional') return;
        const q = lines.positionAt(e.questionRange.start);
        branches.push({ at: e.questionRange.start, line: q.line + 1, column: q.character + 1, then: 0, else: 0 });
      });
    });
    branches.sort((a, b) => a.at - b.at);
    const coverage: FormulaCoverage = { formula: formula.name, lines, statements, branches };
    this.byKey.set(key, coverage);
    return coverage;
  }

  /** Adds one evaluation's trace. */
  record(formula: FormulaUnderTest, trace: Trace): void {
    const key = this.keys.get(formula);
    const coverage = (key === undefined ? undefined : this.byKey.get(key)) ?? this.register(formula);
    for (const s of trace.statements) {
      const statement = coverage.statements[s.index];
      if (statement !== undefined) statement.hits++;
      for (const b of s.branches) {
        const branch = coverage.branches.find((x) => x.at === b.at);
        if (branch === undefined) continue;
        if (b.taken === 'then') branch.then++;
        else branch.else++;
      }
    }
  }

  /** Every formula seen, by name. */
  results(): FormulaCoverage[] {
    return [...this.byKey.values()].sort((a, b) => (a.formula < b.formula ? -1 : a.formula > b.formula ? 1 : 0));
  }
}
