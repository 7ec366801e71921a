// ARM template expressions that build a formula: a JSON string starting with `[` is an expression
// (`[[` escapes a literal `[`). The formula is often assembled with `concat(...)` or
// `format('...{0}...', ...)` from string literals and `parameters('x')` / `variables('x')`.
// This reader follows exactly that much: string literals become formula text (mapped back through
// both the JSON escapes and ARM's `''`), `variables('x')` whose value is a string in the template
// is inlined, `parameters('x')` is a placeholder named `x`, and any other expression is a
// placeholder named by its own text, so nothing is ever silently taken as formula text.

import type { FormulaPiece, TextPiece } from './embedded.ts';
import { type DecodedString, piecesOfDecoded } from './json-strings.ts';

/** The template's string variables, for `variables('x')`: name to the host offset of its string's opening quote. */
export type TemplateVariables = ReadonlyMap<string, number>;

export interface ArmExpressionContext {
  variables: TemplateVariables;
  /** Decodes the JSON string at a host offset (a variable's value). */
  decodeAt(open: number): DecodedString | undefined;
}

/** Whether a decoded JSON string is an ARM expression. */
export function isArmExpression(text: string): boolean {
  return text.startsWith('[') && !text.startsWith('[[') && text.trimEnd().endsWith(']');
}

/** How deep `variables('x')` may refer to other expressions before the reader stops following. */
const MAX_VARIABLE_DEPTH = 8;

/** The pieces an ARM expression string stands for, or a reason it cannot be read. */
export function armExpressionPieces(
  decoded: DecodedString,
  context: ArmExpressionContext,
  depth = 0,
): FormulaPiece[] | string {
  const reader = new ExpressionReader(decoded, context, depth);
  const end = decoded.text.trimEnd().length - 1;
  const pieces = reader.expression(1, end);
  return pieces;
}

class ExpressionReader {
  private readonly decoded: DecodedString;
  private readonly context: ArmExpressionContext;
  private readonly depth: number;

  constructor(decoded: DecodedString, context: ArmExpressionContext, depth: number) {
    this.decoded = decoded;
    this.context = context;
    this.depth = depth;
  }

  private get text(): string {
    return this.decoded.text;
  }

  /** The expression filling [from, to) (surrounding spaces allowed). */
  expression(from: number, to: number): FormulaPiece[] | string {
    const start = this.skipSpaces(from, to);
    const end = this.trimEnd(start, to);
    if (start >= end) return 'an empty expression';
    if (this.text[start] === "'") {
      const close = this.stringEnd(start, end);
      if (close === end - 1) return this.stringPieces(start, close);
    }
    const call = /^([A-Za-z_][\w.]*)\s*\(/.exec(this.text.slice(start, end));
    const name = call?.[1]?.toLowerCase();
    const args = call ? this.callArguments(start + call[0].length, end) : undefined;
    if (name === 'concat' && args) return this.concat(args);
    if (name === 'format' && args) return this.format(args);
    if (name === 'parameters' && args?.length === 1) {
      const parameter = this.literalArgument(args[0]);
      if (parameter !== undefined) return [this.placeholder(parameter, start, end)];
    }
    if (name === 'variables' && args?.length === 1) {
      const variable = this.literalArgument(args[0]);
      if (variable !== undefined) return this.variable(variable, start, end);
    }
    return [this.placeholder(this.text.slice(start, end), start, end)];
  }

  private concat(args: Array<[number, number]>): FormulaPiece[] | string {
    const out: FormulaPiece[] = [];
    for (const [a, b] of args) {
      const pieces = this.expression(a, b);
      if (typeof pieces === 'string') return pieces;
      out.push(...pieces);
    }
    return out;
  }

  /** `format('... {0} ...', x)`: the format string's text with each `{n}` replaced by argument n. */
  private format(args: Array<[number, number]>): FormulaPiece[] | string {
    const [formatArg, ...rest] = args;
    if (formatArg === undefined) return 'format() without arguments';
    const start = this.skipSpaces(formatArg[0], formatArg[1]);
    const close = this.stringEnd(start, formatArg[1]);
    if (this.text[start] !== "'" || close < 0) return [this.placeholder('format(...)', start, formatArg[1])];
    const out: FormulaPiece[] = [];
    let runStart = start + 1;
    for (let at = start + 1; at < close; at++) {
      const c = this.text[at];
      const doubled = (c === '{' || c === '}') && this.text[at + 1] === c;
      const hole = c === '{' ? /^\{(\d+)(?::[^}]*)?\}/.exec(this.text.slice(at, close)) : null;
      if (!doubled && !hole) continue;
      out.push(...this.literalPieces(runStart, at));
      if (doubled) {
        out.push(this.replaced(c, at, 2));
        at++;
        runStart = at + 1;
        continue;
      }
      const index = Number(hole?.[1]);
      const argument = rest[index];
      const length = hole?.[0].length ?? 1;
      if (argument === undefined) return `format() has no argument {${index}}`;
      const pieces = this.expression(argument[0], argument[1]);
      if (typeof pieces === 'string') return pieces;
      out.push(...pieces);
      at += length - 1;
      runStart = at + 1;
    }
    out.push(...this.literalPieces(runStart, close));
    return out;
  }

  private variable(name: string, start: number, end: number): FormulaPiece[] | string {
    const open = this.context.variables.get(name);
    const decoded = open === undefined ? undefined : this.context.decodeAt(open);
    if (decoded === undefined) return [this.placeholder(name, start, end)];
    if (!isArmExpression(decoded.text)) return piecesOfDecoded(decoded, 0, decoded.text.length);
    if (this.depth >= MAX_VARIABLE_DEPTH) return `variables('${name}') refers to itself or nests too deeply`;
    return armExpressionPieces(decoded, this.context, this.depth + 1);
  }

  /** The pieces of an ARM string literal from its opening quote to its closing one; `''` is one quote. */
  private stringPieces(open: number, close: number): FormulaPiece[] {
    return this.literalPieces(open + 1, close);
  }

  /** Literal text [from, to) inside an ARM string, with `''` read as one quote. */
  private literalPieces(from: number, to: number): TextPiece[] {
    const out: TextPiece[] = [];
    let runStart = from;
    for (let at = from; at < to; at++) {
      if (this.text[at] !== "'" || this.text[at + 1] !== "'") continue;
      out.push(...piecesOfDecoded(this.decoded, runStart, at), this.replaced("'", at, 2));
      at++;
      runStart = at + 1;
    }
    out.push(...piecesOfDecoded(this.decoded, runStart, to));
    return out;
  }

  /** A piece whose text stands for `length` decoded characters from `at`. */
  private replaced(text: string, at: number, length: number): TextPiece {
    const hostStart = this.hostAt(at);
    return { kind: 'text', text, hostStart, hostLength: this.hostAt(at + length) - hostStart };
  }

  private placeholder(name: string, start: number, end: number): FormulaPiece {
    const hostStart = this.hostAt(start);
    return { kind: 'placeholder', name, hostStart, hostLength: this.hostAt(end) - hostStart };
  }

  private hostAt(i: number): number {
    return this.decoded.hostOffsets[i] ?? 0;
  }

  /** The argument spans of a call whose `(` is just before `from`, or undefined if it does not end at `end`. */
  private callArguments(from: number, end: number): Array<[number, number]> | undefined {
    const args: Array<[number, number]> = [];
    let depth = 0;
    let argStart = from;
    for (let at = from; at < end; at++) {
      const c = this.text[at];
      if (c === "'") {
        const close = this.stringEnd(at, end);
        if (close < 0) return undefined;
        at = close;
      } else if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
      else if (c === ')' && depth === 0) {
        if (this.skipSpaces(at + 1, end) !== end) return undefined;
        if (this.skipSpaces(argStart, at) < at || args.length > 0) args.push([argStart, at]);
        return args;
      } else if (c === ',' && depth === 0) {
        args.push([argStart, at]);
        argStart = at + 1;
      }
    }
    return undefined;
  }

  /** The value of an argument that is one string literal without `''`, or undefined. */
  private literalArgument(span: [number, number] | undefined): string | undefined {
    if (span === undefined) return undefined;
    const m = /^\s*'([^']*)'\s*$/.exec(this.text.slice(span[0], span[1]));
    return m?.[1];
  }

  /** The closing quote of the ARM string opening at `open` (`''` is an escaped quote), or -1. */
  private stringEnd(open: number, end: number): number {
    for (let at = open + 1; at < end; at++) {
      if (this.text[at] !== "'") continue;
      if (this.text[at + 1] === "'") at++;
      else return at;
    }
    return -1;
  }

  private skipSpaces(from: number, to: number): number {
    let at = from;
    while (at < to && /\s/.test(this.text.charAt(at))) at++;
    return at;
  }

  private trimEnd(from: number, to: number): number {
    let at = to;
    while (at > from && /\s/.test(this.text.charAt(at - 1))) at--;
    return at;
  }
}
