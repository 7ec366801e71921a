// The operator table (docs/semantics.md §3.2, complete): one row per operand-type combination,
// with its result type and its implementation. The checker reads the types, the evaluator the
// implementations, so they cannot disagree. Every combination not listed is a type error.

import type { BinaryOperator, UnaryOperator } from './syntax/ast.ts';
import { DOUBLE, INTERVAL, STRING, TIMESTAMP, typeName, VEC, type Type } from './types.ts';
import { Interval, Timestamp, type Value } from './runtime/values.ts';

/**
 * Thrown by an implementation for a value-level failure (vectors of different lengths); the evaluator adds the
 * location.
 */
export class OperatorValueError extends Error {
  readonly leftLength: number;
  readonly rightLength: number;
  constructor(leftLength: number, rightLength: number) {
    super(`vector lengths ${leftLength} and ${rightLength}`);
    this.leftLength = leftLength;
    this.rightLength = rightLength;
  }
}

type BinaryImpl = (left: Value, right: Value) => Value;

export interface BinaryRow {
  operators: readonly BinaryOperator[];
  left: Type;
  right: Type;
  result: Type;
  impl: (op: BinaryOperator) => BinaryImpl;
}

const ARITHMETIC = ['+', '-', '*', '/'] as const;
const COMPARISON = ['<', '<=', '==', '>=', '>', '!='] as const;

// One small function per operator, chosen when a row's implementation is made: an evaluation calls
// it directly (V8 inlines functions this small anywhere), with no switch on the operator per call.
type NumberOperation = (a: number, b: number) => number;

const ARITHMETIC_OPERATIONS: Record<(typeof ARITHMETIC)[number], NumberOperation> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

function arithmetic(op: BinaryOperator): NumberOperation {
  return ARITHMETIC_OPERATIONS[op as (typeof ARITHMETIC)[number]] ?? (() => Number.NaN);
}

/** Comparisons of two numbers or two strings (ordinal), 1 for true and 0 for false. */
type Comparison = (a: number | string, b: number | string) => number;

const COMPARISONS: Record<(typeof COMPARISON)[number], Comparison> = {
  '<': (a, b) => (a < b ? 1 : 0),
  '<=': (a, b) => (a <= b ? 1 : 0),
  '>': (a, b) => (a > b ? 1 : 0),
  '>=': (a, b) => (a >= b ? 1 : 0),
  '==': (a, b) => (a === b ? 1 : 0),
  '!=': (a, b) => (a !== b ? 1 : 0),
};

function comparison(op: BinaryOperator): Comparison {
  return COMPARISONS[op as (typeof COMPARISON)[number]] ?? (() => 0);
}

function vectorWith(f: NumberOperation, v: number[], d: number): number[] {
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = f(v[i] ?? 0, d);
  return out;
}

function vectorPair(f: NumberOperation, a: number[], b: number[]): number[] {
  if (a.length !== b.length) throw new OperatorValueError(a.length, b.length);
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i] ?? 0, b[i] ?? 0);
  return out;
}

const ms = (v: Value): number => (v as Interval | Timestamp).ms;

export const BINARY_TABLE: readonly BinaryRow[] = [
  {
    operators: ARITHMETIC,
    left: DOUBLE,
    right: DOUBLE,
    result: DOUBLE,
    impl: (op) => arithmetic(op) as BinaryImpl,
  },
  {
    operators: ['*'],
    left: DOUBLE,
    right: INTERVAL,
    result: INTERVAL,
    impl: () => (a, b) => new Interval((a as number) * ms(b)),
  },
  {
    operators: ARITHMETIC,
    left: VEC,
    right: DOUBLE,
    result: VEC,
    impl: (op) => {
      const f = arithmetic(op);
      return (a, b) => vectorWith(f, a as number[], b as number);
    },
  },
  {
    operators: ARITHMETIC,
    left: VEC,
    right: VEC,
    result: VEC,
    impl: (op) => {
      const f = arithmetic(op);
      return (a, b) => vectorPair(f, a as number[], b as number[]);
    },
  },
  {
    operators: ['*', '/'],
    left: INTERVAL,
    right: DOUBLE,
    result: INTERVAL,
    impl: (op) => {
      const f = arithmetic(op);
      return (a, b) => new Interval(f(ms(a), b as number));
    },
  },
  {
    operators: ['+', '-'],
    left: INTERVAL,
    right: INTERVAL,
    result: INTERVAL,
    impl: (op) => {
      const f = arithmetic(op);
      return (a, b) => new Interval(f(ms(a), ms(b)));
    },
  },
  {
    operators: ['+'],
    left: INTERVAL,
    right: TIMESTAMP,
    result: TIMESTAMP,
    impl: () => (a, b) => new Timestamp(ms(a) + ms(b)),
  },
  {
    operators: ['+'],
    left: TIMESTAMP,
    right: INTERVAL,
    result: TIMESTAMP,
    impl: () => (a, b) => new Timestamp(ms(a) + ms(b)),
  },
  {
    operators: ['-'],
    left: TIMESTAMP,
    right: TIMESTAMP,
    result: INTERVAL,
    impl: () => (a, b) => new Interval(ms(a) - ms(b)),
  },
  {
    operators: COMPARISON,
    left: DOUBLE,
    right: DOUBLE,
    result: DOUBLE,
    impl: (op) => comparison(op) as BinaryImpl,
  },
  // Strings compare ordinally (code unit by code unit); the service's collation is undocumented.
  {
    operators: COMPARISON,
    left: STRING,
    right: STRING,
    result: DOUBLE,
    impl: (op) => comparison(op) as BinaryImpl,
  },
  {
    operators: COMPARISON,
    left: TIMESTAMP,
    right: TIMESTAMP,
    result: DOUBLE,
    impl: (op) => {
      const f = comparison(op);
      return (a, b) => f(ms(a), ms(b));
    },
  },
  {
    operators: COMPARISON,
    left: INTERVAL,
    right: INTERVAL,
    result: DOUBLE,
    impl: (op) => {
      const f = comparison(op);
      return (a, b) => f(ms(a), ms(b));
    },
  },
  {
    operators: ['&&'],
    left: DOUBLE,
    right: DOUBLE,
    result: DOUBLE,
    impl: () => (a, b) => ((a as number) !== 0 && (b as number) !== 0 ? 1 : 0),
  },
  {
    operators: ['||'],
    left: DOUBLE,
    right: DOUBLE,
    result: DOUBLE,
    impl: () => (a, b) => ((a as number) !== 0 || (b as number) !== 0 ? 1 : 0),
  },
];

export interface UnaryRow {
  operator: UnaryOperator;
  operand: Type;
  result: Type;
  impl: (v: Value) => Value;
}

export const UNARY_TABLE: readonly UnaryRow[] = [
  { operator: '-', operand: DOUBLE, result: DOUBLE, impl: (v) => -(v as number) },
  { operator: '!', operand: DOUBLE, result: DOUBLE, impl: (v) => ((v as number) === 0 ? 1 : 0) },
  { operator: '-', operand: INTERVAL, result: INTERVAL, impl: (v) => new Interval(-ms(v)) },
];

/** Every binary operator the table has a row for, in the table's order. */
export const BINARY_OPERATORS: readonly BinaryOperator[] = [...new Set(BINARY_TABLE.flatMap((row) => row.operators))];
const OPERATOR_INDEX = new Map(BINARY_OPERATORS.map((op, i) => [op, i]));

/** One number for (operator, left, right): types are bit sets below 256 (types.ts). */
function binaryKey(op: BinaryOperator, left: Type, right: Type): number {
  return ((OPERATOR_INDEX.get(op) ?? -1) * 256 + left) * 256 + right;
}

/** (operator, left bit, right bit) -> row; built once from the table. */
const binaryIndex = new Map<number, BinaryRow>();
for (const row of BINARY_TABLE)
  for (const op of row.operators) binaryIndex.set(binaryKey(op, row.left, row.right), row);

export function findBinaryRow(op: BinaryOperator, left: Type, right: Type): BinaryRow | undefined {
  return binaryIndex.get(binaryKey(op, left, right));
}

export function findUnaryRow(op: UnaryOperator, operand: Type): UnaryRow | undefined {
  return UNARY_TABLE.find((r) => r.operator === op && r.operand === operand);
}

/** Which operand-type pairs an operator accepts, for error messages ("expects double and double, ..."). */
export function describeOperatorSignatures(op: BinaryOperator): string[] {
  return BINARY_TABLE.filter((r) => r.operators.includes(op)).map(
    (r) => `${typeName(r.left)} ${op} ${typeName(r.right)}`,
  );
}
