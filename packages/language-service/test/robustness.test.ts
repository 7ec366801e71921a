// Bad input answers "nothing" and never throws: offsets out of range or not integers, empty text,
// texts over the analysed limit (1 MB), binary junk, formulas nested deeper than the core's parser
// can go, and random texts with random offsets (fast-check, fixed seed and budget).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeContext, MAX_FORMULA_LENGTH } from '@autoscale/core';
import { LanguageService, MAX_ANALYZED_LENGTH } from '@autoscale/language-service';
import { largeFormula } from '../../../bench/core.bench.ts';

const context = makeContext({ now: Date.parse('2026-01-05T10:00:00Z') });

/** Calls every feature at `offset`; returns the results so a test can inspect them. */
function everything(ls: LanguageService, text: string, offset: number) {
  const range = { start: offset, end: offset + 3 };
  return {
    diagnostics: ls.diagnostics(text),
    hover: ls.hover(text, offset),
    completion: ls.completion(text, offset),
    signatureHelp: ls.signatureHelp(text, offset),
    definition: ls.definition(text, offset),
    references: ls.references(text, offset),
    highlights: ls.documentHighlights(text, offset),
    prepareRename: ls.prepareRename(text, offset),
    rename: ls.rename(text, offset, 'renamed'),
    symbols: ls.documentSymbols(text),
    folding: ls.foldingRanges(text),
    tokens: ls.semanticTokens(text, range),
    format: ls.format(text),
    actions: ls.codeActions(text, range),
    hints: ls.inlayHints(text, range, { variableTypes: true }),
    preview: ls.preview(text, context),
  };
}

describe('bad offsets answer nothing', () => {
  const ls = new LanguageService();
  const text = 'x = max(1, $PendingTasks.GetSample(1));';
  for (const offset of [-1, text.length + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -Infinity, 2 ** 53]) {
    it(`offset ${offset}`, () => {
      const r = everything(ls, text, offset);
      expect(r.hover).toBeUndefined();
      expect(r.completion).toEqual({ context: 'none', items: [] });
      expect(r.signatureHelp).toBeUndefined();
      expect([r.definition, r.references, r.highlights]).toEqual([[], [], []]);
      // A range is clamped to the text; one with a bound that is not an integer answers nothing.
      if (!Number.isInteger(offset)) expect([r.actions, r.hints, r.tokens]).toEqual([[], [], []]);
      expect(r.prepareRename.ok).toBe(false);
      expect(r.rename.ok).toBe(false);
    });
  }
  it('offsets at both ends of the text are valid', () => {
    expect(ls.completion(text, 0).context).toBe('statement');
    expect(ls.completion(text, text.length).context).toBe('statement');
  });
});

describe('degenerate texts', () => {
  const ls = new LanguageService();
  it('an empty text', () => {
    const r = everything(ls, '', 0);
    expect(r.diagnostics).toEqual([]);
    expect(r.completion.context).toBe('statement');
    expect(r.format).toEqual({ ok: true, edits: [] });
    expect(r.preview.results).toBe('$TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue');
  });
  it('whitespace and comments only', () => {
    expect(everything(ls, '  \n// c\r\n\t', 3).diagnostics).toEqual([]);
  });
  it('a 1 MB formula is not analysed: one AS1009 diagnostic, features answer nothing', () => {
    let text = '';
    while (text.length < 1_000_000) text += `${largeFormula()}\n`;
    expect(text.length).toBeGreaterThan(MAX_ANALYZED_LENGTH);
    const r = everything(ls, text, 500_000);
    expect(r.diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['AS1009', { start: MAX_FORMULA_LENGTH, end: text.length }],
    ]);
    expect(r.diagnostics[0]?.message).toContain(`${text.length} characters`);
    expect([r.hover, r.signatureHelp]).toEqual([undefined, undefined]);
    expect([r.symbols, r.folding, r.tokens, r.completion.items]).toEqual([[], [], [], []]);
    expect(r.format.ok).toBe(false);
    expect(r.preview.failure?.code).toBe('AS1009');
  });
  it('1 MB of binary junk', () => {
    let seed = 7;
    const nextCharCode = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 65536;
    };
    const junk = Array.from({ length: 1_000_000 }, () => String.fromCharCode(nextCharCode())).join('');
    const r = everything(ls, junk, 12345);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['AS1009']);
  });
  it('64 KB of junk, just under the limit, is analysed', () => {
    const junk = Array.from({ length: MAX_ANALYZED_LENGTH }, (_, i) =>
      String.fromCharCode(32 + ((i * 7919) % 95)),
    ).join('');
    const r = everything(ls, junk, 40_000);
    expect(r.diagnostics.length).toBeGreaterThan(100);
    expect(r.format.ok).toBe(false);
  });
  it('nesting far deeper than any stack allows is one AS1011 diagnostic from core', () => {
    // Core leaves statements over its depth limit out of parsing, so no stage recurses on them.
    const text = `x = ${'('.repeat(30_000)}1${')'.repeat(30_000)};`;
    expect(text.length).toBeLessThan(MAX_ANALYZED_LENGTH);
    const r = everything(ls, text, 10);
    // (and AS1009: the text is far over the service's 8192 characters)
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['AS1009', 'AS1011']);
  });
});

describe('random texts and offsets', () => {
  const ls = new LanguageService();
  // Fragments of the language, so random texts reach deep into every feature.
  const piece = fc.constantFrom(
    'x',
    '$x',
    ' = ',
    ';',
    '\n',
    '$PendingTasks',
    '.',
    'GetSample',
    '(',
    ')',
    ',',
    '[',
    ']',
    '1',
    '0.5',
    '+',
    '&&',
    '?',
    ':',
    'max',
    'time()',
    '.hour',
    '"s"',
    "'q",
    '// c',
    '/*',
    '$NodeDeallocationOption',
    'requeue',
    ' ',
    'TimeInterval_Minute',
    '\\',
    '{',
    'é',
  );
  it('never throw, and every range stays inside the text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), (pieces, n) => {
        const text = pieces.join('');
        const offset = n % (text.length + 1);
        const r = everything(ls, text, offset);
        const ranges = [
          ...r.diagnostics.map((d) => d.range),
          ...r.definition,
          ...r.references,
          ...r.completion.items.map((i) => i.range),
        ];
        for (const range of ranges) {
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeLessThanOrEqual(text.length);
          expect(range.start).toBeLessThanOrEqual(range.end);
        }
      }),
      { seed: 20260105, numRuns: 400 },
    );
  });
});
