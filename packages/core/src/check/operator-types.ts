// The result type of an operator over operand types that may be unions, from the operator table:
// the union of the rows each pair of member types matches, 0 when none does. The checker asks for
// every operator node; the answer depends on three small numbers only, so it is worked out once per
// combination (a union's member pairs are several table lookups).

import type { BinaryOperator, UnaryOperator } from '../syntax/ast.ts';
import { BINARY_OPERATORS, findBinaryRow, findUnaryRow } from '../operators.ts';
import { members, type Type } from '../types.ts';

const OPERATOR_INDEX = new Map<string, number>(BINARY_OPERATORS.map((op, i) => [op, i]));

const binaryResults = new Map<number, Type>();
const unaryResults = new Map<number, Type>();

/** Types are bit sets below 256 (types.ts), so operator, left and right fit one number. */
export function binaryResultType(op: BinaryOperator, left: Type, right: Type): Type {
  const key = (((OPERATOR_INDEX.get(op) as number) << 8) | left) * 256 + right;
  let result = binaryResults.get(key);
  if (result === undefined) {
    result = 0;
    for (const l of members(left)) for (const r of members(right)) result |= findBinaryRow(op, l, r)?.result ?? 0;
    binaryResults.set(key, result);
  }
  return result;
}

export function unaryResultType(op: UnaryOperator, operand: Type): Type {
  const key = (op === '-' ? 0 : 256) + operand;
  let result = unaryResults.get(key);
  if (result === undefined) {
    result = 0;
    for (const m of members(operand)) result |= findUnaryRow(op, m)?.result ?? 0;
    unaryResults.set(key, result);
  }
  return result;
}
