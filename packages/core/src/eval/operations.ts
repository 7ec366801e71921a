// The operations both routes of evaluation call, the closures (compile.ts) and the generated
// function (codegen.ts): operators through the operator table, metrics made plain values, method
// receivers checked, overloads chosen per call site. One definition each, so the routes cannot
// differ in what an operation does or in the error it raises.

import type { BinaryOperator, UnaryOperator } from '../syntax/ast.ts';
import type { Overload } from '../builtins/entry.ts';
import { argumentFits, arityAccepts } from '../builtins/overloads.ts';
import { latestSample, type Runtime } from '../builtins/support.ts';
import { findBinaryRow, findUnaryRow, OperatorValueError } from '../operators.ts';
import { DOUBLE, typeName, type Type } from '../types.ts';
import { type EvaluationFailure, evaluationFailure } from '../runtime/errors.ts';
import { MetricRef, typeOfValue, type Value } from '../runtime/values.ts';

export type OperatorImpl = (l: Value, r: Value) => Value;

/**
 * The operator table's function for `op` on each pair of operand types, looked up once per pair
 * and kept (the table's own row and function: semantics stay the table's). Types are single bits
 * at run time, so a pair is an index into 8 x 8 entries.
 */
function operatorImpls(op: BinaryOperator): (left: Type, right: Type) => OperatorImpl | undefined {
  const found = new Array<OperatorImpl | null | undefined>(64);
  return (left, right) => {
    const key = (31 - Math.clz32(left)) * 8 + (31 - Math.clz32(right));
    let impl = found[key];
    if (impl === undefined) {
      impl = findBinaryRow(op, left, right)?.impl(op) ?? null;
      found[key] = impl;
    }
    return impl ?? undefined;
  };
}

/** A binary operator applied to operand types it has no row for. */
function binaryMismatch(op: BinaryOperator, l: Value, r: Value, at: number): EvaluationFailure {
  const [left, right] = [typeName(typeOfValue(l)), typeName(typeOfValue(r))];
  return evaluationFailure('AS3003', 'binaryOperator', { operator: op, left, right }, at);
}

/** Vectors of different lengths combined by an operator. */
function lengthsDiffer(err: OperatorValueError, at: number): EvaluationFailure {
  return evaluationFailure('AS3004', 'vectorLengths', { left: err.leftLength, right: err.rightLength }, at);
}

/** The operator table's function for `op` on two doubles, if it has one. */
export function doublesImpl(op: BinaryOperator): OperatorImpl | undefined {
  return findBinaryRow(op, DOUBLE, DOUBLE)?.impl(op);
}

/**
 * `op` on two plain values of any types: the table's function for their types, or the service's
 * error at `at` (no row for them; vectors of different lengths).
 */
export function binaryApplier(op: BinaryOperator, at: number): OperatorImpl {
  const apply = operatorImpls(op);
  return (l, r) => {
    const impl = apply(typeOfValue(l), typeOfValue(r));
    if (impl === undefined) throw binaryMismatch(op, l, r, at);
    try {
      return impl(l, r);
    } catch (err) {
      if (err instanceof OperatorValueError) throw lengthsDiffer(err, at);
      throw err;
    }
  };
}

/** A unary operator on a plain value that is not a double: the table's row for its type, or the service's error. */
export function unaryApplier(op: UnaryOperator, at: number): (v: Value) => Value {
  return (v) => {
    const row = findUnaryRow(op, typeOfValue(v));
    if (!row)
      throw evaluationFailure('AS3003', 'unaryOperator', { operator: op, operand: typeName(typeOfValue(v)) }, at);
    return row.impl(v);
  };
}

/** Metrics become their latest sample wherever a plain value is stored or combined. */
export function plainValue(v: Value, rt: Runtime, at: number): Value {
  return v instanceof MetricRef ? latestSample(v, rt, at) : v;
}

/** The check of a method's receiver value: the value itself when it is a metric. */
export function receiverCheck(method: string, at: number): (r: Value) => MetricRef {
  return (r) => {
    if (!(r instanceof MetricRef))
      throw evaluationFailure('AS3003', 'methodOfNonMetric', { method, type: typeName(typeOfValue(r)) }, at);
    return r;
  };
}

/** A value's type as 0-7 (its type bit's position), for remembering overload choices. */
export function typeIndex(v: Value): number {
  return typeof v === 'number' ? 0 : 31 - Math.clz32(typeOfValue(v));
}

/**
 * One call site's overload choice. The argument count is fixed by the text, so arities are matched
 * once; per call only the argument types count, and the overload picked for them is remembered
 * (a call site sees the same types evaluation after evaluation). The rule is overloads.ts's, as
 * the checker's, so the two never disagree.
 */
export class CallSite {
  /** The argument types (typeIndex digits, base 8) the remembered overload was picked for. */
  key = -1;
  chosen: Overload | undefined;
  private readonly name: string;
  /** The overloads whose arity admits the call. */
  readonly candidates: readonly Overload[];
  /** values[first] is the first argument: a method call's values[0] is its receiver. */
  private readonly first: number;
  private readonly at: number;
  private readonly remembers: boolean;

  constructor(name: string, overloads: readonly Overload[], argumentCount: number, first: number, at: number) {
    this.name = name;
    this.candidates = overloads.filter((o) => arityAccepts(o, argumentCount));
    this.first = first;
    this.at = at;
    // Keys of up to 17 arguments are exact integers (8^17 < 2^53); longer lists always pick.
    this.remembers = argumentCount <= 17;
  }

  /** The overload for `values`, whose types make `key`; the service's error when none admits them. */
  choose(values: readonly Value[], key: number): Overload {
    const chosen = this.pick(values);
    if (chosen === undefined) {
      const argumentTypes = values
        .slice(this.first)
        .map((v) => typeName(typeOfValue(v)))
        .join(', ');
      throw evaluationFailure('AS3003', 'noOverload', { name: this.name, argumentTypes }, this.at);
    }
    if (this.remembers) {
      this.chosen = chosen;
      this.key = key;
    }
    return chosen;
  }

  /** The overload arguments of these types get (values of these types always get the same one). */
  overloadFor(argumentTypes: readonly Type[]): Overload | undefined {
    return this.candidates.find((o) => argumentTypes.every((t, i) => argumentFits(o, i, t)));
  }

  /** The first candidate whose parameter kinds admit the argument values; allocates nothing. */
  private pick(values: readonly Value[]): Overload | undefined {
    outer: for (const o of this.candidates) {
      for (let i = this.first; i < values.length; i++) {
        if (!argumentFits(o, i - this.first, typeOfValue(values[i] as Value))) continue outer;
      }
      return o;
    }
    return undefined;
  }
}
