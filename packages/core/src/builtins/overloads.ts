// Which overloads of a built-in accept a call: arity (with optional and variadic parameters) and
// parameter kinds against argument types. The checker resolves calls with it, and editor
// features (signature help) pick the active overload with it, so the two never disagree.

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

/** Whether every argument type fits its parameter; the unknown type fits anything. */
export function argumentsFit(o: Overload, argTypes: readonly Type[]): boolean {
  return argTypes.every((t, i) => t === ANY || (t & acceptedBy(paramKindAt(o, i))) !== 0);
}
