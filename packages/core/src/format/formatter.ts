// The formatter: one canonical layout for a formula, comments kept, idempotent, meaning unchanged.
// Owns the layout rules below; knows nothing about types, built-ins or evaluation. Refuses a text
// with syntax errors (returns those diagnostics) rather than guess, so nothing is ever lost.
//
// Layout rules:
// - One statement per line, no indentation, each ending with `;` (the final `;` is added; the
//   service accepts it). Empty statements (`;;`) are removed. Lines end in `\n` (CRLF and lone
//   CR are normalised); a non-empty result ends with one `\n`; an empty formula formats to ''.
// - Single spaces around binary operators, `=`, `?` and `:`; `, ` between arguments and vector
//   elements; nothing inside parentheses or brackets, between a function or method name and `(`,
//   after a unary `-`/`!`, or around the `.` of member and method access (`$x.GetSample(1)`,
//   `time().hour`). One exception keeps the meaning: an integer literal before `.` keeps one
//   space (`1 .hour`), since `1.hour` would lex as the malformed number `1.`.
// - Parentheses are kept exactly as written (they carry the author's intent); numbers, strings
//   and names are printed exactly as their source text, never re-spelled.
// - Comments on their own line(s) stay on their own lines, before whatever followed them (or at
//   the end). A comment on the same line as the end of a statement (before or after its `;`)
//   stays on that line, after the `;`, separated by one space; a second such comment (possible
//   when the `;` sits on a later line after a comment) goes on its own line below.
// - A comment between two tokens of one statement stays between those tokens: the statement is
//   broken after the comment and continues on the next line indented by four spaces
//   (CONTINUATION_INDENT). This keeps every comment next to the code it annotates, keeps several
//   such comments apart (joining them on one line would merge them into one comment), and is
//   still canonical: the layout depends only on the tokens and where the comments fall.
// - Blank lines: one or more blank lines in the source before a statement or an own-line comment
//   become exactly one blank line; blank lines at the start and end and inside a statement go.
// - Comment text is kept except for trailing whitespace, which is removed.
// - No line wrapping: long lines stay long (one layout, no width-dependent choices).

import type { Diagnostic } from '../diagnostics.ts';
import type { Range } from '../text/source.ts';
import { assertNever, type Comment, type Expression, type Formula, type Statement } from '../syntax/ast.ts';
import { lex } from '../syntax/lexer.ts';
import { parse } from '../syntax/parse.ts';

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; diagnostics: Diagnostic[] };

/** Indentation of the lines that continue a statement broken by a comment inside it. */
export const CONTINUATION_INDENT = '    ';

export function formatFormula(text: string): FormatResult {
  const { formula, diagnostics } = parse(text);
  const errors = diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('AS1'));
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const tokenStarts = lex(text).tokens.map((t) => t.startOffset);
  const formatted = layout(text, formula, tokenStarts);
  return { ok: true, text: formatted, changed: formatted !== text };
}

/** One printed token: its text and whether a space separates it from the previous token. */
interface Piece {
  text: string;
  space: boolean;
}

type TopItem =
  | { kind: 'statement'; statement: Statement; comments: Comment[] }
  | { kind: 'semicolon'; range: Range }
  | { kind: 'comment'; comment: Comment };

/** What the last output line is, which decides whether a same-line comment may trail it. */
type LastLine = 'none' | 'statement' | 'statement+comment' | 'comment';

function layout(text: string, formula: Formula, tokenStarts: number[]): string {
  const lines: string[] = [];
  let last: LastLine = 'none';
  let pendingBlank = false;
  // End of the previous token or comment, and whether it was a token (statement or `;`).
  let previousEnd = 0;
  let previousWasToken = false;

  const startLine = (): void => {
    if (pendingBlank && lines.length > 0) lines.push('');
    pendingBlank = false;
  };

  for (const item of topItems(formula)) {
    const range = itemRange(item);
    const gap = text.slice(previousEnd, range.start);
    const breaks = lineBreaks(gap);
    if (breaks >= 2) pendingBlank = true;

    if (item.kind === 'statement') {
      startLine();
      const pieces = printStatement(item.statement, text);
      const starts = tokenStarts.filter((s) => s >= item.statement.range.start && s < item.statement.range.end);
      lines.push(...renderStatement(pieces, starts, item.comments));
      last = 'statement';
      previousWasToken = true;
    } else if (item.kind === 'semicolon') {
      previousWasToken = true;
    } else {
      const comment = item.comment.text.trimEnd();
      const index = lines.length - 1;
      if (breaks === 0 && previousWasToken && last === 'statement' && index >= 0) {
        lines[index] = `${lines[index] ?? ''} ${comment}`;
        last = 'statement+comment';
      } else {
        startLine();
        lines.push(comment);
        last = 'comment';
      }
      previousWasToken = false;
    }
    previousEnd = range.end;
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Statements (each with the comments inside it), `;`s and the other comments, in source order. */
function topItems(formula: Formula): TopItem[] {
  const items: TopItem[] = [];
  const inner = new Map<Statement, Comment[]>();
  for (const statement of formula.statements) {
    inner.set(statement, []);
    items.push({ kind: 'statement', statement, comments: inner.get(statement) ?? [] });
  }
  for (const range of formula.semicolons) items.push({ kind: 'semicolon', range });
  for (const comment of formula.comments) {
    const owner = formula.statements.find(
      (s) => comment.range.start > s.range.start && comment.range.start < s.range.end,
    );
    if (owner) inner.get(owner)?.push(comment);
    else items.push({ kind: 'comment', comment });
  }
  items.sort((a, b) => itemRange(a).start - itemRange(b).start);
  for (const list of inner.values()) list.sort((a, b) => a.range.start - b.range.start);
  return items;
}

function itemRange(item: TopItem): Range {
  switch (item.kind) {
    case 'statement':
      return item.statement.range;
    case 'semicolon':
      return item.range;
    case 'comment':
      return item.comment.range;
    default:
      return assertNever(item);
  }
}

/** Counts line breaks (CR LF, lone CR, lone LF) in whitespace between two items. */
function lineBreaks(gap: string): number {
  return gap.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * Lays out one statement from its printed pieces (one per source token, in order, so that
 * `starts[i]` is the source offset of `pieces[i]`) and the comments that fall inside it.
 */
function renderStatement(pieces: Piece[], starts: number[], comments: Comment[]): string[] {
  if (comments.length === 0 || pieces.length !== starts.length) {
    // Without inner comments the token offsets are not needed. A count mismatch would be a bug in
    // the printer; the comments then go before the statement, so that none is ever lost.
    const line = joinPieces(pieces);
    return [...comments.map((c) => c.text.trimEnd()), `${line};`];
  }
  const lines: string[] = [];
  let line = '';
  let atLineStart = true;
  let next = 0;
  pieces.forEach((piece, i) => {
    const start = starts[i] ?? 0;
    for (let c = comments[next]; c && c.range.start < start; c = comments[++next]) {
      const comment = c.text.trimEnd();
      lines.push(atLineStart ? `${line}${comment}` : `${line} ${comment}`);
      line = CONTINUATION_INDENT;
      atLineStart = true;
    }
    line += atLineStart || !piece.space ? piece.text : ` ${piece.text}`;
    atLineStart = false;
  });
  lines.push(`${line};`);
  return lines;
}

function joinPieces(pieces: Piece[]): string {
  return pieces.map((p, i) => (i > 0 && p.space ? ` ${p.text}` : p.text)).join('');
}

/** Prints a statement as pieces, one per source token (the `;` excluded). */
function printStatement(statement: Statement, text: string): Piece[] {
  const out: Piece[] = [];
  if (statement.kind === 'Assignment') {
    out.push({ text: source(text, statement.target.range), space: false });
    out.push({ text: '=', space: true });
    printExpression(statement.value, text, out, true);
  } else {
    printExpression(statement.expression, text, out, false);
  }
  return out;
}

function printExpression(e: Expression, text: string, out: Piece[], space: boolean): void {
  switch (e.kind) {
    case 'Number':
    case 'String':
    case 'Identifier':
    case 'Missing':
      // Leaves are printed from the source so numbers and strings keep their exact spelling.
      out.push({ text: source(text, e.range), space });
      return;
    case 'Call':
      out.push({ text: source(text, e.callee.range), space });
      printArguments(e.args, '(', ')', text, out);
      return;
    case 'MethodCall':
    case 'Member': {
      const receiver = e.kind === 'MethodCall' ? e.receiver : e.object;
      printExpression(receiver, text, out, space);
      // `1.hour` would lex as the number `1.`; a space keeps the integer a separate token.
      const integer = receiver.kind === 'Number' && /^\d+$/.test(source(text, receiver.range));
      out.push({ text: '.', space: integer });
      out.push({ text: source(text, e.kind === 'MethodCall' ? e.method.range : e.member.range), space: false });
      if (e.kind === 'MethodCall') printArguments(e.args, '(', ')', text, out);
      return;
    }
    case 'Unary':
      out.push({ text: e.operator, space });
      printExpression(e.operand, text, out, false);
      return;
    case 'Binary':
      printExpression(e.left, text, out, space);
      out.push({ text: e.operator, space: true });
      printExpression(e.right, text, out, true);
      return;
    case 'Conditional':
      printExpression(e.test, text, out, space);
      out.push({ text: '?', space: true });
      printExpression(e.consequent, text, out, true);
      out.push({ text: ':', space: true });
      printExpression(e.alternate, text, out, true);
      return;
    case 'Paren':
      out.push({ text: '(', space });
      printExpression(e.expression, text, out, false);
      out.push({ text: ')', space: false });
      return;
    case 'Vector':
      out.push({ text: '[', space });
      printList(e.elements, text, out);
      out.push({ text: ']', space: false });
      return;
    default:
      assertNever(e);
  }
}

function printArguments(args: Expression[], open: string, close: string, text: string, out: Piece[]): void {
  out.push({ text: open, space: false });
  printList(args, text, out);
  out.push({ text: close, space: false });
}

function printList(items: Expression[], text: string, out: Piece[]): void {
  items.forEach((item, i) => {
    if (i > 0) out.push({ text: ',', space: false });
    printExpression(item, text, out, i > 0);
  });
}

function source(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}
