// The Terraform reader's scanner: HCL native syntax (`.tf`) cut into the few tokens the reader needs
// (identifiers, symbols, line breaks and string templates), with comments skipped. Templates, quoted
// and heredoc, are split into literal runs, `${ }` interpolations and `%{ }` directives the way
// HashiCorp's own scanner (hclsyntax/scan_tokens.rl) splits them, because the flush-heredoc rule and
// the `~` strip markers are defined on exactly those pieces: a heredoc's literal text is cut after
// every line break. An interpolation's expression is scanned as ordinary tokens, so braces and
// strings nested inside it cannot end it early. Whatever cannot be followed (an unclosed string,
// heredoc, interpolation or comment) is a problem with a range; the scanner never throws.

import type { HostProblem } from './embedded.ts';

/** A literal run of template text, or an interpolation / directive with its expression's span. */
export type TemplatePart =
  | { kind: 'literal'; start: number; end: number }
  | {
      kind: 'interpolation' | 'directive';
      start: number;
      end: number;
      exprStart: number;
      exprEnd: number;
      /** `${~`: trim the whitespace at the end of the literal before. */
      stripBefore: boolean;
      /** `~}`: trim the whitespace at the start of the literal after. */
      stripAfter: boolean;
      closed: boolean;
    };

export interface HclTemplate {
  heredoc: boolean;
  /** `<<-`: the common indentation of the body's lines is removed. */
  flush: boolean;
  /** The contents: inside the quotes, or the heredoc's body lines (without the closing marker line). */
  contentStart: number;
  contentEnd: number;
  /** Literal parts of a heredoc end after each line break, as HCL's scanner cuts them. */
  parts: TemplatePart[];
  closed: boolean;
}

export type HclToken =
  | { kind: 'ident' | 'symbol'; text: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'template'; template: HclTemplate; start: number; end: number };

export interface ScanResult {
  tokens: HclToken[];
  problems: HostProblem[];
  /** Something unclosed (a heredoc, comment or sequence) ran to the end of the file, taking the rest. */
  truncated: boolean;
}

/**
 * How deep strings may nest inside interpolations, and blocks inside blocks, before the reader stops:
 * real files nest a few levels, and the recursion that follows them must not exhaust the stack.
 */
export const MAX_NESTING = 64;

/** HCL identifiers: a Unicode ID_Start (or `_`), then ID_Continue characters and dashes. */
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
/** A heredoc opener: the marker must be followed at once by the line break. */
const HEREDOC_OPENER = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;

/** Go's unicode.IsSpace, which HCL trims with (not JavaScript's `\s`: U+0085 in, U+FEFF out). */
export function isHclSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

function trimHclSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isHclSpace(text.charAt(start))) start++;
  while (end > start && isHclSpace(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

export function scanHcl(text: string): ScanResult {
  const scanner = new Scanner(text);
  const tokens = scanner.tokens(false).tokens;
  return { tokens, problems: scanner.problems, truncated: scanner.truncated };
}

interface TokensResult {
  tokens: HclToken[];
  /** Inside an interpolation: whether its closing `}` (or `~}`) was found, and whether it was `~}`. */
  closed: boolean;
  closeStart: number;
  stripAfter: boolean;
}

class Scanner {
  readonly text: string;
  readonly problems: HostProblem[] = [];
  truncated = false;
  private pos = 0;
  private nesting = 0;
  /** The end of the line `quoteFollows` looked at last, and that line's last quote. */
  private quoteLine = { end: -1, lastQuote: -1 };

  constructor(text: string) {
    this.text = text;
  }

  /**
   * Tokens to the end of the text or, inside an interpolation (`inSequence`), to the `}` that closes
   * it: braces opened inside the expression are counted, as HCL's scanner counts them. In a quoted
   * string's interpolation (`inQuoted`), a quote that no other quote follows on its line cannot open
   * a valid nested string (it would not close), so it is taken for the outer string's closing quote:
   * the interpolation stops before it, unclosed, as when its `}` was forgotten.
   */
  tokens(inSequence: boolean, inQuoted = false): TokensResult {
    const { text } = this;
    const tokens: HclToken[] = [];
    let depth = 0;
    while (this.pos < text.length) {
      const start = this.pos;
      const c = text.charAt(start);
      if (inSequence && depth === 0 && (c === '}' || text.startsWith('~}', start))) {
        this.pos += c === '}' ? 1 : 2;
        return { tokens, closed: true, closeStart: start, stripAfter: c === '~' };
      }
      if (c === '\n' || text.startsWith('\r\n', start)) {
        this.pos += c === '\n' ? 1 : 2;
        tokens.push({ kind: 'newline', start, end: this.pos });
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
        this.pos++;
      } else if (c === '#' || text.startsWith('//', start)) {
        // A line comment ends before its line break, which still ends the attribute it follows.
        const eol = text.indexOf('\n', start);
        this.pos = eol < 0 ? text.length : eol > start && text.charAt(eol - 1) === '\r' ? eol - 1 : eol;
      } else if (text.startsWith('/*', start)) {
        const close = text.indexOf('*/', start + 2);
        if (close < 0) this.unclosed('comment /* is not closed: no */ before the end of the file', start, start + 2);
        this.pos = close < 0 ? text.length : close + 2;
      } else if (c === '"') {
        if (inQuoted && !this.quoteFollows(start))
          return { tokens, closed: false, closeStart: start, stripAfter: false };
        const template = this.quoted();
        tokens.push({ kind: 'template', template, start, end: this.pos });
      } else if (c === '<' && this.match(HEREDOC_OPENER) !== undefined) {
        const template = this.heredoc();
        tokens.push({ kind: 'template', template, start, end: this.pos });
      } else {
        const ident = this.match(IDENT);
        this.pos = start + (ident?.[0].length ?? 1);
        if (c === '{') depth++;
        else if (c === '}') depth--;
        tokens.push({
          kind: ident === undefined ? 'symbol' : 'ident',
          text: text.slice(start, this.pos),
          start,
          end: this.pos,
        });
      }
    }
    return { tokens, closed: false, closeStart: this.pos, stripAfter: false };
  }

  /** Whether another quote follows `at` on its line; the last quote of the line is kept, as the scan only moves forward. */
  private quoteFollows(at: number): boolean {
    if (at >= this.quoteLine.end) {
      const eol = this.text.indexOf('\n', at);
      const end = eol < 0 ? this.text.length : eol;
      this.quoteLine = { end, lastQuote: this.text.lastIndexOf('"', end) };
    }
    return this.quoteLine.lastQuote > at;
  }

  private match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text) ?? undefined;
  }

  private problem(message: string, start: number, end: number): void {
    this.problems.push({ message, range: { start, end } });
  }

  /** A problem that takes the rest of the file with it. */
  private unclosed(message: string, start: number, end: number): void {
    this.truncated = true;
    this.problem(message, start, end);
  }

  /** A quoted template, from its opening quote. It cannot span lines (outside its interpolations). */
  private quoted(): HclTemplate {
    const { text } = this;
    const open = this.pos;
    const parts: TemplatePart[] = [];
    const contentStart = ++this.pos;
    let literalStart = contentStart;
    for (;;) {
      const c = text.charAt(this.pos);
      if (this.pos >= text.length || c === '\n' || c === '\r') {
        this.problem('string is not closed: a quoted string must end on the line it starts', open, this.pos);
        pushLiteral(parts, literalStart, this.pos);
        return { heredoc: false, flush: false, contentStart, contentEnd: this.pos, parts, closed: false };
      }
      if (c === '"') {
        pushLiteral(parts, literalStart, this.pos);
        this.pos++;
        return { heredoc: false, flush: false, contentStart, contentEnd: this.pos - 1, parts, closed: true };
      }
      if (c === '\\') {
        // An escape is two characters at least; a backslash before a line break leaves the break alone.
        const next = text.charAt(this.pos + 1);
        this.pos += next === '\n' || next === '\r' || next === '' ? 1 : 2;
      } else literalStart = this.templateText(parts, literalStart, true);
    }
  }

  /** A heredoc, from its `<<`: body lines up to a line holding only the marker (spaces around it allowed). */
  private heredoc(): HclTemplate {
    const { text } = this;
    const opener = this.match(HEREDOC_OPENER);
    const open = this.pos;
    const flush = opener?.[1] === '-';
    const marker = opener?.[2] ?? '';
    const openerEnd = open + 2 + (flush ? 1 : 0) + marker.length;
    this.pos += opener?.[0].length ?? 0;
    const contentStart = this.pos;
    const parts: TemplatePart[] = [];
    let literalStart = contentStart;
    let lineStart = true;
    for (;;) {
      if (lineStart) {
        lineStart = false;
        const eol = text.indexOf('\n', this.pos);
        const line = text.slice(this.pos, eol < 0 ? text.length : eol);
        if (trimHclSpace(line) === marker) {
          if (eol >= 0) {
            const contentEnd = this.pos;
            this.pos += line.indexOf(marker) + marker.length;
            return { heredoc: true, flush, contentStart, contentEnd, parts, closed: true };
          }
          // HCL recognises the closing marker only with its line break (hashicorp/terraform#31450).
          this.unclosed(
            `heredoc <<${flush ? '-' : ''}${marker} is not closed: its closing ${marker} must be followed by a line break`,
            open,
            openerEnd,
          );
          return this.unclosedHeredoc(flush, contentStart, parts, literalStart);
        }
      }
      if (this.pos >= text.length) {
        this.unclosed(
          `heredoc <<${flush ? '-' : ''}${marker} is not closed: no line holding only ${marker} follows it`,
          open,
          openerEnd,
        );
        return this.unclosedHeredoc(flush, contentStart, parts, literalStart);
      }
      if (text.charAt(this.pos) === '\n') {
        this.pos++;
        pushLiteral(parts, literalStart, this.pos);
        literalStart = this.pos;
        lineStart = true;
      } else literalStart = this.templateText(parts, literalStart, false);
    }
  }

  private unclosedHeredoc(flush: boolean, contentStart: number, parts: TemplatePart[], from: number): HclTemplate {
    this.pos = this.text.length;
    pushLiteral(parts, from, this.pos);
    return { heredoc: true, flush, contentStart, contentEnd: this.pos, parts, closed: false };
  }

  /**
   * One step through a template's text: an ordinary character, a `$${` or `%%{` escape (literal
   * text, decoded later), or a whole `${ }` / `%{ }` sequence, which ends the literal before it and
   * is added to `parts`. Returns where the current literal starts now.
   */
  private templateText(parts: TemplatePart[], literalStart: number, quoted: boolean): number {
    const { text } = this;
    const start = this.pos;
    const c = text.charAt(start);
    const isMarker = c === '$' || c === '%';
    if (isMarker && text.charAt(start + 1) === c && text.charAt(start + 2) === '{') {
      this.pos += 3;
      return literalStart;
    }
    if (!isMarker || text.charAt(start + 1) !== '{') {
      this.pos++;
      return literalStart;
    }
    pushLiteral(parts, literalStart, start);
    const stripBefore = text.charAt(start + 2) === '~';
    this.pos = start + (stripBefore ? 3 : 2);
    const exprStart = this.pos;
    const kind = c === '$' ? 'interpolation' : 'directive';
    if (this.nesting >= MAX_NESTING) {
      this.unclosed(
        `${kind} ${c}{ is nested more than ${MAX_NESTING} deep: the rest of the file is not read`,
        start,
        start + 2,
      );
      this.pos = text.length;
      const end = this.pos;
      parts.push({ kind, start, end, exprStart, exprEnd: end, stripBefore, stripAfter: false, closed: false });
      return end;
    }
    this.nesting++;
    const inner = this.tokens(true, quoted);
    this.nesting--;
    if (!inner.closed && this.pos < text.length)
      this.problem(`${kind} ${c}{ is not closed: no matching } before the string's closing quote`, start, start + 2);
    else if (!inner.closed)
      this.unclosed(`${kind} ${c}{ is not closed: no matching } before the end of the file`, start, start + 2);
    const { closed, stripAfter } = inner;
    parts.push({ kind, start, end: this.pos, exprStart, exprEnd: inner.closeStart, stripBefore, stripAfter, closed });
    return this.pos;
  }
}

function pushLiteral(parts: TemplatePart[], start: number, end: number): void {
  if (end > start) parts.push({ kind: 'literal', start, end });
}
