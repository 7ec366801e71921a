// Shapes of registry entries. Every built-in name of the language is declared once, as one of
// these, with its documentation; see registry.ts for the lookups everything else uses.

import type { ParamKind, Type } from '../types.ts';
import type { BuiltinImpl, Runtime } from './support.ts';
import type { MetricRef, Value } from '../runtime/values.ts';

interface Documented {
  name: string;
  /** One line, shown in completion lists. */
  summary: string;
  /** Markdown, shown on hover and by `autoscale explain`. */
  docs: string;
  /** A formula fragment that parses, checks and evaluates on its own. */
  example: string;
}

export interface VariableEntry extends Documented {
  kind: 'variable';
  /** Other spellings the service accepts for the same variable (legacy names). */
  aliases: string[];
  access: 'read' | 'readwrite';
  /** Sampled metrics are read with the sample methods; plain variables are doubles. */
  sampled: boolean;
  unit: string;
  /** Retired after 31 March 2024: no longer populated with samples (docs/semantics.md §4.5). */
  retired?: boolean;
  /** Samples are percentages 0-100 (lint: compared with a fraction). */
  percentage?: boolean;
  /** For plain variables: the pool-state field of the evaluation context it reads. */
  poolField?: 'currentDedicatedNodes' | 'currentLowPriorityNodes' | 'taskSlotsPerNode' | 'usableNodeCount';
}

export interface Param {
  name: string;
  kind: ParamKind;
  optional?: boolean;
}

export interface Overload {
  params: Param[];
  /** The last parameter repeats (a doubleVecList takes any number of doubles and vectors). */
  variadic?: boolean;
  returns: Type;
  /** For signature help and messages, e.g. "avg(doubleVecList) -> double". */
  label: string;
  impl: BuiltinImpl;
  /**
   * impl for exactly two double arguments, without an argument list: generated code calls it when
   * a call passes two doubles (codegen.ts). Defined through the same computation as impl.
   */
  onTwoDoubles?: (a: number, b: number) => number;
  /** impl for one vector argument, likewise (`avg($PendingTasks.GetSample(...))`). */
  onVector?: (v: number[], at: number) => number;
  /** A method's impl for its metric and its one argument, likewise (`$PendingTasks.GetSample(1)`). */
  onMetricWith?: (m: MetricRef, arg: Value, rt: Runtime, at: number) => Value;
}

export interface FunctionEntry extends Documented {
  kind: 'function';
  overloads: Overload[];
}

export interface MethodEntry extends Documented {
  kind: 'method';
  overloads: Overload[];
}

export interface MemberEntry extends Documented {
  kind: 'member';
  returns: Type;
  /** UTC calendar field of a timestamp. */
  read: (ms: number) => number;
}

export interface ConstantEntry extends Documented {
  kind: 'constant';
  type: Type;
  /** Interval length in milliseconds. */
  milliseconds: number;
}

export interface KeywordEntry extends Documented {
  kind: 'keyword';
}

export type RegistryEntry = VariableEntry | FunctionEntry | MethodEntry | MemberEntry | ConstantEntry | KeywordEntry;
