// Lookups by offset shared by the features: the name reference, statement or token at a cursor,
// whether an offset is usable at all, and which assignment a read of a user variable sees.
// Plain functions over a FormulaDocument; no feature logic.

import {
  registry,
  type Expression,
  type Formula,
  type Range,
  type Statement,
  type SymbolReference,
} from '@autoscale/core';
import type { FormulaDocument, LexToken } from './document.ts';

/** Whether `offset` is a position in the text (0 to length inclusive), so bad input answers nothing. */
export function isValidOffset(doc: FormulaDocument, offset: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset <= doc.text.length && doc.degraded === undefined;
}

/** A well-formed range inside the text, or undefined. */
export function validRange(doc: FormulaDocument, range: Range | undefined): Range | undefined {
  if (!range || !Number.isInteger(range.start) || !Number.isInteger(range.end)) return undefined;
  const start = Math.max(0, Math.min(range.start, range.end));
  const end = Math.min(doc.text.length, Math.max(range.start, range.end));
  return start <= end ? { start, end } : undefined;
}

/** Whether two ranges share a character or touch (a cursor at either end counts). */
export function touches(a: Range, b: Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Index of the last element whose `start` is at most `offset` (-1 when none); items sorted by start. */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(items[mid] as T) <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The name reference under the cursor: the identifier containing `offset` or ending at it. */
export function referenceAt(doc: FormulaDocument, offset: number): SymbolReference | undefined {
  if (!isValidOffset(doc, offset)) return undefined;
  const refs = doc.references;
  const i = lastStartingAtOrBefore(refs, offset, (r) => r.range.start);
  const ref = refs[i];
  return ref && offset <= ref.range.end && ref.name !== '' ? ref : undefined;
}

/** Index of the last token starting strictly before `offset` (-1 when none). */
export function tokenIndexBefore(doc: FormulaDocument, offset: number): number {
  return lastStartingAtOrBefore(doc.tokens, offset - 1, (t) => t.start);
}

export function tokenAt(doc: FormulaDocument, index: number): LexToken | undefined {
  return index >= 0 ? doc.tokens[index] : undefined;
}

/** The statement whose range contains `offset`, if any. */
export function statementAt(doc: FormulaDocument, offset: number): Statement | undefined {
  const statements = doc.formula.statements;
  const i = lastStartingAtOrBefore(statements, offset, (s) => s.range.start);
  const s = statements[i];
  return s && offset <= s.range.end ? s : undefined;
}

/** Same symbol: same kind, and for service variables the same variable whatever alias spells it. */
export function sameSymbol(a: SymbolReference, b: SymbolReference): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'service') return registry.variable(a.name)?.name === registry.variable(b.name)?.name;
  return a.name === b.name;
}

/** The assignments (definition references) of user variable `name`, in source order. */
export function definitionsOf(doc: FormulaDocument, name: string): SymbolReference[] {
  return doc.references.filter((r) => r.kind === 'user' && r.isDefinition && r.name === name);
}

/**
 * The assignment whose value a read sees: the last one in an earlier statement (statements run in
 * order, and `x = x + 1` reads the previous x). A definition sees itself.
 */
export function reachingDefinition(doc: FormulaDocument, ref: SymbolReference): SymbolReference | undefined {
  if (ref.isDefinition) return ref;
  const before = definitionsOf(doc, ref.name).filter((d) => d.statement < ref.statement);
  return before[before.length - 1];
}

/** Every expression of the formula, pre-order (assignment targets included as identifiers). */
export function forEachNode(formula: Formula, visit: (e: Expression) => void): void {
  for (const s of formula.statements) {
    if (s.kind === 'Assignment') {
      visit(s.target);
      walk(s.value, visit);
    } else {
      walk(s.expression, visit);
    }
  }
}

/** Iterative pre-order walk: deep trees must not exhaust the stack of an editor's worker. */
function walk(root: Expression, visit: (e: Expression) => void): void {
  const stack: Expression[] = [root];
  while (stack.length > 0) {
    const e = stack.pop() as Expression;
    visit(e);
    const children = childrenOf(e);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Expression);
  }
}

function childrenOf(e: Expression): Expression[] {
  switch (e.kind) {
    case 'Call':
      return e.args;
    case 'MethodCall':
      return [e.receiver, ...e.args];
    case 'Member':
      return [e.object];
    case 'Unary':
      return [e.operand];
    case 'Binary':
      return [e.left, e.right];
    case 'Conditional':
      return [e.test, e.consequent, e.alternate];
    case 'Paren':
      return [e.expression];
    case 'Vector':
      return e.elements;
    default:
      return [];
  }
}

/**
 * A statement as written, with its ';' when one follows (a statement's range ends before it), line
 * breaks kept so that comments inside stay comments, cut to `max` characters.
 */
export function statementText(doc: FormulaDocument, statement: Statement, max = 400): string {
  const after = /^[ \t]*;/.exec(doc.text.slice(statement.range.end, statement.range.end + 200));
  const text = doc.text.slice(statement.range.start, statement.range.end + (after ? after[0].length : 0)).trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
