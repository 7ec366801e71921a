// The readers' byte-level cell parsers answer exactly what the general rules answer (core's
// parseInstant, parseNumberCell), to the bit, wherever they answer at all; and they leave every
// odd shape to those rules (NaN) rather than guess.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '@autoscale/core';
import { parseInstantBytes, parseNumberBytes } from '../src/recording/byte-cells.ts';
import { parseNumberCell } from '../src/recording/cells.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Parses `text` placed inside other bytes, so a parser reading past its range would be caught. */
function instantIn(text: string): number {
  const b = bytes(`9-${text}+9`);
  return parseInstantBytes(b, 2, b.length - 2);
}

function numberIn(text: string): number {
  const b = bytes(`-${text}e`);
  return parseNumberBytes(b, 1, b.length - 1);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

describe('parseInstantBytes', () => {
  it('gives parseInstant’s instant for the common shapes: Z or an offset, 0 to 3 fraction digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('0001-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59Z') }),
        fc.constantFrom('', '.5', '.25', '.125', '.000', '.9'),
        fc.constantFrom('Z', '+00:00', '+01:00', '-05:30', '+14:00', '-23:59', '+23:59'),
        (ms, fraction, zone) => {
          const d = new Date(ms);
          const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${fraction}${zone}`;
          const expected = parseInstant(text);
          expect(expected.ok).toBe(true);
          expect(instantIn(text)).toBe(expected.ok ? expected.ms : Number.NaN);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('knows leap days and month lengths, whatever the previous row’s day was', () => {
    for (const text of [
      '2024-02-29T12:00:00Z',
      '2000-02-29T00:00:00Z',
      '2026-12-31T23:59:59.999Z',
      '2026-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '0000-03-01T00:00:00Z',
    ]) {
      const expected = parseInstant(text);
      expect(instantIn(text)).toBe(expected.ok ? expected.ms : 'not a date');
    }
    // Impossible dates are the general parser's to word, even right after a good one of the same month.
    for (const text of ['2026-02-28T00:00:00Z', '2026-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z'])
      expect(Number.isNaN(instantIn(text))).toBe(!parseInstant(text).ok);
  });

  it.each([
    ['lower-case t', '2026-01-05t10:00:00Z'],
    ['lower-case z', '2026-01-05T10:00:00z'],
    ['a space for T', '2026-01-05 10:00:00Z'],
    ['no seconds', '2026-01-05T10:00Z'],
    ['a comma before the fraction', '2026-01-05T10:00:00,5Z'],
    ['four fraction digits', '2026-01-05T10:00:00.1230Z'],
    ['an offset without a colon', '2026-01-05T10:00:00+0100'],
    ['no zone', '2026-01-05T10:00:00'],
    ['hour 24', '2026-01-05T24:00:00Z'],
    ['minute 60', '2026-01-05T10:60:00Z'],
    ['second 60', '2026-01-05T10:00:60Z'],
    ['month 13', '2026-13-05T10:00:00Z'],
    ['day 0', '2026-01-00T10:00:00Z'],
    ['an offset of 24 hours', '2026-01-05T10:00:00+24:00'],
    ['an empty fraction', '2026-01-05T10:00:00.Z'],
    ['a letter for a digit', '2026-0a-05T10:00:00Z'],
    ['something after the zone', '2026-01-05T10:00:00Zx'],
    ['spaces around it', ' 2026-01-05T10:00:00Z'],
    ['a word', 'yesterday'],
  ])('leaves %s to the general parser', (_, text) => {
    expect(instantIn(text)).toBeNaN();
  });
});

describe('parseNumberBytes', () => {
  /** Decimal spellings of every form the reader accepts, and near misses. */
  const spelling = fc.oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc
      .tuple(
        fc.constantFrom('', '+', '-'),
        fc.stringMatching(/^[0-9]{0,18}$/),
        fc.constantFrom('', '.'),
        fc.stringMatching(/^[0-9]{0,18}$/),
        fc.constantFrom('', 'e', 'E', 'e+', 'e-', 'E-'),
        fc.stringMatching(/^[0-9]{0,5}$/),
      )
      .map((parts) => parts.join('')),
    fc.string({ maxLength: 8 }),
  );

  it('agrees with parseNumberCell wherever it answers, and answers for the usual spellings', () => {
    fc.assert(
      fc.property(spelling, (text) => {
        fc.pre(text !== '');
        const fast = numberIn(text);
        if (!Number.isNaN(fast)) expect(Object.is(fast, parseNumberCell(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const text of ['0', '12', '+12', '-3', '0.5', '.5', '5.', '1e3', '1E+3', '2.5e-1', '-0', '007', '99.95'])
      expect(Object.is(numberIn(text), parseNumberCell(text))).toBe(true);
  });

  it.each([
    ['more than 15 significant digits', '1234567890.12345678'],
    ['a five-digit exponent', '1e00003'],
    ['an exponent beyond exact powers of ten', '1e300'],
    ['hexadecimal', '0x10'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['a lone dot', '.'],
    ['a lone sign', '-'],
    ['an exponent without digits', '1e'],
    ['a space', ' 1'],
    ['a decimal comma', '1,5'],
  ])('leaves %s to parseNumberCell', (_, text) => {
    expect(numberIn(text)).toBeNaN();
  });
});
