// Everything the registry says a name is, in one lookup: the checker, the lints and the bounds ask
// for a name's service variable, constant, keyword and function in turn, four lookups for each user
// variable's name (which is none of them). Built from the registry's own lookups, so each answer is
// exactly the registry's.

import { registry } from '../builtins/registry.ts';
import type { ConstantEntry, FunctionEntry, KeywordEntry, VariableEntry } from '../builtins/entry.ts';

export interface BuiltinName {
  variable?: VariableEntry;
  constant?: ConstantEntry;
  keyword?: KeywordEntry;
  function?: FunctionEntry;
}

const names = new Map<string, BuiltinName>();
for (const name of [
  ...registry.variableSpellings(),
  ...registry.constants.map((c) => c.name),
  ...registry.keywords.map((k) => k.name),
  ...registry.functions.map((f) => f.name),
]) {
  const entry: BuiltinName = {};
  const variable = registry.variable(name);
  const constant = registry.constant(name);
  const keyword = registry.keyword(name);
  const fn = registry.function(name);
  if (variable) entry.variable = variable;
  if (constant) entry.constant = constant;
  if (keyword) entry.keyword = keyword;
  if (fn) entry.function = fn;
  names.set(name, entry);
}

/** What the registry knows by this name, or undefined when it is none of a variable, constant, keyword or function. */
export function builtinName(name: string): BuiltinName | undefined {
  return names.get(name);
}
