// The tokenizer: the token definitions of tokens.ts, scanned by hand in one pass over the
// characters. Chevrotain's lexer tries each token's regular expression in turn and took a quarter
// of parsing; this gives exactly what it gives for the same definitions (first matching token in
// allTokens order, the same token objects, groups and error runs), and
// packages/core/test/scanner.test.ts holds the two equal on generated and corpus texts.

import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens.ts';

/** What chevrotain's `Lexer.tokenize` returns, the parts lexer.ts reads. */
export interface ScanResult {
  tokens: IToken[];
  groups: { comments: IToken[]; errors: IToken[] };
  /** Runs of characters no token can start with (chevrotain's lexing errors). */
  errors: Array<{ offset: number; length: number }>;
  /**
   * The tokens, in order, that are spelt in a way the language does not accept (a number other
   * than `digits ('.' digits)?`, a single-quoted or unclosed string, a lone '&' or '|'), so that
   * the lexing stage looks at these rather than at every token.
   */
  suspect: IToken[];
  /**
   * The most tokens in one statement (between ';') that can deepen a statement or count as an
   * operator: ( [ ? . and every operator. It bounds both measures of depth-guard.ts, so a formula
   * whose every statement has few needs no closer look.
   */
  busiest: number;
}

// Character classes, by char code: what can start a token, and what continues a name or a number.
const START = new Uint8Array(128);
const NAME_START = 1;
const NAME_PART = 2;
const DIGIT = 4;
const SPACE = 8;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) START[c] = (START[c] ?? 0) | NAME_START;
  if (/[A-Za-z0-9_]/.test(ch)) START[c] = (START[c] ?? 0) | NAME_PART;
  if (/[0-9]/.test(ch)) START[c] = (START[c] ?? 0) | DIGIT;
  if (/[ \t\r\n\f\v]/.test(ch)) START[c] = (START[c] ?? 0) | SPACE;
}

/**
 * A token type with what each of its tokens holds, read once: token types are objects of many
 * shapes (chevrotain's createToken), and reading their fields per token was a third of scanning.
 */
interface Kind {
  readonly type: TokenType;
  readonly idx: number;
  /** The spelling, for a token type that has one. */
  readonly image: string;
}

function kind(type: TokenType): Kind {
  return { type, idx: type.tokenTypeIdx as number, image: typeof type.PATTERN === 'string' ? type.PATTERN : '' };
}

const IDENTIFIER = kind(T.Identifier);
const NUMBER = kind(T.NumberToken);
const DOT = kind(T.Dot);
const SLASH = kind(T.Slash);
const LINE_COMMENT = kind(T.LineComment);
const BLOCK_COMMENT = kind(T.BlockComment);
const STRING = kind(T.DoubleQuotedString);
const UNTERMINATED = kind(T.UnterminatedString);
const SINGLE_QUOTED = kind(T.SingleQuotedString);
const INVALID_CHARACTER = kind(T.InvalidCharacter);

/** The tokens of one character with no longer spelling, by char code. */
const SINGLE: Array<Kind | undefined> = new Array(128).fill(undefined);
for (const type of [
  T.Plus,
  T.Minus,
  T.Star,
  T.Question,
  T.Colon,
  T.LParen,
  T.RParen,
  T.LBracket,
  T.RBracket,
  T.Comma,
  T.Semicolon,
])
  SINGLE[(type.PATTERN as string).charCodeAt(0)] = kind(type);
const SEMICOLON = 59;

interface Doubled {
  /** The second character of the two-character token. */
  readonly second: number;
  readonly pair: Kind;
  readonly single: Kind;
  /** The single one is reported (a lone '&' or '|'). */
  readonly suspectSingle: boolean;
}

/** `x` or `xx`, then the token of each (`==` before `=`, as allTokens orders them). */
const DOUBLED: Array<Doubled | undefined> = new Array(128).fill(undefined);
for (const [pair, single] of [
  [T.EqualEqual, T.Equals],
  [T.NotEqual, T.Bang],
  [T.LessEqual, T.Less],
  [T.GreaterEqual, T.Greater],
  [T.AndAnd, T.SingleAmpersand],
  [T.OrOr, T.SinglePipe],
] as const) {
  const spelling = pair.PATTERN as string;
  DOUBLED[spelling.charCodeAt(0)] = {
    second: spelling.charCodeAt(1),
    pair: kind(pair),
    single: kind(single),
    suspectSingle: single === T.SingleAmpersand || single === T.SinglePipe,
  };
}

/** By char code, the single-character tokens that can deepen a statement or are operators (not , ) ] : ;). */
const DEEPENS = new Uint8Array(128);
for (const ch of '+-*?([') DEEPENS[ch.charCodeAt(0)] = 1;

const INVALID = new Set([...'{}\\%^~#@`'].map((c) => c.charCodeAt(0)));

function isSpace(c: number): boolean {
  return c < 128 ? ((START[c] as number) & SPACE) !== 0 : c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

function isDigit(c: number): boolean {
  return c < 128 && ((START[c] as number) & DIGIT) !== 0;
}

/** Whether some token starts at a character (chevrotain's lexer skips a run of those that cannot). */
function canStart(c: number): boolean {
  if (c >= 128) return isSpace(c);
  return (
    (START[c] as number) !== 0 ||
    SINGLE[c] !== undefined ||
    DOUBLED[c] !== undefined ||
    INVALID.has(c) ||
    c === 47 || // '/'
    c === 46 || // '.'
    c === 34 || // '"'
    c === 39 // "'"
  );
}

function token(text: string, start: number, end: number, k: Kind): IToken {
  return fixedToken(text.substring(start, end), start, k);
}

/** A token whose spelling is known (an operator or punctuation): no substring to allocate. */
function fixedToken(image: string, start: number, k: Kind): IToken {
  // The shape chevrotain's lexer gives with positionTracking 'onlyOffset'.
  return { image, startOffset: start, tokenTypeIdx: k.idx, tokenType: k.type } as IToken;
}

/** Where `[^q\r\n]*` stops after `from`: at the quote `q`, a line break or the end. */
function quoteEnd(text: string, from: number, quote: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === quote || c === 10 || c === 13) break;
  }
  return i;
}

/** Whether the number in [start, end) is spelt `\d+(?:\.\d+)?`, the one spelling the language accepts. */
function plainNumber(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === end) return true;
  if (text.charCodeAt(i) !== 46) return false;
  const fraction = ++i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  return i === end && i > fraction;
}

/** The end of `(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?` from `start` (a digit, or '.' before a digit). */
function numberEnd(text: string, start: number): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(text.charCodeAt(j))) {
      while (isDigit(text.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

export function scan(text: string): ScanResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errorTokens: IToken[] = [];
  const errors: Array<{ offset: number; length: number }> = [];
  const suspect: IToken[] = [];
  let busy = 0;
  let busiest = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    const start = i;
    if (c < 128 && ((START[c] as number) & NAME_START) !== 0) {
      i++;
      while (i < length) {
        const d = text.charCodeAt(i);
        if (d >= 128 || ((START[d] as number) & NAME_PART) === 0) break;
        i++;
      }
      tokens.push(token(text, start, i, IDENTIFIER));
      continue;
    }
    if (isSpace(c)) {
      i++;
      while (i < length && isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    const single = SINGLE[c];
    if (single !== undefined) {
      i++;
      tokens.push(fixedToken(single.image, start, single));
      if (c === SEMICOLON) busy = 0;
      else if (DEEPENS[c] === 1 && ++busy > busiest) busiest = busy;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i = numberEnd(text, i);
      const t = token(text, start, i, NUMBER);
      tokens.push(t);
      if (!plainNumber(text, start, i)) suspect.push(t);
      continue;
    }
    const doubled = DOUBLED[c];
    if (doubled !== undefined) {
      const isPair = text.charCodeAt(i + 1) === doubled.second;
      const k = isPair ? doubled.pair : doubled.single;
      i += isPair ? 2 : 1;
      const t = fixedToken(k.image, start, k);
      tokens.push(t);
      if (!isPair && doubled.suspectSingle) suspect.push(t);
      if (++busy > busiest) busiest = busy;
      continue;
    }
    switch (c) {
      case 46: // '.' not before a digit
        i++;
        tokens.push(fixedToken('.', start, DOT));
        if (++busy > busiest) busiest = busy;
        continue;
      case 47: {
        // '/': a line comment, a block comment (to its first '*/' or the end) or a division.
        const next = text.charCodeAt(i + 1);
        if (next === 47) {
          i = quoteEnd(text, i + 2, -1);
          comments.push(token(text, start, i, LINE_COMMENT));
        } else if (next === 42) {
          const close = text.indexOf('*/', i + 2);
          i = close < 0 ? length : close + 2;
          errorTokens.push(token(text, start, i, BLOCK_COMMENT));
        } else {
          i++;
          tokens.push(fixedToken('/', start, SLASH));
          if (++busy > busiest) busiest = busy;
        }
        continue;
      }
      case 34: {
        const end = quoteEnd(text, i + 1, 34);
        const closed = text.charCodeAt(end) === 34;
        i = closed ? end + 1 : end;
        const t = token(text, start, i, closed ? STRING : UNTERMINATED);
        tokens.push(t);
        if (!closed) suspect.push(t);
        continue;
      }
      case 39: {
        const end = quoteEnd(text, i + 1, 39);
        i = text.charCodeAt(end) === 39 ? end + 1 : end;
        const t = token(text, start, i, SINGLE_QUOTED);
        tokens.push(t);
        suspect.push(t);
        continue;
      }
    }
    if (INVALID.has(c)) {
      i++;
      errorTokens.push(token(text, start, i, INVALID_CHARACTER));
      continue;
    }
    // No token starts here: one error for the run up to where one can.
    i++;
    while (i < length && !canStart(text.charCodeAt(i))) i++;
    errors.push({ offset: start, length: i - start });
  }
  return { tokens, groups: { comments, errors: errorTokens }, errors, suspect, busiest };
}
