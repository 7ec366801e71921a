// The Bicep host reader (src/host/bicep.ts, bicep-scanner.ts) on the fixtures in
// test/corpus/host/bicep: every NAME.bicep has a NAME.expected.json beside it giving, in order,
// each formula found (name; text assembled with no values, and with `values` as `filled`;
// `hostRange` as `L:C-L:C`; placeholders with the host position of their `${`; `toHost` checks
// that map a formula offset, given as `offset` or as the first occurrence of `find` in the text,
// to a host `L:C`) and each problem (a fragment of its message and the `L:C` where it starts).
// Lines and columns are 1-based, counted by LineMap. The fixtures' README.md says the same.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBicep } from '../src/host/bicep.ts';
import { assemble } from '../src/host/embedded.ts';
import { LineMap } from '../src/text/source.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/corpus/host/bicep');

interface ExpectedFormula {
  name: string;
  text: string;
  hostRange: string;
  placeholders?: { name: string; at: string }[];
  values?: Record<string, string>;
  filled?: string;
  toHost?: { find?: string; offset?: number; at: string }[];
}

interface Expected {
  formulas: ExpectedFormula[];
  problems: { message: string; at: string }[];
}

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.bicep'))
  .sort();

describe('Bicep host reader on test/corpus/host/bicep', () => {
  it('has the fixtures, each with its expectations', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    const expectations = readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json'));
    expect(expectations.sort()).toEqual(fixtures.map((f) => f.replace(/\.bicep$/, '.expected.json')));
  });

  describe.each(fixtures)('%s', (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const expected: Expected = JSON.parse(
      readFileSync(join(FIXTURES, file.replace(/\.bicep$/, '.expected.json')), 'utf8'),
    );
    const lines = new LineMap(text);
    const at = (offset: number) => {
      const p = lines.positionAt(offset);
      return `${p.line + 1}:${p.character + 1}`;
    };
    const result = readBicep(text);

    it('finds the expected formulas, by name and in order', () => {
      expect(result.formulas.map((f) => f.name)).toEqual(expected.formulas.map((f) => f.name));
    });

    it('assembles each formula: text, host range, placeholders, text with values', () => {
      for (const [i, want] of expected.formulas.entries()) {
        const found = result.formulas[i];
        if (found === undefined) throw new Error(`${file}: formula ${want.name} was not found`);
        const empty = assemble(found, new Map());
        expect(empty.text, `${want.name}: text`).toBe(want.text);
        expect(`${at(found.hostRange.start)}-${at(found.hostRange.end)}`, `${want.name}: hostRange`).toBe(
          want.hostRange,
        );
        const placeholders = empty.placeholders.map((p) => ({ name: p.name, at: at(p.hostRange.start) }));
        expect(placeholders, `${want.name}: placeholders`).toEqual(want.placeholders ?? []);
        if (want.values !== undefined || want.filled !== undefined) {
          const filled = assemble(found, new Map(Object.entries(want.values ?? {})));
          expect(filled.text, `${want.name}: text with values`).toBe(want.filled);
        }
      }
    });

    it('maps formula offsets back to the host line and column', () => {
      for (const [i, want] of expected.formulas.entries()) {
        const found = result.formulas[i];
        if (found === undefined) throw new Error(`${file}: formula ${want.name} was not found`);
        const { text: formulaText, map } = assemble(found, new Map());
        for (const check of want.toHost ?? []) {
          const offset = check.find === undefined ? (check.offset ?? -1) : formulaText.indexOf(check.find);
          const what =
            check.find === undefined ? `offset ${offset}` : `${JSON.stringify(check.find)} (offset ${offset})`;
          expect(offset, `${want.name}: ${what} is in the formula`).toBeGreaterThanOrEqual(0);
          expect(at(map.toHost(offset)), `${want.name}: toHost of ${what}`).toBe(check.at);
        }
      }
    });

    it('reports the expected problems, where they start', () => {
      // An actual message containing the expected fragment is shown as the fragment, so a
      // failure's diff shows only what differs.
      const actual = result.problems.map((p, i) => {
        const fragment = expected.problems[i]?.message;
        return {
          message: fragment !== undefined && p.message.includes(fragment) ? fragment : p.message,
          at: at(p.range.start),
        };
      });
      expect(actual).toEqual(expected.problems);
      for (const p of result.problems) expect(p.range.end).toBeGreaterThanOrEqual(p.range.start);
    });

    it('gives pieces in host order, inside the host range, with verbatim text equal to the host', () => {
      for (const found of result.formulas) {
        let previousEnd = found.hostRange.start;
        for (const piece of found.pieces) {
          const hostText = text.slice(piece.hostStart, piece.hostStart + piece.hostLength);
          expect(piece.hostStart, found.name).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = piece.hostStart + piece.hostLength;
          if (piece.kind === 'placeholder') expect(hostText, found.name).toMatch(/^\$+\{[\s\S]*\}$/);
          else if (piece.text.length === piece.hostLength) expect(piece.text, found.name).toBe(hostText);
          else expect(hostText, found.name).toMatch(/^\\/);
        }
        expect(previousEnd, found.name).toBeLessThanOrEqual(found.hostRange.end);
      }
    });
  });
});
