// The analysed snapshot of one text that every feature reads: core's parse and check results, the
// lexer's tokens (lazily: completion and signature help need them on incomplete text, where the
// tree is partial), and indexes by offset. `analyzeDocument` caches snapshots per text, so the
// features an editor asks for after each keystroke share one analysis.

import {
  analyzeFormula,
  diagnostic,
  formulaBounds,
  lex,
  LineMap,
  MAX_FORMULA_LENGTH,
  type Analysis,
  type Diagnostic,
  type Formula,
  type FormulaAnalysis,
  type FormulaBounds,
  type Identifier,
  type ParseResult,
  type SymbolReference,
} from '@autoscale/core';

/**
 * Longest text analysed: eight times what the service accepts. Longer texts are rejected by the
 * service anyway (AS1009), and analysing a megabyte of junk takes the core seconds, which would
 * freeze an editor; above this length the snapshot holds one diagnostic and features answer nothing.
 */
export const MAX_ANALYZED_LENGTH = 8 * MAX_FORMULA_LENGTH;

/** How a lexer token reads to editor features (decided from its first character). */
export type TokenClass = 'identifier' | 'number' | 'string' | 'operator' | 'punctuation';

export interface LexToken {
  image: string;
  start: number;
  end: number;
  class: TokenClass;
}

const EMPTY: FormulaAnalysis = analyzeFormula('');

export class FormulaDocument {
  readonly text: string;
  readonly formula: Formula;
  readonly analysis: Analysis;
  /** Core's parse result (the evaluator compiles from it without parsing again). */
  readonly parsed: ParseResult;
  /** Syntax, semantic and lint diagnostics from core, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: LineMap;
  /** Why the text was not analysed (too long, or the core failed on it); features then answer nothing. */
  readonly degraded: string | undefined;
  private tokenList: LexToken[] | undefined;
  private targetBounds: FormulaBounds | undefined;
  private sortedReferences: SymbolReference[] | undefined;
  private identifierByReference: Map<SymbolReference, Identifier> | undefined;

  constructor(text: string) {
    this.text = text;
    const { result, lines, degraded, diagnostics } = analyzeSafely(text);
    this.lines = lines;
    this.formula = result.formula;
    this.analysis = result.analysis;
    this.parsed = result.parsed;
    this.diagnostics = diagnostics;
    this.degraded = degraded;
  }

  /** Core's lexer tokens (comments and whitespace excluded), in source order. */
  get tokens(): readonly LexToken[] {
    if (!this.tokenList) {
      this.tokenList = this.degraded
        ? []
        : lex(this.text).tokens.map((t) => ({
            image: t.image,
            start: t.startOffset,
            end: t.startOffset + t.image.length,
            class: classify(t.image),
          }));
    }
    return this.tokenList;
  }

  /** The static bounds of the node targets (core's interval analysis), computed on first use. */
  get bounds(): FormulaBounds {
    this.targetBounds ??= formulaBounds(this.formula);
    return this.targetBounds;
  }

  /** Every name reference, sorted by position. */
  get references(): readonly SymbolReference[] {
    this.sortedReferences ??= [...this.analysis.references].sort((a, b) => a.range.start - b.range.start);
    return this.sortedReferences;
  }

  /** The identifier node behind a reference (the checker records the reverse direction). */
  identifierOf(ref: SymbolReference): Identifier | undefined {
    if (!this.identifierByReference) {
      this.identifierByReference = new Map();
      for (const [id, r] of this.analysis.identifiers) this.identifierByReference.set(r, id);
    }
    return this.identifierByReference.get(ref);
  }
}

/**
 * Core's analysis of `text`, or the empty one with a single diagnostic when the text is not
 * analysed. `lines` always maps `text`: core's own map when it analysed the text, one built here
 * otherwise (EMPTY's map is for the empty text), so a snapshot never builds two.
 */
function analyzeSafely(text: string): {
  result: FormulaAnalysis;
  lines: LineMap;
  degraded: string | undefined;
  diagnostics: readonly Diagnostic[];
} {
  if (text.length > MAX_ANALYZED_LENGTH) {
    const args = { length: text.length, limit: MAX_FORMULA_LENGTH, analysedLimit: MAX_ANALYZED_LENGTH };
    return {
      result: EMPTY,
      lines: new LineMap(text),
      degraded: 'too long',
      diagnostics: [diagnostic('AS1009', 'tooLongForEditor', args, { start: MAX_FORMULA_LENGTH, end: text.length })],
    };
  }
  try {
    const result = analyzeFormula(text);
    return { result, lines: result.lines, degraded: undefined, diagnostics: result.diagnostics };
  } catch (error) {
    // The core never throws on user input by design (statements nested or chained too deeply are
    // left out of parsing and reported as AS1011, see core's syntax/depth-guard.ts), so this is a
    // last resort for a bug in the core: the editor must keep working, and the user must see why
    // features went quiet, so it is reported on the first line.
    const reason = error instanceof Error ? error.message : String(error);
    const lines = new LineMap(text);
    const firstLine = lines.lineText(0).length;
    return {
      result: EMPTY,
      lines,
      degraded: reason,
      diagnostics: [diagnostic('AS1001', 'notAnalysed', { reason }, { start: 0, end: Math.max(0, firstLine) })],
    };
  }
}

function classify(image: string): TokenClass {
  const c = image.charAt(0);
  if (/[A-Za-z_$]/.test(c)) return 'identifier';
  if (/[0-9]/.test(c) || (c === '.' && image.length > 1)) return 'number';
  if (c === '"' || c === "'") return 'string';
  if ('()[],;.'.includes(c)) return 'punctuation';
  return 'operator';
}

const CACHE_SIZE = 8;
const cache = new Map<string, FormulaDocument>();

/**
 * The snapshot of `text`, analysed once and cached (the last few texts), so that diagnostics,
 * semantic tokens and completion for the same keystroke share one analysis.
 */
export function analyzeDocument(text: string): FormulaDocument {
  const source = typeof text === 'string' ? text : '';
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const doc = new FormulaDocument(source);
  cache.set(source, doc);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return doc;
}
