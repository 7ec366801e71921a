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

/**
 * `busiest`, when known (the scanner's), bounds every statement's nesting and operator count: at
 * or under MAX_NESTING, no statement can be over a limit and the tokens need no pass at all.
 */
export function guardDepth(tokens: IToken[], busiest = Number.POSITIVE_INFINITY): GuardResult {
  if (busiest <= MAX_NESTING && busiest <= MAX_OPERATORS) return { tokens, diagnostics: [] };
  let kept: IToken[] | undefined;
  const diagnostics: Diagnostic[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (t !== undefined && t.tokenType !== T.Semicolon) continue;
    const problem = i > start ? measure(tokens, start, i) : undefined;
    if (problem) {
      const first = tokens[start] as IToken;
      const last = tokens[i - 1] as IToken;
      const range = { start: first.startOffset, end: last.startOffset + last.image.length };
      diagnostics.push(
        problem.kind === 'nesting'
          ? diagnostic('AS1011', 'tooDeep', { limit: MAX_NESTING }, range)
          : diagnostic('AS1011', 'tooManyOperators', { count: problem.operators, limit: MAX_OPERATORS }, range),
      );
      // Its ';' goes too, so the removed statement does not leave an "empty statement" behind.
      kept ??= tokens.slice(0, start);
    } else if (kept) {
      for (let j = start; j < i; j++) kept.push(tokens[j] as IToken);
      if (t) kept.push(t);
    }
    start = i + 1;
  }
  // Nothing left out (every formula but a pathological one): the tokens themselves, not a copy.
  return { tokens: kept ?? tokens, diagnostics };
}

/** Why a statement is left out of parsing: nested too deep, or too many operators. */
type DepthProblem = { kind: 'nesting' } | { kind: 'operators'; operators: number };

/** Token types, by tokenTypeIdx, with the categories `measure` asks about (computed once from tokens.ts). */
const BINARY_OPERATOR: boolean[] = [];
const STRING_LITERAL: boolean[] = [];
for (const type of T.allTokens) {
  const idx = type.tokenTypeIdx as number;
  BINARY_OPERATOR[idx] = type.CATEGORIES?.includes(T.BinaryOperatorToken) === true;
  STRING_LITERAL[idx] = type.CATEGORIES?.includes(T.StringLiteral) === true;
}

// One frame per enclosing ( or [: the depth outside it, and the ?: and member-chain depth inside.
// Three stacks of numbers, reused by every call: measuring allocates nothing.
const outerStack: number[] = [];
const questionStack: number[] = [];
const chainStack: number[] = [];

/**
 * Why tokens[from, to), one statement, are too deep to parse safely, or undefined. Nesting
 * counts what the stages recurse on: each enclosing ( or [, each ?: whose alternate runs on to
 * the end of its group, each link of a .member/.Method() chain, and each prefix operator in a row.
 */
function measure(tokens: IToken[], from: number, to: number): DepthProblem | undefined {
  outerStack[0] = 0;
  questionStack[0] = 0;
  chainStack[0] = 0;
  let top = 0;
  let maxDepth = 0;
  let operators = 0;
  let unaryRun = 0;
  let previousEndsOperand = false;
  for (let i = from; i < to; i++) {
    const type = (tokens[i] as IToken).tokenType;
    const idx = type.tokenTypeIdx as number;
    if (type === T.LParen || type === T.LBracket) {
      const outer = (outerStack[top] as number) + 1 + (questionStack[top] as number) + (chainStack[top] as number);
      top++;
      outerStack[top] = outer;
      questionStack[top] = 0;
      chainStack[top] = 0;
    } else if ((type === T.RParen || type === T.RBracket) && top > 0) top--;
    else if (type === T.Comma) questionStack[top] = chainStack[top] = 0;
    else if (type === T.Question) questionStack[top] = (questionStack[top] as number) + 1;
    else if (type === T.Dot) chainStack[top] = (chainStack[top] as number) + 1;
    const prefix = (type === T.Minus || type === T.Bang) && !previousEndsOperand;
    unaryRun = prefix ? unaryRun + 1 : 0;
    if (!prefix && BINARY_OPERATOR[idx] === true) {
      // No bracket opens or closes at an operator: the frame it resets is the top one.
      operators++;
      chainStack[top] = 0;
    }
    maxDepth = Math.max(
      maxDepth,
      (outerStack[top] as number) + (questionStack[top] as number) + (chainStack[top] as number) + unaryRun,
    );
    previousEndsOperand =
      type === T.Identifier ||
      type === T.NumberToken ||
      type === T.RParen ||
      type === T.RBracket ||
      STRING_LITERAL[idx] === true;
  }
  if (maxDepth > MAX_NESTING) return { kind: 'nesting' };
  if (operators > MAX_OPERATORS) return { kind: 'operators', operators };
  return undefined;
}
