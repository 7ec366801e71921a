// The hand-written scanner (src/syntax/scanner.ts) gives exactly what chevrotain's lexer gives for
// the token definitions of tokens.ts: the same tokens (type, text, offset, object shape), comments,
// error tokens and runs of characters no token starts with, and flags exactly the tokens the
// lexing stage reports. Its `busiest` count may let the depth guard skip a formula only when the
// guard would find nothing.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardDepth, MAX_NESTING } from '../src/syntax/depth-guard.ts';
import { referenceScan } from '../src/syntax/lexer.ts';
import { type ScanResult, scan } from '../src/syntax/scanner.ts';
import { CASES } from '../../../test/support/paths.ts';
import { formulaArbitrary } from './support/formula-arbitrary.ts';

/** A scan as plain data: token types by name, and `busiest`, which only the scanner computes, left out. */
function plain(result: ScanResult): string {
  return JSON.stringify({ ...result, busiest: undefined }, (key, value) =>
    key === 'tokenType' ? (value as { name: string }).name : value,
  );
}

function expectSameAsChevrotain(text: string): void {
  expect(plain(scan(text)), JSON.stringify(text)).toBe(plain(referenceScan(text)));
}

function corpusTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return corpusTexts(path);
    return entry.name.endsWith('.autoscale') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Every character class the token definitions tell apart, and the ones they have no use for. */
const PIECES = [
  ...' \t\r\n\f\v\u00a0\ufeff\u2028\u2029\u0085\u3000',
  ...'/*"\'.0123456789eE+-_$azAZ=!<>&|?:()[],;{}\\%^~#@`',
  'é',
  '😀',
  '\u0000',
  '\u0001',
  '\u007f',
  '//',
  '/*',
  '*/',
  '1e3',
  '.5',
  '1.',
  '1.5e-2',
  '$PendingTasks',
  'TimeInterval_Minute',
];

describe('scanner', () => {
  it('tokenizes the corpus as chevrotain does', () => {
    const texts = corpusTexts(CASES);
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) expectSameAsChevrotain(text);
  });

  it('tokenizes generated formulas as chevrotain does', () => {
    fc.assert(fc.property(formulaArbitrary(), expectSameAsChevrotain), { numRuns: 300 });
  });

  it('tokenizes any mix of the characters the tokens tell apart as chevrotain does', () => {
    const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, expectSameAsChevrotain), { numRuns: 3000 });
  });

  it('tokenizes any text as chevrotain does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), expectSameAsChevrotain), { numRuns: 2000 });
  });

  it('lets the depth guard skip only formulas where it would find nothing', () => {
    const deep = fc
      .array(fc.constantFrom('(', ')', '[', ']', '-', '!', '?', ':', '.', 'a', '1', '+', '*', ';', ',', ' '), {
        maxLength: 300,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(deep, (text) => {
        const { tokens, busiest } = scan(text);
        if (busiest > MAX_NESTING) return;
        const guarded = guardDepth(tokens);
        expect(guarded.diagnostics).toEqual([]);
        expect(guarded.tokens).toEqual(tokens);
      }),
      { numRuns: 2000 },
    );
    // At the limit: 64 nested parentheses are allowed, counted 64, and skipped; one more is not.
    const nested = (depth: number) => `${'('.repeat(depth)}1${')'.repeat(depth)};`;
    expect(scan(nested(64)).busiest).toBe(64);
    expect(guardDepth(scan(nested(64)).tokens).diagnostics).toEqual([]);
    const { tokens, busiest } = scan(nested(65));
    expect(guardDepth(tokens, busiest).diagnostics.map((d) => d.code)).toEqual(['AS1011']);
  });
});
