// The Bicep tokens the Bicep reader needs: words, strings (with their `${...}` interpolations),
// brackets matched into groups, newlines (Bicep separates statements and object properties by
// them) and single symbols. Comments are dropped. A string is one token however many
// interpolations it holds, so the reader never sees the braces and quotes inside them. String
// syntax follows Bicep's own lexer (Azure/bicep src/Bicep.Core/Parsing/Lexer.cs) and
// docs/spec/bicep.md: `'...'` is one line with backslash escapes; `'''...'''` is verbatim, drops
// one newline right after the opening quotes and ends at the first run of three or more quotes
// (quotes beyond three belong to the text); `$'''...'''` opened with N dollars interpolates where
// N or more dollars come before a `{` (the last N open it, any before them are text; Bicep 0.40).
// Any problem is reported with a host range and scanning goes on.

import type { Range } from '../text/source.ts';
import type { HostProblem } from './embedded.ts';

/** An interpolation: `${expr}` (or `$$${expr}` in a multi-line string opened with `$$$'''`). */
export interface BicepHole {
  /** From its first `$` to just past its `}`. */
  range: Range;
  /** The expression between the braces. */
  expression: Range;
}

export interface BicepString {
  range: Range;
  multiline: boolean;
  /** Where the value's text starts: after the opening quotes and, in a multi-line string, a newline right after them. */
  textStart: number;
  /** Just before the closing quotes. */
  textEnd: number;
  holes: BicepHole[];
  /** False when the string runs into a newline or the end of the file (already reported). */
  closed: boolean;
}

export type BicepToken =
  | { kind: 'word' | 'symbol' | 'open' | 'close' | 'newline'; start: number; end: number; text: string }
  | { kind: 'string'; start: number; end: number; text: string; literal: BicepString };

export interface BicepScan {
  tokens: BicepToken[];
  /** For a bracket token, the index of its partner; an unclosed opener's partner is where its group was cut off. */
  partner: Map<number, number>;
  problems: HostProblem[];
}

const OPENERS: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')' };
const isNewline = (c: string | undefined) => c === '\n' || c === '\r';
const isWordStart = (c: string) => /[A-Za-z_]/.test(c);
const isWordPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export function scanBicep(text: string): BicepScan {
  const problems: HostProblem[] = [];
  const tokens: BicepToken[] = [];
  const problem = (message: string, start: number, end: number) => problems.push({ message, range: { start, end } });

  /** Past a `/* ... *\/` comment starting at `at`. */
  const skipBlockComment = (at: number): number => {
    const close = text.indexOf('*/', at + 2);
    if (close >= 0) return close + 2;
    problem('a /* comment is never closed', at, at + 2);
    return text.length;
  };

  /**
   * Scans the expression of an interpolation from `at` (just past its `{`) to its closing `}`,
   * skipping nested strings, objects and comments. Bicep does not let an interpolation span lines.
   */
  const scanHole = (holeStart: number, at: number): number | undefined => {
    let depth = 0;
    for (let p = at; p < text.length; ) {
      const c = text[p];
      if (isNewline(c)) break;
      if (c === "'" || (c === '$' && multilineOpening(p) !== undefined)) {
        const nested = scanString(p);
        if (!nested.closed) return undefined;
        p = nested.range.end;
      } else if (c === '/' && text[p + 1] === '*') p = skipBlockComment(p);
      else if (c === '/' && text[p + 1] === '/') p = lineEnd(text, p);
      else if (c === '}' && depth === 0) return p;
      else {
        if (c === '{') depth++;
        if (c === '}') depth--;
        p++;
      }
    }
    problem('an interpolation is not closed on its line', holeStart, lineEnd(text, holeStart));
    return undefined;
  };

  /** The number of `$` before `'''` at `at`, or undefined when no multi-line string opens there. */
  const multilineOpening = (at: number): number | undefined => {
    let p = at;
    while (text[p] === '$') p++;
    return text.startsWith("'''", p) ? p - at : undefined;
  };

  const scanSingle = (start: number): BicepString => {
    const literal: BicepString = {
      range: { start, end: start },
      multiline: false,
      textStart: start + 1,
      textEnd: start + 1,
      holes: [],
      closed: false,
    };
    let p = start + 1;
    for (;;) {
      const c = text[p];
      if (c === undefined || isNewline(c)) {
        problem('a string is not closed on its line', start, p);
        break;
      }
      if (c === "'") {
        literal.closed = true;
        literal.textEnd = p++;
        break;
      }
      if (c === '\\') p += isNewline(text[p + 1]) || p + 1 >= text.length ? 1 : 2;
      else if (c === '$' && text[p + 1] === '{') {
        const close = scanHole(p, p + 2);
        if (close === undefined) break;
        literal.holes.push({ range: { start: p, end: close + 1 }, expression: { start: p + 2, end: close } });
        p = close + 1;
      } else p++;
    }
    literal.range.end = p;
    if (!literal.closed) literal.textEnd = p;
    return literal;
  };

  const scanMultiline = (start: number, dollars: number): BicepString => {
    const open = start + dollars + 3;
    let textStart = open;
    if (text[textStart] === '\r') textStart++;
    if (text[textStart] === '\n') textStart++;
    const literal: BicepString = {
      range: { start, end: text.length },
      multiline: true,
      textStart,
      textEnd: text.length,
      holes: [],
      closed: false,
    };
    for (let p = textStart; p < text.length; ) {
      const c = text[p];
      const run = c === "'" || c === '$' ? runLength(text, p, c) : 0;
      if (c === "'" && run >= 3) {
        literal.closed = true;
        literal.textEnd = p + run - 3;
        literal.range.end = p + run;
        return literal;
      }
      if (c === '$' && dollars > 0 && run >= dollars && text[p + run] === '{') {
        const holeStart = p + run - dollars;
        const close = scanHole(holeStart, p + run + 1);
        if (close === undefined) {
          literal.range.end = literal.textEnd = lineEnd(text, p);
          return literal;
        }
        literal.holes.push({
          range: { start: holeStart, end: close + 1 },
          expression: { start: p + run + 1, end: close },
        });
        p = close + 1;
      } else p += Math.max(run, 1);
    }
    problem("a multi-line string ''' is never closed", start, open);
    return literal;
  };

  const scanString = (start: number): BicepString => {
    const dollars = multilineOpening(start);
    return dollars === undefined ? scanSingle(start) : scanMultiline(start, dollars);
  };

  const push = (kind: Exclude<BicepToken['kind'], 'string'>, start: number, end: number) =>
    tokens.push({ kind, start, end, text: text.slice(start, end) });

  for (let p = 0; p < text.length; ) {
    const c = text[p] as string;
    const start = p;
    if (c === ' ' || c === '\t') p++;
    else if (isNewline(c)) {
      while (isNewline(text[p])) p++;
      push('newline', start, p);
    } else if (c === '/' && text[p + 1] === '/') p = lineEnd(text, p);
    else if (c === '/' && text[p + 1] === '*') p = skipBlockComment(p);
    else if (c === "'" || (c === '$' && multilineOpening(p) !== undefined)) {
      const literal = scanString(p);
      p = literal.range.end;
      tokens.push({ kind: 'string', start, end: p, text: text.slice(start, p), literal });
    } else if (c in OPENERS) push('open', start, ++p);
    else if (c === '}' || c === ']' || c === ')') push('close', start, ++p);
    else if (isWordStart(c)) {
      while (isWordPart(text[p])) p++;
      push('word', start, p);
    } else if (/[0-9]/.test(c)) {
      while (/[0-9]/.test(text[p] ?? '')) p++;
      push('symbol', start, p);
    } else {
      // `::` is one token so that `parent::child` is never read as a property's colon.
      p += c === ':' && text[p + 1] === ':' ? 2 : 1;
      push('symbol', start, p);
    }
  }
  return { tokens, partner: matchBrackets(tokens, problems), problems };
}

function lineEnd(text: string, at: number): number {
  let p = at;
  while (p < text.length && !isNewline(text[p])) p++;
  return p;
}

function runLength(text: string, at: number, c: string): number {
  let p = at;
  while (text[p] === c) p++;
  return p - at;
}

/** Pairs brackets; a stray closer and an unclosed opener are problems. */
function matchBrackets(tokens: readonly BicepToken[], problems: HostProblem[]): Map<number, number> {
  const partner = new Map<number, number>();
  const stack: number[] = [];
  const unclosed = (i: number, cutAt: number) => {
    const t = tokens[i] as BicepToken;
    partner.set(i, cutAt);
    problems.push({ message: `'${t.text}' is never closed`, range: { start: t.start, end: t.end } });
  };
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'open') stack.push(i);
    if (t.kind !== 'close') continue;
    const match = stack.findLastIndex((o) => OPENERS[tokens[o]?.text ?? ''] === t.text);
    if (match < 0) {
      problems.push({ message: `'${t.text}' has no opening bracket`, range: { start: t.start, end: t.end } });
      continue;
    }
    // Openers above the match were left open: their groups end here.
    for (const open of stack.splice(match + 1)) unclosed(open, i);
    const open = stack.pop() as number;
    partner.set(open, i);
    partner.set(i, open);
  }
  for (const open of stack) unclosed(open, tokens.length);
  return partner;
}
