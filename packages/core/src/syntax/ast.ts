// The abstract syntax tree of a formula. Plain data with exact half-open source ranges; produced
// by the parser, read by the checker, evaluator, formatter and editor features. No behaviour here.

import type { Range } from '../text/source.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
export type UnaryOperator = '-' | '!';

interface NodeBase {
  range: Range;
}

export interface NumberLiteral extends NodeBase {
  kind: 'Number';
  value: number;
  text: string;
}

export interface StringLiteral extends NodeBase {
  kind: 'String';
  /** Contents between the quotes, exactly as written (the language has no escapes). */
  value: string;
  /** Not closed on its line (AS1006): the value runs to the end of the line and means nothing. */
  unterminated?: true;
}

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  name: string;
}

/** `name(args)`: a built-in function call. */
export interface Call extends NodeBase {
  kind: 'Call';
  callee: Identifier;
  args: Expression[];
  /** Offset of the '(' (the service reports call errors there). */
  openParen: number;
}

/** `receiver.Method(args)`: a sample method call. */
export interface MethodCall extends NodeBase {
  kind: 'MethodCall';
  receiver: Expression;
  method: Identifier;
  args: Expression[];
  openParen: number;
}

/** `object.member`: a timestamp member. */
export interface Member extends NodeBase {
  kind: 'Member';
  object: Expression;
  member: Identifier;
}

export interface Unary extends NodeBase {
  kind: 'Unary';
  operator: UnaryOperator;
  operand: Expression;
}

export interface Binary extends NodeBase {
  kind: 'Binary';
  operator: BinaryOperator;
  operatorRange: Range;
  left: Expression;
  right: Expression;
}

export interface Conditional extends NodeBase {
  kind: 'Conditional';
  test: Expression;
  consequent: Expression;
  alternate: Expression;
  /** Range of the '?' token. */
  questionRange: Range;
}

export interface Paren extends NodeBase {
  kind: 'Paren';
  expression: Expression;
}

export interface VectorLiteral extends NodeBase {
  kind: 'Vector';
  elements: Expression[];
}

/** Stands in for an expression the parser could not read (error recovery). */
export interface Missing extends NodeBase {
  kind: 'Missing';
}

export type Expression =
  | NumberLiteral
  | StringLiteral
  | Identifier
  | Call
  | MethodCall
  | Member
  | Unary
  | Binary
  | Conditional
  | Paren
  | VectorLiteral
  | Missing;

export interface Assignment extends NodeBase {
  kind: 'Assignment';
  target: Identifier;
  value: Expression;
}

export interface ExpressionStatement extends NodeBase {
  kind: 'ExpressionStatement';
  expression: Expression;
  /** Set when a syntax error separates it from the previous statement (not a real statement start). */
  afterSyntaxError?: boolean;
}

export type Statement = Assignment | ExpressionStatement;

export interface Comment extends NodeBase {
  /** Text including the leading `//`. */
  text: string;
}

export interface Formula extends NodeBase {
  kind: 'Formula';
  statements: Statement[];
  comments: Comment[];
  /** Ranges of the `;` tokens, in order (the formatter and empty-statement check use them). */
  semicolons: Range[];
}

/** Visits every expression below `expr` (pre-order), including `expr` itself. */
export function forEachExpression(expr: Expression, visit: (e: Expression) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'Call':
      for (const a of expr.args) forEachExpression(a, visit);
      return;
    case 'MethodCall':
      forEachExpression(expr.receiver, visit);
      for (const a of expr.args) forEachExpression(a, visit);
      return;
    case 'Member':
      forEachExpression(expr.object, visit);
      return;
    case 'Unary':
      forEachExpression(expr.operand, visit);
      return;
    case 'Binary':
      forEachExpression(expr.left, visit);
      forEachExpression(expr.right, visit);
      return;
    case 'Conditional':
      forEachExpression(expr.test, visit);
      forEachExpression(expr.consequent, visit);
      forEachExpression(expr.alternate, visit);
      return;
    case 'Paren':
      forEachExpression(expr.expression, visit);
      return;
    case 'Vector':
      for (const e of expr.elements) forEachExpression(e, visit);
      return;
    case 'Number':
    case 'String':
    case 'Identifier':
    case 'Missing':
      return;
    default:
      assertNever(expr);
  }
}

export function statementExpression(s: Statement): Expression {
  return s.kind === 'Assignment' ? s.value : s.expression;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}
