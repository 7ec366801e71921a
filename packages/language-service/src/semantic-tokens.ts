// Semantic tokens: what each name resolved to (the checker knows that a `$name` is a user variable
// and not a service variable, which no grammar can), plus numbers, strings, comments and
// operators from core's lexer. Token types and modifiers are LSP's standard names, so themes
// colour them without configuration; `encodeSemanticTokens` produces LSP's/Monaco's integer form.

import { registry, type LineMap, type Range, type SymbolReference } from '@autoscale/core';
import type { FormulaDocument, LexToken } from './document.ts';
import { validRange } from './queries.ts';

export const SEMANTIC_TOKEN_TYPES = [
  'variable',
  'function',
  'method',
  'property',
  'keyword',
  'number',
  'string',
  'comment',
  'operator',
] as const;
export const SEMANTIC_TOKEN_MODIFIERS = [
  'declaration',
  'modification',
  'readonly',
  'static',
  'defaultLibrary',
  'deprecated',
] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** The legend an adapter registers; indexes into these lists are what the encoded form carries. */
export const SEMANTIC_TOKENS_LEGEND: {
  tokenTypes: readonly SemanticTokenType[];
  tokenModifiers: readonly SemanticTokenModifier[];
} = {
  tokenTypes: SEMANTIC_TOKEN_TYPES,
  tokenModifiers: SEMANTIC_TOKEN_MODIFIERS,
};

export interface SemanticToken {
  start: number;
  length: number;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

/**
 * The document's tokens in source order, optionally only those touching `range`. How names map:
 * service variable: variable + defaultLibrary (+ readonly when read-only, + deprecated when
 * retired or a legacy alias); user variable: variable (+ declaration on its first assignment,
 * modification on later ones); function, method: + defaultLibrary; timestamp member: property +
 * readonly + defaultLibrary; TimeInterval_* constant: variable + readonly + static + defaultLibrary;
 * deallocation keyword: keyword. Names the checker could not resolve get no token.
 */
export function semanticTokens(doc: FormulaDocument, range?: Range): SemanticToken[] {
  const within = range === undefined ? { start: 0, end: doc.text.length } : validRange(doc, range);
  if (!within || doc.degraded) return [];
  const refs = new Map<number, SymbolReference>();
  for (const r of doc.references) refs.set(r.range.start, r);
  const firstAssignment = new Set<number>();
  const seenNames = new Set<string>();
  for (const r of doc.references) {
    if (r.kind === 'user' && r.isDefinition && !seenNames.has(r.name)) {
      seenNames.add(r.name);
      firstAssignment.add(r.range.start);
    }
  }
  const out: SemanticToken[] = [];
  for (const t of doc.tokens) {
    if (t.end < within.start || t.start > within.end) continue;
    const token = tokenFor(t, refs.get(t.start), firstAssignment);
    if (token) out.push(token);
  }
  for (const { range: r } of doc.formula.comments) {
    if (r.end >= within.start && r.start <= within.end)
      out.push({ start: r.start, length: r.end - r.start, type: 'comment', modifiers: [] });
  }
  return out.sort((a, b) => a.start - b.start);
}

function tokenFor(
  t: LexToken,
  ref: SymbolReference | undefined,
  firstAssignment: Set<number>,
): SemanticToken | undefined {
  const at = { start: t.start, length: t.end - t.start };
  switch (t.class) {
    case 'number':
      return { ...at, type: 'number', modifiers: [] };
    case 'string':
      return { ...at, type: 'string', modifiers: [] };
    case 'operator':
      return { ...at, type: 'operator', modifiers: [] };
    case 'punctuation':
      return undefined;
    case 'identifier':
      return ref && ref.range.end === t.end ? nameToken(at, ref, firstAssignment) : undefined;
  }
}

function nameToken(
  at: { start: number; length: number },
  ref: SymbolReference,
  firstAssignment: Set<number>,
): SemanticToken | undefined {
  switch (ref.kind) {
    case 'service': {
      const v = registry.variable(ref.name);
      const modifiers: SemanticTokenModifier[] = ['defaultLibrary'];
      if (v?.access === 'read') modifiers.push('readonly');
      if (v?.retired || (v && v.name !== ref.name)) modifiers.push('deprecated');
      if (ref.isDefinition) modifiers.unshift('modification');
      return { ...at, type: 'variable', modifiers };
    }
    case 'user':
      return {
        ...at,
        type: 'variable',
        modifiers: ref.isDefinition ? [firstAssignment.has(ref.range.start) ? 'declaration' : 'modification'] : [],
      };
    case 'function':
      return { ...at, type: 'function', modifiers: ['defaultLibrary'] };
    case 'method':
      return { ...at, type: 'method', modifiers: ['defaultLibrary'] };
    case 'member':
      return { ...at, type: 'property', modifiers: ['readonly', 'defaultLibrary'] };
    case 'constant':
      return { ...at, type: 'variable', modifiers: ['readonly', 'static', 'defaultLibrary'] };
    case 'keyword':
      return { ...at, type: 'keyword', modifiers: [] };
    case 'unknown':
      return undefined;
  }
}

/**
 * LSP's (and Monaco's) integer encoding: five numbers per token — line delta, start character
 * (delta on the same line), length, type index, modifier bit set — against SEMANTIC_TOKENS_LEGEND.
 * Tokens spanning lines are cut at line ends, since clients without multiline support need that.
 */
export function encodeSemanticTokens(lines: LineMap, tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  for (const t of tokens) {
    const typeIndex = SEMANTIC_TOKEN_TYPES.indexOf(t.type);
    let bits = 0;
    for (const m of t.modifiers) bits |= 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m);
    let start = t.start;
    const end = t.start + t.length;
    while (start < end) {
      const p = lines.positionAt(start);
      const lineEnd = lines.lineStart(p.line) + lines.lineText(p.line).length;
      const pieceEnd = Math.min(end, lineEnd);
      if (pieceEnd > start) {
        data.push(
          p.line - previousLine,
          p.line === previousLine ? p.character - previousCharacter : p.character,
          pieceEnd - start,
          typeIndex,
          bits,
        );
        previousLine = p.line;
        previousCharacter = p.character;
      }
      start = p.line + 1 < lines.lineCount ? lines.lineStart(p.line + 1) : end;
    }
  }
  return data;
}
