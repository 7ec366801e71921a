// Where the cursor is, for completion, read from core's lexer tokens around the offset: completion
// runs on text being typed (`x = $PendingTasks.`, `$NodeDeallocationOption = `) where the tree is
// partial. A member receiver's type comes from the checker, re-run with a placeholder name after
// the dot when the tree has no member there yet.

import {
  analyzeFormula,
  ANY,
  DEALLOCATION_OPTION,
  registry,
  type Expression,
  type Formula,
  type Range,
  type Type,
} from '@autoscale/core';
import type { FormulaDocument, LexToken } from '../document.ts';
import { forEachNode, isValidOffset, tokenAt, tokenIndexBefore } from '../queries.ts';

export type CompletionContextKind =
  /** Nothing can be completed here (inside a comment, string or number, or right after a complete operand). */
  | 'none'
  /** After `receiver.`: sample methods and/or timestamp members, by the receiver's type. */
  | 'member'
  /** After `$NodeDeallocationOption =`: the deallocation keywords. */
  | 'deallocation'
  /** Where a statement starts: assignment targets, `stop()`, templates. */
  | 'statement'
  /** Where an expression goes: variables, functions, constants. */
  | 'expression';

export interface CompletionContext {
  kind: CompletionContextKind;
  /** The word being completed (an identifier, `$` included), or an empty range at the cursor. */
  range: Range;
  /** The word's text before the cursor. */
  prefix: string;
  /** For 'member': the receiver's type (ANY when it cannot be known). */
  receiverType: Type;
  /** Start of the statement the cursor is in: user variables assigned before it are in scope. */
  statementStart: number;
}

/** A name the checker cannot mistake for anything (the lexer reads it as one identifier). */
const PLACEHOLDER = '__autoscale_completion__';

export function completionContext(doc: FormulaDocument, offset: number): CompletionContext {
  const none: CompletionContext = {
    kind: 'none',
    range: { start: offset, end: offset },
    prefix: '',
    receiverType: ANY,
    statementStart: 0,
  };
  if (!isValidOffset(doc, offset) || insideComment(doc, offset)) return none;
  let index = tokenIndexBefore(doc, offset);
  const current = tokenAt(doc, index);
  let word: LexToken | undefined;
  if (current && offset <= current.end) {
    if (current.class === 'identifier') {
      word = current;
      index--;
    } else if (
      current.class === 'number' ||
      (current.class === 'string' && (offset < current.end || !closedString(current.image)))
    ) {
      return none;
    }
  }
  const range = word ? { start: word.start, end: word.end } : { start: offset, end: offset };
  const prefix = word ? doc.text.slice(word.start, offset) : '';
  const base = { range, prefix, receiverType: ANY, statementStart: statementStart(doc, index) };
  const previous = tokenAt(doc, index);
  if (!previous || previous.image === ';') return { ...base, kind: 'statement' };
  if (previous.image === '.') return { ...base, kind: 'member', receiverType: receiverType(doc, range) };
  if (previous.image === '=' && isDeallocationTarget(tokenAt(doc, index - 1))) return { ...base, kind: 'deallocation' };
  if (endsOperand(previous)) {
    // `x = 1` then a new line: the next statement, its ';' not typed yet. On the same line, an
    // operator must come next, and there is no name to offer.
    return /[\r\n]/.test(doc.text.slice(previous.end, range.start))
      ? { ...base, kind: 'statement' }
      : { ...none, range, prefix };
  }
  return { ...base, kind: 'expression' };
}

function insideComment(doc: FormulaDocument, offset: number): boolean {
  if (doc.formula.comments.some((c) => c.range.start < offset && offset <= c.range.end)) return true;
  // Block comments are lexical errors (AS1003) rather than comments, but the cursor is still in one.
  return doc.diagnostics.some((d) => d.code === 'AS1003' && d.range.start < offset && offset < d.range.end);
}

function closedString(image: string): boolean {
  return image.length > 1 && image.endsWith(image.charAt(0));
}

function endsOperand(t: LexToken): boolean {
  return t.class === 'identifier' || t.class === 'number' || t.class === 'string' || t.image === ')' || t.image === ']';
}

function isDeallocationTarget(t: LexToken | undefined): boolean {
  return t !== undefined && t.class === 'identifier' && registry.variable(t.image)?.name === DEALLOCATION_OPTION;
}

/** Offset just after the last ';' before token `index` (0 when none). */
function statementStart(doc: FormulaDocument, index: number): number {
  for (let i = index; i >= 0; i--) {
    const t = doc.tokens[i] as LexToken;
    if (t.image === ';') return t.end;
  }
  return 0;
}

/** The type of the expression before the dot whose member starts at `range.start`. */
function receiverType(doc: FormulaDocument, range: Range): Type {
  const inTree = receiverIn(doc.formula, doc.analysis.types, range.start, undefined);
  if (inTree !== undefined) return inTree;
  // Nothing typed after the dot yet: the tree has no member node. Put a name there and re-check.
  const patched = doc.text.slice(0, range.start) + PLACEHOLDER + doc.text.slice(range.end);
  try {
    const result = analyzeFormula(patched);
    return receiverIn(result.formula, result.analysis.types, range.start, PLACEHOLDER) ?? ANY;
  } catch {
    return ANY;
  }
}

/** The receiver type of the member or method named at `memberStart` (optionally named `name`). */
function receiverIn(
  formula: Formula,
  types: Map<Expression, Type>,
  memberStart: number,
  name: string | undefined,
): Type | undefined {
  let found: Type | undefined;
  forEachNode(formula, (e) => {
    if (found !== undefined || (e.kind !== 'Member' && e.kind !== 'MethodCall')) return;
    const member = e.kind === 'Member' ? e.member : e.method;
    if (member.range.start !== memberStart || member.name === '' || (name !== undefined && member.name !== name))
      return;
    found = types.get(e.kind === 'Member' ? e.object : e.receiver) ?? ANY;
  });
  return found;
}
