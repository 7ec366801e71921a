// Overload resolution's finding for a list of argument types: -1 when no overload takes that many
// arguments, otherwise the union of the return types of the overloads whose parameters admit them
// (0 when none does). It depends on the overload list and the argument types only, a few small
// numbers, so each combination is worked out once (with builtins/overloads.ts, the rules the
// evaluator and signature help use too) and then looked up: the checker resolves every call.

import type { Overload } from '../builtins/entry.ts';
import { argumentsFit, arityAccepts } from '../builtins/overloads.ts';
import type { Type } from '../types.ts';

export const NO_ARITY = -1;

const found = new WeakMap<readonly Overload[], Map<number, number>>();

/** Types are bit sets below 256 (types.ts): up to six of them and their count fit one number. */
const MAX_KEYED = 6;

export function overloadMatch(overloads: readonly Overload[], argTypes: readonly Type[]): number {
  if (argTypes.length > MAX_KEYED) return match(overloads, argTypes);
  let key = argTypes.length * 2 ** 48;
  for (let i = 0; i < argTypes.length; i++) key += (argTypes[i] as Type) * 256 ** i;
  let byTypes = found.get(overloads);
  if (byTypes === undefined) {
    byTypes = new Map();
    found.set(overloads, byTypes);
  }
  let result = byTypes.get(key);
  if (result === undefined) {
    result = match(overloads, argTypes);
    byTypes.set(key, result);
  }
  return result;
}

function match(overloads: readonly Overload[], argTypes: readonly Type[]): number {
  let arityMatches = 0;
  let result = 0;
  for (const o of overloads) {
    if (!arityAccepts(o, argTypes.length)) continue;
    arityMatches++;
    if (argumentsFit(o, argTypes)) result |= o.returns;
  }
  return arityMatches === 0 ? NO_ARITY : result;
}
