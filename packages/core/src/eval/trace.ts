// The trace of one evaluation: per executed statement, what it assigned and which branch of each
// ?: it took. Powers `autoscale explain`, test coverage, and (later) the editor and playground.

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
  /** Set when this statement failed (the evaluation stopped here). */
  error?: string;
  /** Set when stop() ended the evaluation in this statement. */
  stopped?: boolean;
}

export interface Trace {
  statements: StatementTrace[];
}
