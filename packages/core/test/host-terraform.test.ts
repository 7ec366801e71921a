// The Terraform host reader against the fixtures in test/corpus/host/terraform/ (each NAME.tf with
// its NAME.expect, format in that folder's README.md), then focused cases: escapes, the `<<-`
// indentation rule, strip markers, braces and strings nested in `${ }`, and inputs it must survive.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble, type FoundFormula } from '../src/host/embedded.ts';
import { readTerraform } from '../src/host/terraform.ts';
import { LineMap } from '../src/text/source.ts';
import { type Expectation, parseExpectation } from './host-terraform-expect.ts';

const CORPUS = join(import.meta.dirname, '../../../test/corpus/host/terraform');
const FIXTURES = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.tf'))
  .sort();

/** 1-based `line:column` of a host offset. */
function at(lines: LineMap, offset: number): string {
  const p = lines.positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

function span(lines: LineMap, range: { start: number; end: number }): string {
  return `${at(lines, range.start)}-${at(lines, range.end)}`;
}

/**
 * What the reader found, written in the expectation's own format and order. The expectation
 * supplies the questions (values to fill, offsets to map) and the message fragments, so a line
 * differs exactly where the reader's answer does.
 */
function render(text: string, expected: Expectation): string[] {
  const lines = new LineMap(text);
  const result = readTerraform(text);
  const out: string[] = [];
  result.formulas.forEach((found: FoundFormula, i) => {
    const asked = expected.formulas[i];
    const embedded = assemble(found, new Map());
    out.push(
      `formula ${found.name}`,
      `  range ${span(lines, found.hostRange)}`,
      `  text ${JSON.stringify(embedded.text)}`,
    );
    if (asked?.values !== undefined) {
      out.push(`  values ${asked.values.text}`, `  filled ${JSON.stringify(assemble(found, asked.values.map).text)}`);
    }
    for (const p of embedded.placeholders) out.push(`  placeholder ${p.name} ${span(lines, p.hostRange)}`);
    for (const query of asked?.at ?? []) {
      const offset = typeof query.offset === 'number' ? query.offset : embedded.text.indexOf(query.offset.needle);
      out.push(`  at ${query.text} ${offset < 0 ? 'not in the text' : at(lines, embedded.map.toHost(offset))}`);
    }
  });
  result.problems.forEach((problem, i) => {
    const fragment = expected.problems[i];
    const wording = fragment !== undefined && problem.message.includes(fragment) ? fragment : problem.message;
    out.push(`problem ${at(lines, problem.range.start)} ${wording}`);
  });
  return out;
}

describe('Terraform reader fixtures', () => {
  it('has the fixtures the reader is specified by', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(8);
  });

  it.each(FIXTURES)('%s', (name) => {
    const text = readFileSync(join(CORPUS, name), 'utf8');
    const expected = parseExpectation(readFileSync(join(CORPUS, name.replace(/\.tf$/, '.expect')), 'utf8'));
    expect(render(text, expected)).toEqual(expected.lines);
  });
});

/** A one-pool file whose formula attribute is `value`. */
function pool(value: string): string {
  return `resource "azurerm_batch_pool" "p" {\n  auto_scale {\n    formula = ${value}\n  }\n}\n`;
}

/** The one formula of a one-pool file, assembled with `values`, and the file's problems. */
function readPool(value: string, values: Record<string, string> = {}) {
  const host = pool(value);
  const result = readTerraform(host);
  const found = result.formulas[0];
  const embedded = found === undefined ? undefined : assemble(found, new Map(Object.entries(values)));
  return { host, found, embedded, text: embedded?.text, problems: result.problems.map((p) => p.message) };
}

// biome-ignore-start lint/suspicious/noTemplateCurlyInString: HCL interpolations in Terraform text, not JavaScript templates
describe('Terraform reader: quoted strings', () => {
  it('decodes every HCL escape; each escape is one piece spanning all of its host characters', () => {
    const { host, found, embedded, problems } = readPool('"a\\nb\\r\\t\\"\\\\\\u00e9\\U0001F600z"');
    expect(problems).toEqual([]);
    expect(embedded?.text).toBe('a\nb\r\t"\\é😀z');
    const emoji = found?.pieces.find((piece) => piece.kind === 'text' && piece.text === '😀');
    expect(emoji && host.slice(emoji.hostStart, emoji.hostStart + emoji.hostLength)).toBe('\\U0001F600');
    // Just after the ten-character escape is the z.
    expect(host.charAt(embedded?.map.toHost('a\nb\r\t"\\é😀'.length) ?? -1)).toBe('z');
  });

  it('reports an escape HCL rejects, keeps it as written and still reads the formula', () => {
    for (const bad of ['\\q', '\\u12', '\\uD800', '\\U00110000']) {
      const { text, problems } = readPool(`"$a = 1;${bad}"`);
      expect(text, bad).toBe(`$a = 1;${bad}`);
      expect(problems, bad).toEqual([expect.stringContaining(`invalid escape sequence ${bad}`)]);
    }
  });

  it('does not start an interpolation at \\$ (an invalid escape) nor at $${', () => {
    expect(readPool('"\\${x} $${y}"').text).toBe('\\${x} ${y}');
  });
});

describe('Terraform reader: interpolations', () => {
  it('skips nested braces and strings (with their own interpolations) inside ${ }', () => {
    const { found, text } = readPool('"${ {a = "}"}["a"] } and ${format("%s}", "${var.x}")}!"');
    expect(text).toBe('0 and 0!');
    const names = found?.pieces.flatMap((piece) => (piece.kind === 'placeholder' ? [piece.name] : []));
    expect(names).toEqual(['{a = "}"}["a"]', 'format("%s}", "${var.x}")']);
  });

  it('lets ${~ and ~} trim the whitespace around them, as HCL does', () => {
    expect(readPool('"a  \\t ${~ var.x ~} \\n b"', { 'var.x': 'X' }).text).toBe('aXb');
    // In a heredoc, ~} trims only to the end of its line: the next line is another literal for HCL.
    expect(readPool('<<EOF\na ${var.x ~}  \n  b\nEOF').text).toBe('a 0  b\n');
  });

  it('reports an interpolation that is never closed, and reads no formula', () => {
    const { found, problems } = readPool('"${var.x"');
    expect(found).toBeUndefined();
    expect(problems).toContainEqual(expect.stringContaining('interpolation ${ is not closed'));
  });
});

describe('Terraform reader: heredocs', () => {
  // The flush cases of HCL's own specification suite (hashicorp/hcl specsuite/tests/expressions/
  // heredoc.hcl, expected values from heredoc.t), with ${bar} filled with "Bar".
  it.each([
    ['basic', 'Foo\nBar\nBaz\nEOT', 'Foo\nBar\nBaz\n'],
    ['indented', '    Foo\n    Bar\n    Baz\n  EOT', 'Foo\nBar\nBaz\n'],
    ['indented_more', '    Foo\n      Bar\n    Baz\n  EOT', 'Foo\n  Bar\nBaz\n'],
    ['indented_less', '    Foo\n  Bar\n    Baz\n  EOT', '  Foo\nBar\n  Baz\n'],
    ['interp', '    Foo\n    ${bar}\n    Baz\n  EOT', 'Foo\nBar\nBaz\n'],
    ['interp_indented_more', '    Foo\n      ${bar}\n    Baz\n  EOT', 'Foo\n  Bar\nBaz\n'],
    ['tabs', '\tFoo\n  Bar\n  Baz\n  EOT', 'Foo\n Bar\n Baz\n'],
    ['unicode_spaces', '   \u2003\u2003Foo\n    Bar\n    Baz\n  EOT', '\u2003Foo\nBar\nBaz\n'],
    ['newlines_between', 'Foo\n\nBar\n\nBaz\nEOT', 'Foo\n\nBar\n\nBaz\n'],
    ['indented_newlines_between', '    Foo\n\n    Bar\n\n    Baz\n  EOT', 'Foo\n\nBar\n\nBaz\n'],
  ])('<<- %s', (_name, body, expected) => {
    expect(readPool(`<<-EOT\n${body}`, { bar: 'Bar' }).text).toBe(expected);
  });
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: HCL interpolations

  it('keeps indentation in a plain heredoc, and a marker that only ends a line does not close it', () => {
    expect(readPool('<<EOT\n    NOT EOT\n  EOT').text).toBe('    NOT EOT\n');
  });

  it('maps each line of an indented heredoc to after its removed indentation', () => {
    const { host, embedded } = readPool('<<-EOT\n      $a = 1;\n\n        $b = 2;\n    EOT');
    expect(embedded?.text).toBe('$a = 1;\n\n  $b = 2;\n');
    const hostAt = (needle: string) => host.slice(embedded?.map.toHost(embedded.text.indexOf(needle)));
    expect(hostAt('$a')).toMatch(/^\$a = 1;/);
    expect(hostAt('  $b')).toMatch(/^ {2}\$b = 2;/);
    expect(embedded?.map.toFormula(host.indexOf('      $a'))).toBeUndefined();
  });

  it('reads CRLF files: the line breaks stay in the text, positions stay exact', () => {
    const host = pool('<<-EOT\n    $a = 1;\n    $b = 2;\n  EOT').replace(/\n/g, '\r\n');
    const formula = readTerraform(host).formulas[0];
    const embedded = formula === undefined ? undefined : assemble(formula, new Map());
    expect(embedded?.text).toBe('$a = 1;\r\n$b = 2;\r\n');
    expect(host.slice(embedded?.map.toHost(embedded.text.indexOf('$b')))).toMatch(/^\$b = 2;\r\n {2}EOT/);
  });

  it('says when the closing marker is the last thing in the file, without its line break', () => {
    const host = 'resource "azurerm_batch_pool" "p" {\n  auto_scale {\n    formula = <<EOF\n$a = 1;\nEOF';
    const { formulas, problems } = readTerraform(host);
    expect(formulas).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'heredoc <<EOF is not closed: its closing EOF must be followed by a line break',
    ]);
  });
});

describe('Terraform reader: any input', () => {
  it('never throws on any prefix of the fixtures, and every range stays inside the text', () => {
    for (const name of FIXTURES) {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      for (let end = 0; end <= text.length; end++) {
        const prefix = text.slice(0, end);
        const result = readTerraform(prefix);
        const ranges = [
          ...result.problems.map((p) => p.range),
          ...result.formulas.flatMap((f) => [
            f.hostRange,
            ...f.pieces.map((p) => ({ start: p.hostStart, end: p.hostStart + p.hostLength })),
          ]),
        ];
        for (const r of ranges)
          expect(0 <= r.start && r.start <= r.end && r.end <= end, `${name}[0, ${end})`).toBe(true);
      }
    }
  });

  it('stops at nesting too deep to follow, instead of exhausting the stack or the clock', () => {
    const deepStrings = readTerraform('"$'.concat('{"$'.repeat(20_000)));
    expect(deepStrings.problems.map((p) => p.message)).toContainEqual(
      expect.stringContaining('nested more than 64 deep'),
    );
    const deepBlocks = readTerraform('a {\n'.repeat(20_000));
    expect(deepBlocks.problems[0]?.message).toContain('blocks are nested more than 64 deep');
  });

  it('never throws on text made of the characters HCL gives meaning to', () => {
    const alphabet = ['{', '}', '"', '$', '%', '~', '\\', '\n', '<<EOF\n', '<<-X\n', 'EOF', '#', '//', '/*', '*/', ' '];
    const words = ['resource', 'azurerm_batch_pool', 'auto_scale', 'formula', '=', 'var.x', 'local.y', 'file('];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet, ...words)), (parts) => {
        const text = parts.join('');
        const result = readTerraform(text);
        for (const formula of result.formulas) assemble(formula, new Map());
      }),
    );
  });
});
