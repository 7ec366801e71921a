// The URL fragment that carries a formula and context: any text survives the round trip (a pasted
// pool JSON among them), with the choices made for a host file (the formula picked, placeholder
// values, pool JSON's own state or not), and a damaged or oversized link is refused with a reason
// instead of throwing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, MAX_FRAGMENT_LENGTH } from '../src/state/url-state.ts';

describe('URL state', () => {
  it('round-trips any formula and context text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        async (formula, context) => {
          const decoded = await decodeState(await encodeState({ formula, context }));
          expect(decoded).toEqual({ ok: true, state: { formula, context } });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps an 8 KB formula in a link of reasonable length', async () => {
    const formula = Array.from(
      { length: 120 },
      (_, i) => `v${i} = avg($CPUPercent.GetSample(TimeInterval_Minute * ${i + 1}));`,
    )
      .join('\n')
      .slice(0, 8192);
    const hash = await encodeState({ formula, context: '{}' });
    expect(hash.startsWith('#f=')).toBe(true);
    expect(hash.length).toBeLessThan(formula.length / 2);
    expect(await decodeState(hash)).toEqual({ ok: true, state: { formula, context: '{}' } });
  });

  it('round-trips a pasted pool JSON byte for byte, with the choices made for it', async () => {
    const formula = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'test', 'corpus', 'host', 'json', 'pool-show.json'),
      'utf8',
    );
    expect(formula).toContain('\\r\\n');
    const state = { formula, context: '', formulaName: 'render-pool', values: { maxNodes: '10' }, poolContext: false };
    expect(await decodeState(await encodeState(state))).toEqual({ ok: true, state });
  });

  it('round-trips any host choices, and leaves the defaults out of the link', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
        fc.boolean(),
        async (formulaName, values, poolContext) => {
          const hash = await encodeState({ formula: 'x', context: '', formulaName, values, poolContext });
          const expected = {
            formula: 'x',
            context: '',
            ...(formulaName !== undefined ? { formulaName } : {}),
            ...(Object.keys(values).length > 0 ? { values } : {}),
            ...(poolContext ? {} : { poolContext }),
          };
          expect(await decodeState(hash)).toEqual({ ok: true, state: expected });
        },
      ),
      { numRuns: 100 },
    );
    expect(await encodeState({ formula: 'x', context: '', values: {}, poolContext: true })).toMatch(
      /^#f=[^&]*&c=[^&]*$/,
    );
  });

  it('refuses placeholder values that are damaged or not an object of strings, and a bad pool-context flag', async () => {
    const packed = async (text: string) =>
      new URLSearchParams((await encodeState({ formula: text, context: '' })).slice(1)).get('f') as string;
    for (const v of ['%%%', 'AAAAAAAA', await packed('[1]'), await packed('{"a": 1}'), await packed('not json')]) {
      const decoded = await decodeState(`#f=${await packed('x')}&v=${v}`);
      expect(decoded).toEqual({ ok: false, reason: expect.stringMatching(/placeholder values are damaged/) });
    }
    expect(await decodeState('#o=2')).toEqual({ ok: false, reason: expect.stringMatching(/pool-context flag is "2"/) });
  });

  it('an empty fragment or one without our keys gives no state', async () => {
    expect(await decodeState('')).toEqual({ ok: true, state: {} });
    expect(await decodeState('#')).toEqual({ ok: true, state: {} });
    expect(await decodeState('#section-2')).toEqual({ ok: true, state: {} });
  });

  it.each([
    ['not base64url', '#f=%%%%'],
    ['base64 of bytes that are not deflate data', '#f=AAAAAAAA'],
    ['a link cut short', 'CUT'],
    ['a context that is not deflate data', '#c=_-_-'],
  ])('refuses %s with a reason', async (_label, fragment) => {
    const input =
      fragment === 'CUT'
        ? (await encodeState({ formula: 'a = 1;\n'.repeat(50), context: '{}' })).slice(0, 20)
        : fragment;
    const decoded = await decodeState(input);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(/damaged/);
  });

  it('refuses an oversized link before decoding it', async () => {
    const decoded = await decodeState(`#f=${'A'.repeat(MAX_FRAGMENT_LENGTH)}`);
    expect(decoded).toEqual({ ok: false, reason: expect.stringMatching(/characters long/) });
  });
});
