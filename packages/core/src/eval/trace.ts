// The trace of one evaluation: per executed statement, what it assigned, which branch of each ?:
// it took and how each && and || was decided. Powers `autoscale explain`, test coverage, and
// (later) the editor and playground. Recorded only when an evaluation asks for it.

import type { Range } from '../text/source.ts';

export interface BranchTrace {
  /** Offset of the conditional's '?', which identifies the ?: within the formula. */
  at: number;
  /** 1-based line and column of the '?'. */
  line: number;
  column: number;
  taken: 'then' | 'else';
  /** The condition's value as printed in results (e.g. "1", "0", "0.5"). */
  condition: string;
}

/**
 * One evaluation of a `&&` or `||`. The language evaluates both operands, always (a right operand
 * that fails fails the evaluation even when the left one decided the result), so nothing is ever
 * skipped; what is recorded is what a short-circuiting language (C, JavaScript) would have done,
 * which is what branch coverage counts.
 */
export interface LogicalTrace {
  /** Offset of the operator, which identifies the operation within the formula. */
  at: number;
  /** 1-based line and column of the operator. */
  line: number;
  column: number;
  operator: '&&' | '||';
  /** Whether each operand was non-zero. */
  left: boolean;
  right: boolean;
  /**
   * The left operand alone decided the result (0 for &&, non-zero for ||): C or JavaScript would not have evaluated the
   * right one.
   */
  shortCircuit: boolean;
}

export interface StatementTrace {
  /** Index in the formula's statement list. */
  index: number;
  /** 1-based line where the statement starts. */
  line: number;
  range: Range;
  /** Assigned variable, as written; absent for an expression statement. */
  target?: string;
  /** The value assigned (or computed), as the results string would print it. */
  value?: string;
  branches: BranchTrace[];
  /** Each && and || that produced a value, in the order they finished. */
  logical: LogicalTrace[];
  /** Set when this statement failed (the evaluation stopped here). */
  error?: string;
  /** Set when stop() ended the evaluation in this statement. */
  stopped?: boolean;
}

export interface Trace {
  statements: StatementTrace[];
}
