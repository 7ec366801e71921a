// Compile-time values of constant expressions (`TimeInterval_Minute * 10`, `span` after
// `span = TimeInterval_Hour;`), so lints can reason about sample windows and time strings.
// Uses the operator table's own implementations: there is no second arithmetic here.

import type { Expression } from '../syntax/ast.ts';
import { builtinName } from './builtin-names.ts';
import { findBinaryRow, findUnaryRow, OperatorValueError } from '../operators.ts';
import { Interval, typeOfValue, type Value } from '../runtime/values.ts';

/** Values of user variables currently known to be constant. */
export type ConstantScope = ReadonlyMap<string, Value>;

export function foldConstant(e: Expression, scope: ConstantScope): Value | undefined {
  switch (e.kind) {
    case 'Number':
      return e.value;
    case 'String':
      return e.value;
    case 'Paren':
      return foldConstant(e.expression, scope);
    case 'Identifier': {
      const c = builtinName(e.name)?.constant;
      if (c) return new Interval(c.milliseconds);
      return scope.get(e.name);
    }
    case 'Unary': {
      const v = foldConstant(e.operand, scope);
      if (v === undefined) return undefined;
      const row = findUnaryRow(e.operator, typeOfValue(v));
      return row ? row.impl(v) : undefined;
    }
    case 'Binary': {
      const l = foldConstant(e.left, scope);
      const r = l === undefined ? undefined : foldConstant(e.right, scope);
      if (l === undefined || r === undefined) return undefined;
      const row = findBinaryRow(e.operator, typeOfValue(l), typeOfValue(r));
      if (!row) return undefined;
      try {
        return row.impl(e.operator)(l, r);
      } catch (err) {
        if (err instanceof OperatorValueError) return undefined;
        throw err;
      }
    }
    default:
      return undefined;
  }
}
