// Formula coverage: which statements ran, which way each ?: went and which operand decided each
// && / || chain, over all the evaluations of a run. Denominators come from walking core's AST;
// numerators from the evaluator's traces. Formulas tested by several files are merged.
//
// Branches, the figure --min-coverage reads:
// - each ?: counts two, its 'then' and its 'else', each covered once some evaluation took it;
// - each chain of one logical operator (`a || b || c`, parentheses and nesting of the same operator
//   included; `a && b || c` is an || chain of `a && b` and `c`, and an && chain of `a` and `b`)
//   counts one branch per operand, as istanbul counts the operands of a JavaScript logical
//   expression. An operand is covered once it decided the chain's result as C or JavaScript would
//   evaluate it, left to right, stopping at the first operand that fixes the result: for || the
//   first non-zero operand, for && the first zero one, and the last operand when none before it
//   did. So `day == 0 || day == 6` tested only on Sundays covers one branch of two (`day == 6`
//   never decided anything), and only on Wednesdays the other one.
// The language itself evaluates every operand; the rule counts what a short-circuit would have
// done because that is the question a test answers: was each condition ever the one that mattered.
// An operand nested inside another (a ?: or a chain in an operand) counts on its own terms whenever
// it is evaluated.

import {
  forEachExpression,
  statementExpression,
  type Binary,
  type Expression,
  type LineMap,
  type LogicalTrace,
  type Trace,
} from '@autoscale/core';
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
  thenHits: number;
  elseHits: number;
}

/** One operand of a chain of && or ||: one branch. */
export interface OperandCoverage {
  operator: '&&' | '||';
  /** The operand's source range (parentheses included); 1-based line and column of its start. */
  start: number;
  end: number;
  line: number;
  column: number;
  /** Its position in the chain, from 0, and the chain's number of operands. */
  index: number;
  count: number;
  /** Evaluations in which this operand decided the chain's result. */
  decided: number;
  /** Evaluations of the whole chain (the same for each of its operands). */
  evaluated: number;
}

export interface FormulaCoverage {
  /** The formula as reports name it. */
  formula: string;
  lines: LineMap;
  statements: StatementCoverage[];
  branches: BranchCoverage[];
  /** Operands of && and || chains, in source order. */
  operands: OperandCoverage[];
}

export interface Ratio {
  covered: number;
  total: number;
}

/** Percent covered; 100 when there is nothing to cover (a formula without ?:, && or || has full branch coverage). */
export function percent(r: Ratio): number {
  return r.total === 0 ? 100 : (100 * r.covered) / r.total;
}

export function statementRatio(c: FormulaCoverage): Ratio {
  return { covered: c.statements.filter((s) => s.hits > 0).length, total: c.statements.length };
}

/** Branches: both outcomes of each ?: (then and else) and each operand of each && / || chain (see the header). */
export function branchRatio(c: FormulaCoverage): Ratio {
  const conditionals = c.branches.reduce((n, b) => n + (b.thenHits > 0 ? 1 : 0) + (b.elseHits > 0 ? 1 : 0), 0);
  const operands = c.operands.reduce((n, o) => n + (o.decided > 0 ? 1 : 0), 0);
  return { covered: conditionals + operands, total: 2 * c.branches.length + c.operands.length };
}

export function sumRatios(ratios: readonly Ratio[]): Ratio {
  return ratios.reduce((a, r) => ({ covered: a.covered + r.covered, total: a.total + r.total }), {
    covered: 0,
    total: 0,
  });
}

/** A chain's operand and where the trace tells its truth: the record of the operator it sits beside. */
interface ChainOperand {
  coverage: OperandCoverage;
  /** Offset of the operator whose left or right operand this is. */
  parent: number;
  side: 'left' | 'right';
}

interface Chain {
  operator: '&&' | '||';
  /** Offset of the operator evaluated last: its record exists only when the whole chain produced a value. */
  root: number;
  operands: ChainOperand[];
}

/** What the collector keeps per formula beyond the public figures: the chains of each statement. */
interface Entry {
  coverage: FormulaCoverage;
  chainsByStatement: Chain[][];
}

export class CoverageCollector {
  private readonly byKey = new Map<string, Entry>();
  private readonly keys = new WeakMap<FormulaUnderTest, string>();

  /** Makes a formula count even if no selected test runs it (its coverage is then zero). */
  register(formula: FormulaUnderTest): FormulaCoverage {
    return this.entry(formula).coverage;
  }

  private entry(formula: FormulaUnderTest): Entry {
    const key = formula.path ?? formula.name;
    this.keys.set(formula, key);
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const { analysis } = formula;
    const lines = analysis.lines;
    const statements: StatementCoverage[] = [];
    const branches: BranchCoverage[] = [];
    const operands: OperandCoverage[] = [];
    const chainsByStatement: Chain[][] = [];
    analysis.formula.statements.forEach((s, index) => {
      const p = lines.positionAt(s.range.start);
      statements.push({
        index,
        line: p.line + 1,
        column: p.character + 1,
        start: s.range.start,
        end: s.range.end,
        hits: 0,
      });
      const expression = statementExpression(s);
      forEachExpression(expression, (e) => {
        if (e.kind !== 'Conditional') return;
        const q = lines.positionAt(e.questionRange.start);
        branches.push({
          at: e.questionRange.start,
          line: q.line + 1,
          column: q.character + 1,
          thenHits: 0,
          elseHits: 0,
        });
      });
      const chains = logicalChains(expression, lines);
      chainsByStatement.push(chains);
      for (const chain of chains) for (const o of chain.operands) operands.push(o.coverage);
    });
    branches.sort((a, b) => a.at - b.at);
    operands.sort((a, b) => a.start - b.start);
    const entry: Entry = {
      coverage: { formula: formula.name, lines, statements, branches, operands },
      chainsByStatement,
    };
    this.byKey.set(key, entry);
    return entry;
  }

  /** Adds one evaluation's trace. */
  record(formula: FormulaUnderTest, trace: Trace): void {
    const key = this.keys.get(formula);
    const entry = (key === undefined ? undefined : this.byKey.get(key)) ?? this.entry(formula);
    const coverage = entry.coverage;
    for (const s of trace.statements) {
      const statement = coverage.statements[s.index];
      if (statement !== undefined) statement.hits++;
      for (const b of s.branches) {
        const branch = coverage.branches.find((x) => x.at === b.at);
        if (branch === undefined) continue;
        if (b.taken === 'then') branch.thenHits++;
        else branch.elseHits++;
      }
      const chains = entry.chainsByStatement[s.index];
      if (chains !== undefined && chains.length > 0 && s.logical.length > 0) recordChains(chains, s.logical);
    }
  }

  /** Every formula seen, by name. */
  results(): FormulaCoverage[] {
    return [...this.byKey.values()]
      .map((e) => e.coverage)
      .sort((a, b) => (a.formula < b.formula ? -1 : a.formula > b.formula ? 1 : 0));
  }
}

/** Counts, for each chain the statement's execution completed, the operand that decided it. */
function recordChains(chains: readonly Chain[], records: readonly LogicalTrace[]): void {
  // A statement runs once per evaluation and the language has no loops: one record per operator.
  const byOperator = new Map<number, LogicalTrace>();
  for (const r of records) byOperator.set(r.at, r);
  nextChain: for (const chain of chains) {
    // The root operator finishes last: without its record the chain produced no value (the statement failed in it).
    if (!byOperator.has(chain.root)) continue;
    const decisive = chain.operator === '||';
    let decider: OperandCoverage | undefined;
    for (const o of chain.operands) {
      const record = byOperator.get(o.parent);
      if (record === undefined) continue nextChain;
      if (decider === undefined && (o.side === 'left' ? record.left : record.right) === decisive) decider = o.coverage;
    }
    // No operand fixed the result on its own: the last one gave it.
    decider ??= chain.operands[chain.operands.length - 1]?.coverage;
    if (decider === undefined) continue;
    for (const o of chain.operands) o.coverage.evaluated++;
    decider.decided++;
  }
}

const isLogical = (e: Expression): e is Binary & { operator: '&&' | '||' } =>
  e.kind === 'Binary' && (e.operator === '&&' || e.operator === '||');

function unparenthesized(e: Expression): Expression {
  let inner = e;
  while (inner.kind === 'Paren') inner = inner.expression;
  return inner;
}

/** The && and || chains of an expression: maximal trees of one logical operator, parentheses seen through. */
function logicalChains(expression: Expression, lines: LineMap): Chain[] {
  const all: Array<Binary & { operator: '&&' | '||' }> = [];
  const inner = new Set<Expression>();
  forEachExpression(expression, (e) => {
    if (!isLogical(e)) return;
    all.push(e);
    for (const child of [unparenthesized(e.left), unparenthesized(e.right)])
      if (isLogical(child) && child.operator === e.operator) inner.add(child);
  });
  return all
    .filter((root) => !inner.has(root))
    .map((root) => {
      const operands: ChainOperand[] = [];
      collectOperands(root, root.operator, operands, lines);
      operands.forEach((o, index) => {
        o.coverage.index = index;
        o.coverage.count = operands.length;
      });
      return { operator: root.operator, root: root.operatorRange.start, operands };
    });
}

function collectOperands(node: Binary, operator: '&&' | '||', out: ChainOperand[], lines: LineMap): void {
  for (const side of ['left', 'right'] as const) {
    const child = node[side];
    const bare = unparenthesized(child);
    if (isLogical(bare) && bare.operator === operator) {
      collectOperands(bare, operator, out, lines);
      continue;
    }
    const p = lines.positionAt(child.range.start);
    const coverage: OperandCoverage = {
      operator,
      start: child.range.start,
      end: child.range.end,
      line: p.line + 1,
      column: p.character + 1,
      index: 0,
      count: 0,
      decided: 0,
      evaluated: 0,
    };
    out.push({ coverage, parent: node.operatorRange.start, side });
  }
}
