// Which overloads of a built-in accept a call: arity (with optional and variadic parameters) and
// parameter kinds against argument types. The checker resolves calls with it (static types), the
// evaluator picks the overload to run with it (the types of the values), and editor features
// (signature help) pick the active overload with it, so none of them ever disagree.

import { acceptedBy, ANY, type ParamKind, type Type } from '../types.ts';
import type { Overload } from './entry.ts';

/** Whether `o` can be called with `count` arguments. A variadic list may also be empty. */
export function arityAccepts(o: Overload, count: number): boolean {
  const required = o.params.filter((p) => !p.optional).length;
  if (o.variadic) return count >= required - 1;
  return count >= required && count <= o.params.length;
}

/** The kind of the parameter the argument at `index` binds to (the last one repeats if variadic). */
export function paramKindAt(o: Overload, index: number): ParamKind {
  const p = o.params[Math.min(index, o.params.length - 1)];
  return p ? p.kind : 'double';
}

/** Whether an argument of type `t` at `index` fits its parameter; the unknown type fits anything. */
export function argumentFits(o: Overload, index: number, t: Type): boolean {
  return t === ANY || (t & acceptedBy(paramKindAt(o, index))) !== 0;
}

/** Whether every argument type fits its parameter. */
export function argumentsFit(o: Overload, argTypes: readonly Type[]): boolean {
  return argTypes.every((t, i) => argumentFits(o, i, t));
}
