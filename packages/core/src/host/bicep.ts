// Formulas in Bicep files: every `Microsoft.Batch/batchAccounts/pools` resource (declared at the
// top level, nested as `resource x 'pools' = {...}` in a batch account, in a `[for ...]` loop or
// behind `if (...)`) whose `properties.scaleSettings.autoScale.formula` is a string, named by the
// resource's symbolic name. A formula given as a `var` or `param` of the same file is read from
// there; `loadTextContent('file')` and any other expression are reported, never skipped in
// silence. Tokens come from bicep-scanner.ts; this file only walks them, so it needs no Bicep
// parser: statements and object properties are the runs of tokens between newlines (or commas)
// outside brackets.

import type { Range } from '../text/source.ts';
import { type BicepString, type BicepToken, scanBicep } from './bicep-scanner.ts';
import {
  type FormulaPiece,
  type FoundFormula,
  type HostProblem,
  type HostReadResult,
  textPieces,
  uniqueNames,
} from './embedded.ts';

/** Resource types are compared without their API version and case, as ARM compares them. */
const POOL_TYPE = 'microsoft.batch/batchaccounts/pools';
/** How many `var a = b` steps are followed before giving up (Bicep rejects cycles; this guards against them). */
const MAX_REFERENCE_DEPTH = 8;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** The problem for a formula read with `loadTextContent('PATH')`: `path` is relative to the Bicep file. */
export interface BicepLoadedFormula extends HostProblem {
  loadTextContent: { pool: string; path: string };
}

/** Tokens [from, to). */
interface Span {
  from: number;
  to: number;
}

/** A top-level `var NAME = ...` or `param NAME TYPE = ...`; a param without a default has no value. */
interface Declaration {
  keyword: string;
  value: Span | undefined;
}

export function readBicep(text: string): HostReadResult {
  const scan = scanBicep(text);
  const { tokens, partner } = scan;
  const problems: HostProblem[] = [...scan.problems];
  const formulas: FoundFormula[] = [];
  const declarations = new Map<string, Declaration>();
  const badEscapes = new Set<number>();

  const token = (i: number): BicepToken | undefined => tokens[i];
  const isWord = (i: number, word?: string) =>
    token(i)?.kind === 'word' && (word === undefined || token(i)?.text === word);
  const isSymbol = (i: number, symbol: string) => token(i)?.kind === 'symbol' && token(i)?.text === symbol;
  /** A `,` or the `)` closing a call: the end of an argument. */
  const isSeparator = (i: number) => isSymbol(i, ',') || token(i)?.text === ')';
  /** The index after token `i`, stepping over a whole bracket group (an unclosed one runs to the end). */
  const after = (i: number) =>
    token(i)?.kind === 'open' ? Math.min((partner.get(i) ?? tokens.length) + 1, tokens.length) : i + 1;
  const inside = (open: number): Span => ({ from: open + 1, to: partner.get(open) ?? tokens.length });
  /** The host range of some tokens; of the token before them when there are none (`formula:` and nothing). */
  const rangeOf = (span: Span): Range => {
    const first = token(span.to > span.from ? span.from : span.from - 1);
    const last = token(span.to > span.from ? span.to - 1 : span.from - 1);
    return { start: first?.start ?? 0, end: last?.end ?? 0 };
  };
  const problem = (message: string, range: Range) => problems.push({ message, range });

  /** The runs of tokens between newlines and commas outside brackets: statements, or an object's properties. */
  const items = (span: Span): Span[] => {
    const out: Span[] = [];
    let from = span.from;
    for (let i = span.from; i < span.to; ) {
      const t = token(i);
      if (t?.kind === 'newline' || (t?.kind === 'symbol' && t.text === ',')) {
        if (i > from) out.push({ from, to: i });
        from = ++i;
      } else i = Math.min(after(i), span.to);
    }
    if (span.to > from) out.push({ from, to: span.to });
    return out;
  };

  /** A single object literal `{...}`, directly or through `var NAME = {...}`: the index of its `{`. */
  const objectOf = (span: Span, depth = 0): number | undefined => {
    if (span.to - span.from === 1 && isWord(span.from)) {
      const declared = declarations.get(token(span.from)?.text ?? '');
      return declared?.value && depth < MAX_REFERENCE_DEPTH ? objectOf(declared.value, depth + 1) : undefined;
    }
    const t = token(span.from);
    return t?.kind === 'open' && t.text === '{' && after(span.from) === span.to ? span.from : undefined;
  };

  /** The value of the first property named `key` (ARM property names ignore case), with its key's token. */
  const property = (object: number, key: string): { key: number; value: Span } | undefined => {
    for (const item of items(inside(object))) {
      const name = token(item.from);
      if (!isSymbol(item.from + 1, ':')) continue;
      const text = name?.kind === 'string' ? plainValue(name.literal) : name?.kind === 'word' ? name.text : undefined;
      if (text?.toLowerCase() === key.toLowerCase())
        return { key: item.from, value: { from: item.from + 2, to: item.to } };
    }
    return undefined;
  };

  const decode = (at: number): { text: string; length: number } | undefined => {
    if (text[at] !== '\\') return undefined;
    const simple = ESCAPES[text[at + 1] ?? ''];
    if (simple !== undefined) return { text: simple, length: 2 };
    const unicode = /u\{([0-9A-Fa-f]+)\}/y;
    unicode.lastIndex = at + 1;
    const codePoint = Number.parseInt(unicode.exec(text)?.[1] ?? 'x', 16);
    if (codePoint <= 0x10ffff) return { text: String.fromCodePoint(codePoint), length: unicode.lastIndex - at };
    if (!badEscapes.has(at)) {
      badEscapes.add(at);
      problem(`'${text.slice(at, at + 2)}' is not a Bicep escape: use \\\\, \\', \\n, \\r, \\t, \\$ or \\u{hex}`, {
        start: at,
        end: at + 2,
      });
    }
    return undefined;
  };

  /** A string's value when it has no interpolation, for property names and resource types. */
  const plainValue = (literal: BicepString): string | undefined => {
    if (literal.holes.length > 0 || !literal.closed) return undefined;
    const run = textPieces(text, literal.textStart, literal.textEnd, literal.multiline ? undefined : decode);
    return run.map((p) => p.text).join('');
  };

  const found = (name: string, literal: BicepString) => {
    if (!literal.closed) return; // the scanner has said so
    const pieces: FormulaPiece[] = [];
    const textRun = (from: number, to: number) =>
      pieces.push(...textPieces(text, from, to, literal.multiline ? undefined : decode));
    let from = literal.textStart;
    for (const hole of literal.holes) {
      textRun(from, hole.range.start);
      const hostLength = hole.range.end - hole.range.start;
      const expression = text.slice(hole.expression.start, hole.expression.end).trim();
      pieces.push({ kind: 'placeholder', name: expression, hostStart: hole.range.start, hostLength });
      from = hole.range.end;
    }
    textRun(from, literal.textEnd);
    formulas.push({ name, pieces, hostRange: { start: literal.textStart, end: literal.textEnd } });
  };

  /** Whether `span` is `loadTextContent(PATH, ...)` (or `sys.loadTextContent`), with PATH when it is a plain string. */
  const loadCall = (span: Span): { path: string | undefined } | undefined => {
    const at = isWord(span.from, 'sys') && isSymbol(span.from + 1, '.') ? span.from + 2 : span.from;
    if (!isWord(at, 'loadTextContent') || token(at + 1)?.text !== '(' || after(at + 1) !== span.to) return undefined;
    const path = token(at + 2);
    return { path: path?.kind === 'string' && isSeparator(at + 3) ? plainValue(path.literal) : undefined };
  };

  const formula = (pool: string, span: Span, depth = 0): void => {
    const only = span.to - span.from === 1 ? token(span.from) : undefined;
    const declared = only?.kind === 'word' ? declarations.get(only.text) : undefined;
    if (only?.kind === 'string') found(pool, only.literal);
    else if (declared?.value && depth < MAX_REFERENCE_DEPTH) formula(pool, declared.value, depth + 1);
    else unreadable(pool, span, only?.kind === 'word' ? only.text : undefined);
  };

  /** Says why a formula cannot be read: it is in another file, a param without a default, or an expression. */
  const unreadable = (pool: string, span: Span, reference: string | undefined) => {
    const range = rangeOf(span);
    const declared = declarations.get(reference ?? '');
    const load = loadCall(span);
    const path = load?.path;
    if (path !== undefined) {
      const message = `the formula of pool '${pool}' is in the file '${path}' (loadTextContent): check that file`;
      const loaded: BicepLoadedFormula = { message, range, loadTextContent: { pool, path } };
      problems.push(loaded);
    } else if (load)
      problem(
        `the formula of pool '${pool}' is loaded by loadTextContent from a path that is not a plain string`,
        range,
      );
    else if (declared && declared.value === undefined)
      problem(
        `the formula of pool '${pool}' is the ${declared.keyword} '${reference}', which has no value in this file: give it a default value to check the formula`,
        range,
      );
    else {
      const why = reference === undefined || declared ? '' : ` ('${reference}' is not a var or param of this file)`;
      problem(
        `the formula of pool '${pool}' is not a string literal${why}: write it as a string, a var or param holding one, or loadTextContent('FILE')`,
        range,
      );
    }
  };

  const pool = (name: string, body: number) => {
    const step = (object: number | undefined, key: string) =>
      object === undefined ? undefined : property(object, key);
    const properties = step(body, 'properties');
    const scaleSettings = step(properties && objectOf(properties.value), 'scaleSettings');
    const autoScale = step(scaleSettings && objectOf(scaleSettings.value), 'autoScale');
    if (!autoScale || isWord(autoScale.value.from, 'null')) return;
    const settings = objectOf(autoScale.value);
    const keyRange = rangeOf({ from: autoScale.key, to: autoScale.key + 1 });
    const value = settings === undefined ? undefined : property(settings, 'formula')?.value;
    if (settings === undefined)
      problem(
        `the autoScale settings of pool '${name}' are not an object literal: its formula cannot be found`,
        keyRange,
      );
    else if (value) formula(name, value);
    else problem(`the autoScale settings of pool '${name}' have no formula`, keyRange);
  };

  /** The body object of `= {...}`, `= if (...) {...}` or `= [for ... : {...}]` (also `: if (...) {...}`). */
  const bodyOf = (span: Span): number | undefined => {
    let at = span.from;
    if (token(at)?.text === '[' && isWord(at + 1, 'for')) {
      const loop = inside(at);
      at = loop.to - 1;
      while (at > loop.from && token(at)?.kind === 'newline') at--;
      at = token(at)?.text === '}' ? (partner.get(at) ?? at) : at;
    } else if (isWord(at, 'if') && token(at + 1)?.text === '(') at = after(at + 1);
    return token(at)?.text === '{' && token(at)?.kind === 'open' ? at : undefined;
  };

  /** `resource SYMBOL 'TYPE' existing? = BODY`; nested resources take their type after their parent's. */
  const resource = (span: Span, parentType: string | undefined) => {
    const symbol = token(span.from + 1);
    const typeToken = token(span.from + 2);
    if (symbol?.kind !== 'word' || typeToken?.kind !== 'string') return;
    const type = plainValue(typeToken.literal)?.split('@')[0]?.toLowerCase();
    const existing = isWord(span.from + 3, 'existing');
    const equals = span.from + (existing ? 4 : 3);
    const body = isSymbol(equals, '=') ? bodyOf({ from: equals + 1, to: span.to }) : undefined;
    if (type === undefined || body === undefined) return;
    // A nested child's type is its own segment (`pools`), unless it spells out the provider.
    const fullType = parentType === undefined || type.includes('.') ? type : `${parentType}/${type}`;
    if (fullType === POOL_TYPE && !existing) pool(symbol.text, body);
    for (const item of items(inside(body))) if (isWord(item.from, 'resource')) resource(item, fullType);
  };

  const statements = items({ from: 0, to: tokens.length });
  for (const s of statements) {
    const keyword = token(s.from)?.text ?? '';
    if ((keyword !== 'var' && keyword !== 'param') || !isWord(s.from + 1)) continue;
    let equals = s.from + 2;
    while (equals < s.to && !isSymbol(equals, '=')) equals = after(equals);
    const value = equals + 1 < s.to ? { from: equals + 1, to: s.to } : undefined;
    declarations.set(token(s.from + 1)?.text ?? '', { keyword: keyword === 'var' ? 'variable' : 'parameter', value });
  }
  for (const s of statements) if (isWord(s.from, 'resource')) resource(s, undefined);

  problems.sort((a, b) => a.range.start - b.range.start);
  return { formulas: uniqueNames(formulas), problems };
}
