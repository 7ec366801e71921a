// Guards the recursive stages (parser, checker, evaluator, formatter, editor features) against
// statements nested or chained so deeply that they would exhaust the call stack: 300 nested
// parentheses fit in well under 8192 characters. A statement over a limit is reported and its
// tokens are left out of parsing, so every later stage only ever sees bounded trees.

import type { IToken } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics.ts';
import * as T from './tokens.ts';

/** Deepest nesting of ( [ , prefix operators and ?: in one statement. Real formulas use under 10. */
export const MAX_NESTING = 64;
/** Most binary operators in one statement (left-deep chains recurse once per operator). */
export const MAX_OPERATORS = 500;

export interface GuardResult {
  /** The tokens to parse: statements over a limit are removed. */
  tokens: IToken[];
  diagnostics: Diagnostic[];
}

export function guardDepth(tokens: IToken[]): GuardResult {
  const kept: IToken[] = [];
  const diagnostics: Diagnostic[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (t !== undefined && t.tokenType !== T.Semicolon) continue;
    const segment = tokens.slice(start, i);
    const problem = measure(segment);
    if (problem && segment.length > 0) {
      const first = segment[0] as IToken;
      const last = segment[segment.length - 1] as IToken;
      const range = { start: first.startOffset, end: last.startOffset + last.image.length };
      diagnostics.push(
        problem.kind === 'nesting'
          ? diagnostic('AS1011', 'tooDeep', { limit: MAX_NESTING }, range)
          : diagnostic('AS1011', 'tooManyOperators', { count: problem.operators, limit: MAX_OPERATORS }, range),
      );
      // Its ';' goes too, so the removed statement does not leave an "empty statement" behind.
    } else {
      kept.push(...segment);
      if (t) kept.push(t);
    }
    start = i + 1;
  }
  return { tokens: kept, diagnostics };
}

/** Why a statement is left out of parsing: nested too deep, or too many operators. */
type DepthProblem = { kind: 'nesting' } | { kind: 'operators'; operators: number };

/**
 * Why a statement's tokens are too deep to parse safely, or undefined. Nesting counts what the
 * stages recurse on: each enclosing ( or [, each ?: whose alternate runs on to the end of its
 * group, each link of a .member/.Method() chain, and each prefix operator in a row.
 */
function measure(segment: IToken[]): DepthProblem | undefined {
  const frames: Array<{ outer: number; questions: number; chain: number }> = [{ outer: 0, questions: 0, chain: 0 }];
  let maxDepth = 0;
  let operators = 0;
  let unaryRun = 0;
  let previousEndsOperand = false;
  for (const t of segment) {
    const type = t.tokenType;
    const frame = frames[frames.length - 1] as (typeof frames)[number];
    if (type === T.LParen || type === T.LBracket)
      frames.push({ outer: frame.outer + 1 + frame.questions + frame.chain, questions: 0, chain: 0 });
    else if ((type === T.RParen || type === T.RBracket) && frames.length > 1) frames.pop();
    else if (type === T.Comma) frame.questions = frame.chain = 0;
    else if (type === T.Question) frame.questions++;
    else if (type === T.Dot) frame.chain++;
    const prefix = (type === T.Minus || type === T.Bang) && !previousEndsOperand;
    unaryRun = prefix ? unaryRun + 1 : 0;
    if (!prefix && type.CATEGORIES?.includes(T.BinaryOperatorToken)) {
      operators++;
      frame.chain = 0;
    }
    const top = frames[frames.length - 1] as (typeof frames)[number];
    maxDepth = Math.max(maxDepth, top.outer + top.questions + top.chain + unaryRun);
    previousEndsOperand =
      type === T.Identifier ||
      type === T.NumberToken ||
      type === T.RParen ||
      type === T.RBracket ||
      type.CATEGORIES?.includes(T.StringLiteral) === true;
  }
  if (maxDepth > MAX_NESTING) return { kind: 'nesting' };
  if (operators > MAX_OPERATORS) return { kind: 'operators', operators };
  return undefined;
}
