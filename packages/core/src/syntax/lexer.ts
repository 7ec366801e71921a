// Lexing stage: text to tokens plus comments plus diagnostics. Never throws; every character of
// the input ends up in a token, a comment or a diagnostic. Owns the lexical error messages.

import { Lexer, type IToken } from 'chevrotain';
import { diagnostic, fix, replaceFix, type Diagnostic } from '../diagnostics.ts';
import type { Comment } from './ast.ts';
import { type ScanResult, scan } from './scanner.ts';
import * as T from './tokens.ts';

let lexer: Lexer | undefined;

/**
 * Chevrotain's lexer over the same token definitions; `validate` runs its checks of them, which a
 * test does (the definitions are fixed) so that no process pays for them.
 */
function newLexer(validate: boolean): Lexer {
  return new Lexer(T.allTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: !validate,
  });
}

/** Builds a lexer with chevrotain's checks of the token definitions on; throws on a defect. */
export function validateTokens(): void {
  void newLexer(true);
}

/**
 * Chevrotain's own tokenizing of the text: what scanner.ts must give, for its test only (lexing
 * itself is the scanner's, several times faster).
 */
export function referenceScan(text: string): ScanResult {
  lexer ??= newLexer(false);
  const result = lexer.tokenize(text);
  return {
    tokens: result.tokens,
    groups: { comments: result.groups[T.COMMENT_GROUP] ?? [], errors: result.groups[T.ERROR_GROUP] ?? [] },
    errors: result.errors.map((e) => ({ offset: e.offset, length: e.length })),
    suspect: result.tokens.filter((t) => tokenDiagnostic(t) !== undefined),
    // Not chevrotain's to say: the scanner's own count, which its test checks against depth-guard.ts.
    busiest: Number.NaN,
  };
}

export interface LexResult {
  tokens: IToken[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

const ACCEPTED_NUMBER = /^\d+(?:\.\d+)?$/;

export function lex(text: string): LexResult {
  return lexWithBusiest(text).lexed;
}

/** `lex`, and the scanner's `busiest` (the parsing stage's depth guard reads it). */
export function lexWithBusiest(text: string): { lexed: LexResult; busiest: number } {
  const result = scan(text);
  const diagnostics: Diagnostic[] = [];
  const comments: Comment[] = result.groups.comments.map((t) => ({
    text: t.image,
    range: { start: t.startOffset, end: t.startOffset + t.image.length },
  }));
  for (const t of result.groups.errors) {
    diagnostics.push(errorTokenDiagnostic(t, text));
  }
  // Characters no token can start with (control and non-ASCII characters): chevrotain skips a run.
  for (const e of result.errors) {
    const range = { start: e.offset, end: e.offset + e.length };
    diagnostics.push(
      diagnostic('AS1007', 'unexpected', { characters: describeCharacters(text.slice(range.start, range.end)) }, range),
    );
  }
  // Only the tokens the scanner flagged can have a diagnostic (its test holds it to that).
  for (const t of result.suspect) {
    const d = tokenDiagnostic(t);
    if (d) diagnostics.push(d);
  }
  return { lexed: { tokens: result.tokens, comments, diagnostics }, busiest: result.busiest };
}

function rangeOf(t: IToken) {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

function errorTokenDiagnostic(t: IToken, text: string): Diagnostic {
  const range = rangeOf(t);
  if (t.tokenType === T.BlockComment) {
    const closed = t.image.endsWith('*/') && t.image.length >= 4;
    const body = t.image.slice(2, closed ? -2 : undefined);
    // Code after the comment on its last line must not end up inside the '//' comment.
    const codeFollows = /^[ \t]*[^\s]/.test(text.slice(range.end).split(/\r?\n|\r/, 1)[0] ?? '');
    const replacement =
      body
        .split(/\r?\n/)
        .map((line) => `//${line}`)
        .join('\n') + (codeFollows ? '\n' : '');
    return diagnostic('AS1003', 'blockComment', {}, range, [
      fix('convertBlockComment', {}, [{ range, newText: replacement }]),
    ]);
  }
  const ch = t.image;
  if (ch === '\\' && text[t.startOffset + 1] === '"') {
    return diagnostic('AS1007', 'escapedQuote', {}, range, [fix('removeBackslash', {}, [{ range, newText: '' }])]);
  }
  if (ch === '{' || ch === '}') {
    return diagnostic('AS1007', 'interpolation', { character: ch }, range);
  }
  if (ch === '%') {
    return diagnostic('AS1007', 'remainder', {}, range);
  }
  return diagnostic('AS1007', 'unexpected', { characters: describeCharacters(ch) }, range);
}

/** "character 'é'" or "characters U+0001 U+0002", readable whatever the characters are. */
function describeCharacters(chars: string): string {
  const shown = [...chars].map((c) =>
    /[\p{Cc}\s]/u.test(c) ? `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`,
  );
  return `character${shown.length > 1 ? 's' : ''} ${shown.join(' ')}`;
}

function tokenDiagnostic(t: IToken): Diagnostic | undefined {
  const range = rangeOf(t);
  switch (t.tokenType) {
    case T.NumberToken: {
      if (ACCEPTED_NUMBER.test(t.image)) return undefined;
      const fixed = acceptedNumberSpelling(t.image);
      return fixed
        ? diagnostic('AS1004', 'spellingWithFix', { spelling: t.image, accepted: fixed }, range, [
            replaceFix(range, fixed, 'write'),
          ])
        : diagnostic('AS1004', 'spelling', { spelling: t.image }, range);
    }
    case T.SingleQuotedString: {
      const body = t.image.endsWith("'") && t.image.length > 1 ? t.image.slice(1, -1) : t.image.slice(1);
      return diagnostic('AS1005', 'singleQuotes', {}, range, [
        fix('useDoubleQuotes', {}, [{ range, newText: `"${body}"` }]),
      ]);
    }
    case T.SingleAmpersand:
    case T.SinglePipe: {
      const ch = t.image;
      return diagnostic('AS1007', 'singleLogical', { character: ch, operator: ch + ch }, range, [
        replaceFix(range, ch + ch, 'replaceWith'),
      ]);
    }
    case T.UnterminatedString: {
      // `time("2024-01-01);` means `time("2024-01-01");`: the quote goes before the closing
      // brackets, commas and ';' the string swallowed, not after them.
      const swallowed = /[)\],;\s]*$/.exec(t.image.slice(1))?.[0].length ?? 0;
      const at = range.end - swallowed;
      return diagnostic('AS1006', 'unclosed', {}, range, [
        fix('closeString', {}, [{ range: { start: at, end: at }, newText: '"' }]),
      ]);
    }
    default:
      return undefined;
  }
}

/** The accepted spelling of a number the lexer read in another form, when one exists. */
export function acceptedNumberSpelling(image: string): string | undefined {
  const value = globalThis.Number(image);
  if (!Number.isFinite(value) || value < 0) return undefined;
  // Plain positional notation, without exponent; only offer it when it is exact and short.
  const text = value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  if (!ACCEPTED_NUMBER.test(text) || text.length > 40 || globalThis.Number(text) !== value) return undefined;
  return text;
}
