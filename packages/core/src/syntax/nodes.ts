// The AST nodes the grammar's actions (parser.ts) build from tokens: token ranges, the
// placeholders error recovery leaves, literals, names, and the grouping of a flat chain of binary
// operators by precedence. No grammar here: only what a matched token sequence becomes.

import type { IToken } from 'chevrotain';
import type { BinaryOperator, Expression, Identifier, Missing } from './ast.ts';
import * as T from './tokens.ts';
import type { Range } from '../text/source.ts';

const NO_RANGE: Range = { start: -1, end: -1 };

/** A placeholder range (-1 offsets), repaired by parse.ts; a fresh object each time, see tokenRange. */
export function noRange(): Range {
  return { ...NO_RANGE };
}

export function tokenRange(t: IToken): Range {
  // A fresh object each time: parse.ts repairs placeholder ranges in place, and a shared one
  // would carry one formula's offsets into every later parse.
  if (t.isInsertedInRecovery || !(t.startOffset >= 0)) return { ...NO_RANGE };
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/** Smallest range covering both; tolerates the placeholder ranges of recovered nodes. */
export function cover(a: Range, b: Range): Range {
  const start = a.start >= 0 ? a.start : b.start;
  const end = b.end >= 0 ? b.end : a.end;
  return { start, end: Math.max(start, end) };
}

export function missing(): Missing {
  return { kind: 'Missing', range: { ...NO_RANGE } };
}

export function identifier(t: IToken): Identifier {
  return { kind: 'Identifier', name: t.isInsertedInRecovery ? '' : t.image, range: tokenRange(t) };
}

export function numberLiteral(t: IToken): Expression {
  return {
    kind: 'Number',
    value: parseFloat(t.image.startsWith('.') ? `0${t.image}` : t.image),
    text: t.image,
    range: tokenRange(t),
  };
}

export function stringLiteral(t: IToken): Expression {
  const literal: Expression = { kind: 'String', value: stringBody(t.image), range: tokenRange(t) };
  if (t.tokenType === T.UnterminatedString) literal.unterminated = true;
  return literal;
}

function stringBody(image: string): string {
  const quote = image[0];
  const closed = image.length > 1 && image.endsWith(quote ?? '"');
  return image.slice(1, closed ? -1 : undefined);
}

/** Binding strength of each binary operator, loosest first (docs/semantics.md §2.2). */
const PRECEDENCE: Record<BinaryOperator, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

/** Builds left-associative binary nodes from `e0 op1 e1 op2 e2 ...` by precedence climbing. */
export function climb(operands: Expression[], operators: IToken[]): Expression {
  let index = 0;
  const parse = (minPrecedence: number): Expression => {
    let left = operands[index] as Expression;
    while (index < operators.length) {
      const token = operators[index] as IToken;
      const precedence = PRECEDENCE[operatorOf(token)];
      if (precedence < minPrecedence) break;
      index++;
      left = binaryNode(left, token, parse(precedence + 1));
    }
    return left;
  };
  return parse(0);
}

/** `left op right`, one node of a chain. */
export function binaryNode(left: Expression, token: IToken, right: Expression): Expression {
  return {
    kind: 'Binary',
    operator: operatorOf(token),
    operatorRange: tokenRange(token),
    left,
    right,
    range: cover(left.range, right.range.end >= 0 ? right.range : tokenRange(token)),
  };
}

/** The operator a token stands for; a lone '&' or '|' (already reported) reads as '&&' / '||'. */
function operatorOf(t: IToken): BinaryOperator {
  if (t.tokenType === T.SingleAmpersand) return '&&';
  if (t.tokenType === T.SinglePipe) return '||';
  return t.image as BinaryOperator;
}
