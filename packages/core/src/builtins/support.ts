// Shared runtime helpers for built-in implementations: the runtime services a built-in may use,
// argument coercion (a metric used as a number is its latest sample) and doubleVecList flattening.

import { evaluationFailure } from '../runtime/errors.ts';
import { formatValueType } from './describe.ts';
import { MetricRef, type Value } from '../runtime/values.ts';

/** What a built-in implementation may ask of the evaluation. */
export interface Runtime {
  /** The evaluation instant, ms since the epoch. */
  readonly now: number;
  readonly availabilityDelay: number;
  random(): number;
}

/** Signature of every function and method implementation; `at` is the offset errors point at. */
export type BuiltinImpl = (args: Value[], rt: Runtime, at: number) => Value;

/** Latest visible sample of a metric used as a number (docs/semantics.md §4.9). */
export function latestSample(m: MetricRef, rt: Runtime, at: number): number {
  const n = m.countUpTo(rt.now - rt.availabilityDelay);
  if (n === 0) {
    throw evaluationFailure('AS3002', 'noSampleAsNumber', { metric: m.name }, at, 'InsufficientSampleData');
  }
  return m.history.values[n - 1] as number;
}

export function toDouble(v: Value, rt: Runtime, at: number, what: string): number {
  if (typeof v === 'number') return v;
  if (v instanceof MetricRef) return latestSample(v, rt, at);
  throw evaluationFailure('AS3003', 'expectsDouble', { what, type: formatValueType(v) }, at);
}

export function toVector(v: Value, at: number, what: string): number[] {
  if (Array.isArray(v)) return v;
  throw evaluationFailure('AS3003', 'expectsVector', { what, type: formatValueType(v) }, at);
}

/** A doubleVecList argument list, converted to one vector before evaluation. */
export function flatten(args: Value[], rt: Runtime, at: number, what: string): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0];
  // Two doubles (max(0, x), min(x, 20)): the commonest list, as one literal.
  if (args.length === 2) {
    const [a, b] = args;
    if (typeof a === 'number' && typeof b === 'number') return [a, b];
  }
  // Always a new array built here, even from doubles alone: an array of doubles only (unboxed),
  // which the aggregates read fastest; the argument list itself holds values of any type. Sized
  // first and filled, not grown by push (see sliceValues).
  let length = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Value;
    length += Array.isArray(a) ? a.length : 1;
  }
  const out = new Array<number>(length);
  let next = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Value;
    if (Array.isArray(a)) for (let j = 0; j < a.length; j++) out[next++] = a[j] as number;
    else out[next++] = toDouble(a, rt, at, what);
  }
  return out;
}
