// Collects what the checker learns for an Analysis (analysis.ts) as it walks: the type of each
// node and the identifier behind each reference, in flat arrays, filling the two node-keyed maps
// only when something first uses them. A map keyed by fresh AST nodes costs a hash per node, a
// good part of checking, and only editor features (hover, completion, inlay hints...) ever read
// them; `autoscale check` and the diagnostics of each edit do not. A map, once filled, holds
// exactly what setting it during the walk would have: the same entries, in the same order.

import type { Expression, Identifier } from '../syntax/ast.ts';
import type { Type } from '../types.ts';
import type { Analysis, SymbolReference, UserVariable } from './analysis.ts';

/**
 * A Map that holds recorded `set` calls until its first use, then replays them. It is a real Map
 * (instanceof, every method); only what reads Map internals directly (structuredClone,
 * util.inspect) sees it empty before a first method call.
 */
export class RecordedMap<K, V> extends Map<K, V> {
  /** The recorded sets, key and value in turn. */
  #pairs: ReadonlyArray<K | V> | undefined;

  constructor(pairs: ReadonlyArray<K | V>) {
    super();
    this.#pairs = pairs;
  }

  #fill(): void {
    const pairs = this.#pairs;
    if (pairs === undefined) return;
    this.#pairs = undefined;
    for (let i = 0; i < pairs.length; i += 2) super.set(pairs[i] as K, pairs[i + 1] as V);
  }

  override get(key: K): V | undefined {
    this.#fill();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.#fill();
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.#fill();
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.#fill();
    return super.delete(key);
  }
  override clear(): void {
    this.#fill();
    super.clear();
  }
  override get size(): number {
    this.#fill();
    return super.size;
  }
  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(callback, thisArg);
  }
  override entries(): MapIterator<[K, V]> {
    this.#fill();
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.#fill();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.#fill();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.#fill();
    return super[Symbol.iterator]();
  }
}

export class AnalysisRecorder {
  readonly references: SymbolReference[] = [];
  readonly userVariables = new Map<string, UserVariable>();
  /** `types.set(e, t)` calls: node and type in turn. */
  private readonly types: Array<Expression | Type> = [];
  /** `identifiers.set(id, ref)` calls, apart from the public array of references a reader could reorder. */
  private readonly identifiers: Array<Identifier | SymbolReference> = [];

  /** `types.set(e, t)`, recorded. */
  setType(e: Expression, t: Type): void {
    this.types.push(e, t);
  }

  /** A reference, and `identifiers.set(id, ref)` recorded. */
  reference(id: Identifier, ref: SymbolReference): void {
    this.references.push(ref);
    this.identifiers.push(id, ref);
  }

  /** The analysis; call once, when the walk is done. */
  analysis(): Analysis {
    return {
      types: new RecordedMap<Expression, Type>(this.types),
      references: this.references,
      userVariables: this.userVariables,
      identifiers: new RecordedMap<Identifier, SymbolReference>(this.identifiers),
    };
  }
}
