// Bicep string syntax as the Bicep reader decodes it, one rule at a time (the rules are Bicep's:
// docs/spec/bicep.md and its lexer, see bicep-scanner.ts): escapes, interpolations with nested
// braces and strings, the newline dropped after an opening `'''`, `$'''` strings; then the
// reader's own choices (names, loadTextContent) and that no input makes it throw.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BicepLoadedFormula, readBicep } from '../src/host/bicep.ts';
import { assemble, type EmbeddedFormula, type FoundFormula } from '../src/host/embedded.ts';

/** A file with one pool whose formula is `value`, written as Bicep source. */
function poolFile(value: string, eol = '\n'): string {
  return [
    "resource pool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {",
    '  properties: {',
    '    scaleSettings: {',
    '      autoScale: {',
    `        formula: ${value}`,
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join(eol);
}

/** The first formula found in `file`. */
function first(file: string): FoundFormula {
  const found = readBicep(file).formulas[0];
  if (found === undefined) throw new Error(`no formula in ${JSON.stringify(file)}`);
  return found;
}

/** The one formula of `file`, assembled with no values; the file must have no problem. */
function only(file: string): EmbeddedFormula {
  const { formulas, problems } = readBicep(file);
  expect(problems).toEqual([]);
  expect(formulas).toHaveLength(1);
  return assemble(first(file), new Map());
}

describe('single-quoted strings', () => {
  it('decodes every escape Bicep has, each one piece spanning the whole escape', () => {
    const file = poolFile(String.raw`'a\\b\'c\nd\re\tf\$g\u{41}\u{1F642}\u{00000041}'`);
    expect(assemble(first(file), new Map()).text).toBe("a\\b'c\nd\re\tf$gA\u{1F642}A");
    const escapes = first(file)
      .pieces.filter((p) => p.kind === 'text' && p.text.length !== p.hostLength)
      .map((p) => [p.kind === 'text' ? p.text : '', file.slice(p.hostStart, p.hostStart + p.hostLength)]);
    expect(escapes).toEqual([
      ['\\', '\\\\'],
      ["'", "\\'"],
      ['\n', '\\n'],
      ['\r', '\\r'],
      ['\t', '\\t'],
      ['$', '\\$'],
      ['A', '\\u{41}'],
      ['\u{1F642}', '\\u{1F642}'],
      ['A', '\\u{00000041}'],
    ]);
  });

  it('maps the offset right after an escape to the host character right after it', () => {
    const file = poolFile(String.raw`'x\ny'`);
    const formula = only(file);
    expect(formula.text).toBe('x\ny');
    expect(file.slice(formula.map.toHost(2), formula.map.toHost(2) + 2)).toBe("y'");
    // A diagnostic on the newline itself covers the two characters of its escape.
    expect(formula.map.rangeToHost({ start: 1, end: 2 })).toEqual({
      start: file.indexOf('\\n'),
      end: file.indexOf('\\n') + 2,
    });
  });

  it('reports an escape Bicep does not have, and keeps its text', () => {
    const file = poolFile(String.raw`'a\x \u{110000} \u41'`);
    const { problems } = readBicep(file);
    expect(problems.map((p) => [p.message.split(':')[0], file.slice(p.range.start, p.range.end)])).toEqual([
      [String.raw`'\x' is not a Bicep escape`, '\\x'],
      [String.raw`'\u' is not a Bicep escape`, '\\u'],
      [String.raw`'\u' is not a Bicep escape`, '\\u'],
    ]);
    expect(assemble(first(file), new Map()).text).toBe(String.raw`a\x \u{110000} \u41`);
  });

  it('keeps a $ without { and an escaped \\$ as text', () => {
    const formula = only(poolFile(`'$a = 1$; \\\${b}'`));
    expect(formula.text).toBe(`$a = 1$; \${b}`);
    expect(formula.placeholders).toEqual([]);
  });

  it('names each interpolation by its trimmed expression, skipping nested braces and strings', () => {
    const file = poolFile(`'\${ {a: '}'}.a }x\${f('\${y}', '\\'}')}\${ obj['k'].v }'`);
    const formula = only(file);
    expect(formula.text).toBe('0x00');
    expect(formula.placeholders.map((p) => [p.name, file.slice(p.hostRange.start, p.hostRange.end)])).toEqual([
      ["{a: '}'}.a", `\${ {a: '}'}.a }`],
      [`f('\${y}', '\\'}')`, `\${f('\${y}', '\\'}')}`],
      ["obj['k'].v", `\${ obj['k'].v }`],
    ]);
    const filled = assemble(first(file), new Map([["{a: '}'}.a", '7']]));
    expect(filled.text).toBe('7x00');
  });

  it('does not let an interpolation or a string run past the end of its line', () => {
    const hole = readBicep(poolFile(`'\${max(\n1, 2)}'`));
    expect(hole.formulas).toEqual([]);
    expect(hole.problems.map((p) => p.message)).toContainEqual('an interpolation is not closed on its line');
    const string = readBicep(poolFile("'abc\n'"));
    expect(string.formulas).toEqual([]);
    expect(string.problems[0]?.message).toBe('a string is not closed on its line');
  });
});

describe("multi-line ''' strings", () => {
  it('drop one newline right after the opening quotes, LF or CRLF, and keep the host offsets', () => {
    for (const eol of ['\n', '\r\n']) {
      const file = poolFile(`'''${eol}a;${eol}${eol}b;${eol}'''`, eol);
      const formula = only(file);
      expect(formula.text).toBe(`a;${eol}${eol}b;${eol}`);
      expect(formula.map.toHost(0)).toBe(file.indexOf('a;'));
      expect(formula.map.toHost(formula.text.indexOf('b;'))).toBe(file.indexOf('b;'));
      expect(formula.hostRange.start).toBe(file.indexOf('a;'));
    }
  });

  it('drop only the first newline, and none when the text starts on the same line', () => {
    expect(only(poolFile("'''\n\na'''")).text).toBe('\na');
    expect(only(poolFile("'''a\n'''")).text).toBe('a\n');
    expect(only(poolFile("''''''")).text).toBe('');
  });

  it('are verbatim: no escapes, no interpolation, quotes beyond the closing three are text', () => {
    const formula = only(poolFile(`'''a\\nb \${c} 'd'''''`));
    expect(formula.text).toBe(`a\\nb \${c} 'd''`);
    expect(formula.placeholders).toEqual([]);
    expect(formula.map.toHost(formula.text.length)).toBe(formula.hostRange.end);
  });

  it("interpolate with as many $ as opened them: in $$$''' only three or more $ before { open one", () => {
    const file = poolFile(`$$$'''\${a} $\${b} $$\${c} $$$\${d}'''`);
    const formula = only(file);
    expect(formula.text).toBe(`\${a} $\${b} 0 $0`);
    expect(formula.placeholders.map((p) => [p.name, file.slice(p.hostRange.start, p.hostRange.end)])).toEqual([
      ['c', `$$\${c}`],
      ['d', `$$\${d}`],
    ]);
  });

  it('report an unclosed one at its opening quotes', () => {
    const file = "var f = '''\nnever closed\n";
    expect(readBicep(file).problems).toEqual([
      { message: "a multi-line string ''' is never closed", range: { start: 8, end: 11 } },
    ]);
  });
});

describe('the Bicep reader', () => {
  it('gives the path of a loadTextContent formula as data, for a caller that follows it', () => {
    const [problem] = readBicep(poolFile("loadTextContent('f.autoscale')")).problems as BicepLoadedFormula[];
    expect(problem?.loadTextContent).toEqual({ pool: 'pool', path: 'f.autoscale' });
    const computed = readBicep(poolFile(`loadTextContent('\${dir}/f.autoscale')`)).problems;
    expect(computed.map((p) => p.message)).toEqual([
      "the formula of pool 'pool' is loaded by loadTextContent from a path that is not a plain string",
    ]);
  });

  it('gives up on a cycle of vars with a problem, not a hang', () => {
    const { formulas, problems } = readBicep(`var a = b\nvar b = a\n${poolFile('a')}`);
    expect(formulas).toEqual([]);
    expect(problems.map((p) => p.message.split(':')[0])).toEqual([
      "the formula of pool 'pool' is not a string literal",
    ]);
  });

  it('makes names unique when two nested pools share a symbolic name', () => {
    const account = (name: string) =>
      [
        `resource ${name} 'Microsoft.Batch/batchAccounts@2024-07-01' = {`,
        "  resource pool 'pools' = {",
        "    properties: { scaleSettings: { autoScale: { formula: '$TargetDedicatedNodes = 1;' } } }",
        '  }',
        '}',
      ].join('\n');
    const { formulas } = readBicep(`${account('a')}\n${account('b')}\n`);
    expect(formulas.map((f) => f.name)).toEqual(['pool', 'pool-2']);
  });

  it('matches property names and resource types without regard to case, and quoted keys', () => {
    const file = [
      "resource p 'MICROSOFT.BATCH/batchAccounts/POOLS@2024-07-01' = {",
      "  'properties': { ScaleSettings: { autoscale: { Formula: '$x = 1;' } } }",
      '}',
    ].join('\n');
    expect(readBicep(file).formulas.map((f) => f.name)).toEqual(['p']);
  });

  it('never throws, and keeps every range inside the file, whatever the input', () => {
    const fragment = fc.constantFrom(
      "resource p 'Microsoft.Batch/batchAccounts/pools@1' = ",
      "resource c 'pools' = ",
      'properties: ',
      'scaleSettings: ',
      'autoScale: ',
      'formula: ',
      'var f = ',
      '[for x in y: ',
      'if (a) ',
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      "'",
      "'''",
      '$',
      '${',
      '\\',
      '\\u{',
      '/*',
      '*/',
      '//',
      '\n',
      '\r\n',
      ' ',
      'x',
      ':',
      ',',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const file = parts.join('');
        const { formulas, problems } = readBicep(file);
        for (const p of problems)
          expect(0 <= p.range.start && p.range.start <= p.range.end && p.range.end <= file.length).toBe(true);
        for (const f of formulas) {
          expect(f.hostRange.start <= f.hostRange.end && f.hostRange.end <= file.length).toBe(true);
          for (const piece of f.pieces) expect(piece.hostStart + piece.hostLength <= file.length).toBe(true);
          assemble(f, new Map());
        }
      }),
      { numRuns: 500 },
    );
  });
});
