// Reads a YAML document node by node with positions, so every mistake in a test file is reported
// at the line and column of the node at fault. Owns YAML parsing (the `yaml` package) and typed
// readers for maps, lists and scalars; knows nothing about what the keys mean.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node } from 'yaml';
import { suggest } from '@autoscale/core';
import type { LoadError, Location } from './model.ts';

/** One `key: value` member of a map, in file order. */
export interface Member {
  key: string;
  keyNode: Node;
  /** The value, aliases resolved; null for `key:` with nothing after it. */
  value: Node | null;
  /** Path of the value, e.g. `tests[0].expect.$TargetDedicatedNodes`. */
  path: string;
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export class YamlSource {
  readonly file: string;
  /** The file's text. */
  readonly source: string;
  readonly errors: LoadError[] = [];
  /** The document's root node; undefined when the file is empty or not YAML. */
  readonly root: Node | null;
  private readonly lines = new LineCounter();
  private readonly doc: Document;

  constructor(file: string, text: string) {
    this.file = file;
    this.source = text;
    this.doc = parseDocument(text, { keepSourceTokens: true, lineCounter: this.lines, prettyErrors: false });
    // Warnings too (an unknown tag such as `!include`): silently reading such a node as plain text would hide the
    // mistake.
    for (const e of [...this.doc.errors, ...this.doc.warnings]) {
      this.errorAt(e.pos[0], '', `YAML: ${e.message.split('\n')[0] ?? e.message}`);
    }
    this.root = this.doc.errors.length > 0 ? null : this.deref(this.doc.contents);
  }

  location(node: Node | null | undefined): Location | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.locationOf(offset);
  }

  locationOf(offset: number): Location {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /** Reports at a node; at the file as a whole when the node has no position. */
  error(node: Node | null | undefined, path: string, message: string): void {
    this.report(this.location(node), path, message);
  }

  errorAt(offset: number, path: string, message: string): void {
    this.report(this.locationOf(offset), path, message);
  }

  /** `formula`: the error is the formula's own diagnostic, at that place in the formula's file. */
  report(loc: Location | undefined, path: string, message: string, formula?: LoadError['formula']): void {
    const error: LoadError =
      loc === undefined
        ? { file: this.file, path, message }
        : { file: this.file, line: loc.line, column: loc.column, path, message };
    if (formula !== undefined) error.formula = formula;
    this.errors.push(error);
  }

  /** Follows an alias (`*name`) to the node it names. */
  deref(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node as Node;
  }

  /** The members of a map, or undefined (reported) when `node` is not one. Keys must be plain scalars. */
  members(node: Node | null, path: string, what: string): Member[] | undefined {
    if (!isMap(node)) {
      this.error(node, path, `expected ${what} (a map), got ${describeNode(node)}`);
      return undefined;
    }
    const out: Member[] = [];
    for (const pair of node.items) {
      const keyNode = this.deref(pair.key);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.error(keyNode, path, `keys must be plain names, got ${describeNode(keyNode)}`);
        continue;
      }
      const key = scalarText(keyNode);
      out.push({ key, keyNode, value: this.deref(pair.value), path: childPath(path, key) });
    }
    return out;
  }

  /** Reports each member whose key is not allowed (with a "did you mean"); returns the allowed ones. */
  known(members: readonly Member[], allowed: readonly string[]): Member[] {
    return members.filter((m) => {
      if (allowed.includes(m.key)) return true;
      const near = suggest(m.key, allowed);
      const hint = near !== undefined ? `did you mean "${near}"?` : `expected one of: ${allowed.join(', ')}`;
      this.error(m.keyNode, m.path, `unknown key "${m.key}"; ${hint}`);
      return false;
    });
  }

  /** The items of a list, or undefined (reported) when `node` is not one. */
  items(node: Node | null, path: string, what: string): Array<{ node: Node | null; path: string }> | undefined {
    if (!isSeq(node)) {
      this.error(node, path, `expected ${what} (a list), got ${describeNode(node)}`);
      return undefined;
    }
    return node.items.map((item, i) => ({ node: this.deref(item), path: childPath(path, i) }));
  }

  /**
   * A scalar's text. A plain scalar gives its source exactly as written, so `0x60` (a series) or
   * `+01:00` (an offset) are not first turned into numbers by YAML's type resolution.
   */
  text(node: Node | null, path: string, what: string): string | undefined {
    if (isScalar(node) && node.value !== null && typeof node.value !== 'boolean' && typeof node.value !== 'object')
      return scalarText(node);
    this.error(node, path, `expected ${what}, got ${describeNode(node)}`);
    return undefined;
  }

  /** A whole number of at least `min`. */
  integer(node: Node | null, path: string, min: number, what: string): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value) && node.value >= min)
      return node.value;
    const got = isScalar(node) && typeof node.value === 'number' ? String(node.value) : describeNode(node);
    this.error(node, path, `expected ${what}, got ${got}`);
    return undefined;
  }
}

/** A plain scalar's source text, or a quoted/block scalar's value. */
export function scalarText(node: Scalar): string {
  if (node.type === Scalar.PLAIN && typeof node.source === 'string') return node.source;
  return String(node.value);
}

/** How a node reads in an error message: "a map", "a list", "a number (3)", "nothing", ... */
export function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing (null)';
    if (typeof v === 'boolean') return `a boolean (${String(v)})`;
    if (typeof v === 'number') return `a number (${scalarText(node)})`;
    if (typeof v === 'string') return `a string ("${v.length > 40 ? `${v.slice(0, 39)}…` : v}")`;
  }
  return 'an unsupported YAML value';
}
