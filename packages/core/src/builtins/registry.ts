// The one registry of built-in names. The checker, the evaluator, and (later) hover, completion,
// signature help and the TextMate grammar generator read these lookups; nothing else lists names.

import { CONSTANTS, KEYWORDS, TIMESTAMP_MEMBERS } from './constants.ts';
import type {
  ConstantEntry,
  FunctionEntry,
  KeywordEntry,
  MemberEntry,
  MethodEntry,
  RegistryEntry,
  VariableEntry,
} from './entry.ts';
import { FUNCTIONS } from './functions.ts';
import { METHODS } from './methods.ts';
import { VARIABLES } from './variables.ts';
import { orList } from '../text/words.ts';

export const TARGET_DEDICATED = '$TargetDedicatedNodes';
export const TARGET_LOW_PRIORITY = '$TargetLowPriorityNodes';
export const DEALLOCATION_OPTION = '$NodeDeallocationOption';
export const DEFAULT_DEALLOCATION_OPTION = 'requeue';
/** The service variables every results string starts with, in this order. */
export const RESULT_VARIABLES = [TARGET_DEDICATED, TARGET_LOW_PRIORITY, DEALLOCATION_OPTION] as const;
/** The deallocation keywords' names (did-you-mean candidates), built once for checker and evaluator. */
export const KEYWORD_NAMES: readonly string[] = KEYWORDS.map((k) => k.name);
/** The same names as messages list them ("x, y or z"). */
export const KEYWORD_LIST = orList(KEYWORD_NAMES);

function byName<T extends { name: string }>(entries: readonly T[]): ReadonlyMap<string, T> {
  return new Map(entries.map((e) => [e.name, e]));
}

const variableByName = new Map<string, VariableEntry>();
for (const v of VARIABLES) {
  variableByName.set(v.name, v);
  for (const alias of v.aliases) variableByName.set(alias, v);
}

const variableByLowerName = new Map<string, VariableEntry>();
for (const [spelling, entry] of variableByName) variableByLowerName.set(spelling.toLowerCase(), entry);

const functionByName = byName(FUNCTIONS);
const methodByName = byName(METHODS);
const memberByName = byName(TIMESTAMP_MEMBERS);
const constantByName = byName(CONSTANTS);
const keywordByName = byName(KEYWORDS);

export const registry = {
  variables: VARIABLES,
  functions: FUNCTIONS,
  methods: METHODS,
  members: TIMESTAMP_MEMBERS,
  constants: CONSTANTS,
  keywords: KEYWORDS,
  /** A service variable by its name or one of its aliases. */
  variable: (name: string): VariableEntry | undefined => variableByName.get(name),
  /** A service variable whose name or alias matches ignoring case (for "did you mean" lints). */
  variableIgnoringCase: (name: string): VariableEntry | undefined => variableByLowerName.get(name.toLowerCase()),
  function: (name: string): FunctionEntry | undefined => functionByName.get(name),
  method: (name: string): MethodEntry | undefined => methodByName.get(name),
  member: (name: string): MemberEntry | undefined => memberByName.get(name),
  constant: (name: string): ConstantEntry | undefined => constantByName.get(name),
  keyword: (name: string): KeywordEntry | undefined => keywordByName.get(name),
  /** Every entry, for documentation and registry-wide tests. */
  all: (): RegistryEntry[] => [...VARIABLES, ...FUNCTIONS, ...METHODS, ...TIMESTAMP_MEMBERS, ...CONSTANTS, ...KEYWORDS],
  /** Names of the sampled metrics (e.g. for the context file's `metrics` keys). */
  sampledMetricNames: (): string[] => VARIABLES.filter((v) => v.sampled).map((v) => v.name),
  /** Every spelling a service variable can have, aliases included. */
  variableSpellings: (): string[] => [...variableByName.keys()],
};

export type Registry = typeof registry;
