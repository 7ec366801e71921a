// What the checker learns about a formula besides diagnostics: the type of every expression and
// every name reference, resolved. Editor features (hover, rename, references, inlay hints) read it.

import type { Expression, Identifier } from '../syntax/ast.ts';
import type { Range } from '../text/source.ts';
import type { Type } from '../types.ts';

export type SymbolKind = 'user' | 'service' | 'constant' | 'keyword' | 'function' | 'method' | 'member' | 'unknown';

export interface SymbolReference {
  name: string;
  range: Range;
  kind: SymbolKind;
  /** True for the target of an assignment. */
  isDefinition: boolean;
  /** Index of the statement the reference is in. */
  statement: number;
}

export interface UserVariable {
  name: string;
  /** Ranges of the assignment targets, in source order. */
  definitions: Range[];
  /** Type after the last assignment (a union if assignments disagree). */
  type: Type;
}

export interface Analysis {
  /**
   * The type of every expression, and of each assignment target to a user or writable service
   * variable: the type the variable holds after it (a metric is stored as its latest sample, a double).
   */
  types: Map<Expression, Type>;
  references: SymbolReference[];
  userVariables: Map<string, UserVariable>;
  /** The identifier node behind each reference, for editor features that need the node. */
  identifiers: Map<Identifier, SymbolReference>;
}
