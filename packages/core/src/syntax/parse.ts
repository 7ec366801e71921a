// Parsing stage entry point: text to `Formula` plus diagnostics, never throwing. Runs the lexer and
// the chevrotain parser, turns recognition errors into diagnostics with exact ranges, and applies
// the formula-level rules the grammar does not express (missing ';', empty statements, limits).

import type { IRecognitionException, IToken } from 'chevrotain';
import { diagnostic, diagnosticWithText, fix, sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import type { Range } from '../text/source.ts';
import type { Expression, Formula, Statement } from './ast.ts';
import { guardDepth } from './depth-guard.ts';
import { lexWithBusiest } from './lexer.ts';
import { describeToken, formulaParser, tokenRange, type TopItem, withEndOfText } from './parser.ts';

/** The service rejects longer formulas (AutoScaleFormulaTooLong). */
export const MAX_FORMULA_LENGTH = 8192;
/** "up to 100 statements that are separated by semicolons". */
export const MAX_STATEMENTS = 100;

export interface ParseResult {
  formula: Formula;
  diagnostics: Diagnostic[];
}

export function parse(text: string): ParseResult {
  const { lexed, busiest } = lexWithBusiest(text);
  const guarded = guardDepth(lexed.tokens, busiest);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics, ...guarded.diagnostics];
  const parser = formulaParser();
  parser.input = withEndOfText(guarded.tokens);
  const items = parser.parseItems();
  const lastTokenEnd = lastEnd(lexed.tokens, text);
  for (const error of parser.errors) diagnostics.push(recognitionDiagnostic(error, lastTokenEnd));
  const errorStarts = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => d.range.start)
    .sort((a, b) => a - b);

  const statements: Statement[] = [];
  const semicolons: Range[] = [];
  let previous: TopItem | undefined;
  for (const item of items) {
    if (item.kind === 'semicolon') {
      semicolons.push(item.range);
      if (!previous || previous.kind === 'semicolon') {
        diagnostics.push(
          diagnostic('AS1008', 'empty', {}, item.range, [
            fix('removeExtraSemicolon', {}, [{ range: item.range, newText: '' }]),
          ]),
        );
      }
    } else if (item.kind === 'statement') {
      if (parser.errors.length > 0) repairRanges(item.statement, previousEnd(previous, lastTokenEnd));
      const errorBefore =
        previous?.kind === 'statement' &&
        hasErrorBetween(errorStarts, previous.statement.range.end, item.statement.range.start);
      if (errorBefore && item.statement.kind === 'ExpressionStatement') item.statement.afterSyntaxError = true;
      if (previous?.kind === 'statement' && previous.statement.range.end >= 0 && !errorBefore) {
        const at = previous.statement.range.end;
        diagnostics.push(
          diagnostic(
            'AS1002',
            'missing',
            { word: firstWord(text, item.statement.range) },
            firstTokenRange(text, item.statement.range),
            [fix('insertSemicolon', {}, [{ range: { start: at, end: at }, newText: ';' }])],
          ),
        );
      }
      statements.push(item.statement);
    } else {
      const range = tokenRange(item.token);
      diagnostics.push(diagnostic('AS1001', 'unexpected', { token: describeToken(item.token) }, range));
    }
    previous = item;
  }

  if (text.length > MAX_FORMULA_LENGTH) {
    diagnostics.push(
      diagnostic(
        'AS1009',
        'tooLong',
        { length: text.length, limit: MAX_FORMULA_LENGTH },
        { start: MAX_FORMULA_LENGTH, end: text.length },
      ),
    );
  }
  if (statements.length > MAX_STATEMENTS) {
    const extra = statements[MAX_STATEMENTS];
    const last = statements[statements.length - 1];
    if (extra && last) {
      diagnostics.push(
        diagnostic(
          'AS1010',
          'tooMany',
          { count: statements.length, limit: MAX_STATEMENTS },
          { start: extra.range.start, end: last.range.end },
        ),
      );
    }
  }

  const formula: Formula = {
    kind: 'Formula',
    statements,
    comments: lexed.comments,
    semicolons,
    range: { start: 0, end: text.length },
  };
  return { formula, diagnostics: sortDiagnostics(dedupe(diagnostics)) };
}

/**
 * A lexical or parse error between two statements explains the missing ';' better than AS1002.
 * `errorStarts` is sorted: a binary search keeps this linear overall on huge broken texts.
 */
function hasErrorBetween(errorStarts: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = errorStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((errorStarts[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < errorStarts.length && (errorStarts[lo] as number) < to;
}

function previousEnd(previous: TopItem | undefined, fallback: number): number {
  if (!previous) return 0;
  if (previous.kind === 'semicolon') return previous.range.end;
  if (previous.kind === 'statement') return Math.max(0, previous.statement.range.end);
  const r = tokenRange(previous.token);
  return r.end >= 0 ? r.end : fallback;
}

function lastEnd(tokens: IToken[], text: string): number {
  const last = tokens[tokens.length - 1];
  return last ? last.startOffset + last.image.length : text.trimEnd().length;
}

/** A parse error as AS1001; its message comes from the registry's templates (parser.ts's message provider). */
function recognitionDiagnostic(error: IRecognitionException, endOfInput: number): Diagnostic {
  const t = error.token;
  let range = tokenRange(t);
  if (range.start < 0) range = { start: endOfInput, end: endOfInput };
  return diagnosticWithText('AS1001', error.message, range);
}

function firstWord(text: string, range: Range): string {
  const m = /^[A-Za-z0-9_$]+|^\S/.exec(text.slice(range.start, range.end));
  return m ? m[0] : text.slice(range.start, range.start + 1);
}

function firstTokenRange(text: string, range: Range): Range {
  return { start: range.start, end: range.start + firstWord(text, range).length };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.range.start}:${d.range.end}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Gives every node built during error recovery a real range. Recovered nodes carry -1 offsets;
 * each one becomes an empty range at the end of whatever precedes it in the source.
 */
function repairRanges(statement: Statement, before: number): void {
  let last = before;
  const fix = (r: Range): void => {
    if (r.start < 0) r.start = last;
    if (r.end < r.start) r.end = r.start;
    last = Math.max(last, r.end);
  };
  const visit = (e: Expression): void => {
    switch (e.kind) {
      case 'Call':
        fix(e.callee.range);
        e.args.forEach(visit);
        break;
      case 'MethodCall':
        visit(e.receiver);
        fix(e.method.range);
        e.args.forEach(visit);
        break;
      case 'Member':
        visit(e.object);
        fix(e.member.range);
        break;
      case 'Unary':
        visit(e.operand);
        break;
      case 'Binary':
        visit(e.left);
        fix(e.operatorRange);
        visit(e.right);
        break;
      case 'Conditional':
        visit(e.test);
        fix(e.questionRange);
        visit(e.consequent);
        visit(e.alternate);
        break;
      case 'Paren':
        visit(e.expression);
        break;
      case 'Vector':
        e.elements.forEach(visit);
        break;
      default:
        break;
    }
    fix(e.range);
  };
  if (statement.kind === 'Assignment') {
    fix(statement.target.range);
    visit(statement.value);
  } else {
    visit(statement.expression);
  }
  fix(statement.range);
}
