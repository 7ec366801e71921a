// The formatter: one data-driven case per layout rule (input -> expected output), refusals on
// syntax errors, and properties over generated formulas and the shared corpus: formatting is
// idempotent, keeps the parse tree (ranges aside) and keeps every comment in order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFormula } from '../src/format/formatter.ts';
import { lex } from '../src/syntax/lexer.ts';
import { parse } from '../src/syntax/parse.ts';
import { HAS_SHARED_CORPUS, SHARED_CORPUS } from '../../../test/support/paths.ts';
import { expressionArbitrary, formulaArbitrary } from './support/formula-arbitrary.ts';

/** Formats text that must be accepted, failing the test with the diagnostics otherwise. */
function fmt(text: string): string {
  const r = formatFormula(text);
  if (!r.ok)
    throw new Error(
      `refused ${JSON.stringify(text)}: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`,
    );
  return r.text;
}

const RANGE_KEYS = new Set(['range', 'operatorRange', 'questionRange', 'openParen']);

/** A copy of a syntax tree without source positions, so trees of different layouts compare. */
function stripRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRanges);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!RANGE_KEYS.has(k)) out[k] = stripRanges(v);
  return out;
}

/**
 * The parts of a parse that formatting must keep: the statements' trees, the comment texts in
 * order, and where each comment sits: how many tokens other than `;` precede it (formatting drops
 * and adds `;`s, but never moves a comment across another token).
 */
function meaning(text: string): { statements: unknown; comments: string[]; commentPlaces: number[] } {
  const { formula } = parse(text);
  const tokenStarts = lex(text)
    .tokens.filter((t) => t.image !== ';')
    .map((t) => t.startOffset);
  return {
    statements: stripRanges(formula.statements),
    // Trailing whitespace of a comment is the one thing the formatter drops from comments.
    comments: formula.comments.map((c) => c.text.trimEnd()),
    commentPlaces: formula.comments.map((c) => tokenStarts.filter((s) => s < c.range.start).length),
  };
}

function hasSyntaxErrors(text: string): boolean {
  return parse(text).diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('AS1'));
}

/** Asserts the three formatter guarantees for one accepted text. */
function expectWellFormatted(text: string): void {
  const once = fmt(text);
  expect(fmt(once), 'idempotent').toBe(once);
  expect(hasSyntaxErrors(once), 'output parses').toBe(false);
  expect(meaning(once), 'same tree and comments').toEqual(meaning(text));
}

// [rule, input, expected output]
const cases: [string, string, string][] = [
  // Statements and semicolons.
  ['empty input', '', ''],
  ['whitespace only', '  \n\t\r\n ', ''],
  ['only semicolons', ';;;', ''],
  ['final ; added and trailing newline', 'a = 1', 'a = 1;\n'],
  ['one statement per line', 'a=1;b=2;c=3;', 'a = 1;\nb = 2;\nc = 3;\n'],
  ['empty statements removed', ';a = 1;;;b = 2;;', 'a = 1;\nb = 2;\n'],
  ['statement split over lines joined', 'a =\n  1\n  +\n  2\n;', 'a = 1 + 2;\n'],
  ['no indentation at top level', '    a = 1;\n\t\tb = 2;', 'a = 1;\nb = 2;\n'],
  ['bare expression statement', 'max( 1 ,2 )', 'max(1, 2);\n'],
  ['; on the next line', 'a = 1\n;\nb = 2\n;', 'a = 1;\nb = 2;\n'],
  // Line endings and whitespace.
  ['CRLF normalised', 'a = 1;\r\nb = 2;\r\n', 'a = 1;\nb = 2;\n'],
  ['lone CR normalised', 'a = 1;\rb = 2;', 'a = 1;\nb = 2;\n'],
  ['tabs between tokens', 'a\t=\t1\t+\t2;', 'a = 1 + 2;\n'],
  ['tabs inside a string kept', 'a = "x\ty";', 'a = "x\ty";\n'],
  ['already formatted is unchanged', 'a = 1;\n', 'a = 1;\n'],
  // Operators.
  ['spaces around binary operators', 'a=1+2*3-4/5', 'a = 1 + 2 * 3 - 4 / 5;\n'],
  [
    'comparison and logic operators',
    'a=b<c&&d>=e||f!=g&&h==i&&j<=k&&l>m',
    'a = b < c && d >= e || f != g && h == i && j <= k && l > m;\n',
  ],
  ['ternary spaced', 'a=b?c:d', 'a = b ? c : d;\n'],
  ['nested ternaries', 'a=b?c?d:e:f?g:h', 'a = b ? c ? d : e : f ? g : h;\n'],
  ['unary attached', 'a = - 1 + ! b', 'a = -1 + !b;\n'],
  ['double unary', 'a = - - b + ! ! c', 'a = --b + !!c;\n'],
  ['binary minus then unary minus', 'a = b--c', 'a = b - -c;\n'],
  ['unary minus on a call', 'a = -  max(1,2)', 'a = -max(1, 2);\n'],
  // Calls, methods, members, vectors, parentheses.
  ['no space before (', 'a = max (1 , 2,3)', 'a = max(1, 2, 3);\n'],
  ['empty argument list', 'a = time( )', 'a = time();\n'],
  [
    'method call',
    '$s = $CPUPercent . GetSample ( TimeInterval_Minute * 5 , 70 )',
    '$s = $CPUPercent.GetSample(TimeInterval_Minute * 5, 70);\n',
  ],
  ['member access', 'h = time ( ) . hour', 'h = time().hour;\n'],
  [
    'member of a string call',
    'd = time("2024-01-01T00:00:00Z").weekday',
    'd = time("2024-01-01T00:00:00Z").weekday;\n',
  ],
  ['chained postfix', 'n = $x.GetSample(1).Count()', 'n = $x.GetSample(1).Count();\n'],
  ['member of a parenthesised expression', 'h = ( time() ).hour', 'h = (time()).hour;\n'],
  ['integer receiver keeps a space', 'h = 1 .hour', 'h = 1 .hour;\n'],
  ['decimal receiver needs none', 'h = 1.5 .hour', 'h = 1.5.hour;\n'],
  ['vector literal', 'v = [ 1 ,2,  -3 ]', 'v = [1, 2, -3];\n'],
  ['empty vector', 'v = [ ]', 'v = [];\n'],
  ['parentheses kept as written', 'a = ((1 + 2)) * (3)', 'a = ((1 + 2)) * (3);\n'],
  ['parentheses not added', 'a = 1 + 2 * 3', 'a = 1 + 2 * 3;\n'],
  ['no space inside parentheses', 'a = ( b ? c : d )', 'a = (b ? c : d);\n'],
  // Literals keep their spelling.
  ['numbers as written', 'a = 007 + 1.50 + 0.0', 'a = 007 + 1.50 + 0.0;\n'],
  ['strings as written', 'a = "  spaced  \\ back";', 'a = "  spaced  \\ back";\n'],
  ['names as written', '$NodeDeallocationOption = taskcompletion', '$NodeDeallocationOption = taskcompletion;\n'],
  // Comments.
  ['only comments', '// one\n// two', '// one\n// two\n'],
  ['comment at start', '// head\na = 1;', '// head\na = 1;\n'],
  ['comment at end', 'a = 1;\n// tail', 'a = 1;\n// tail\n'],
  ['comments between statements', 'a = 1;\n// b next\n// really\nb = 2;', 'a = 1;\n// b next\n// really\nb = 2;\n'],
  ['trailing comment after ;', 'a = 1;    // one', 'a = 1; // one\n'],
  ['trailing comment before ;', 'a = 1 // one\n;', 'a = 1; // one\n'],
  ['trailing comment, no ;', 'a = 1 // one', 'a = 1; // one\n'],
  ['trailing comment on an empty statement', 'a = 1;; // one', 'a = 1; // one\n'],
  ['two same-line comments stay apart', 'a = 1 // one\n; // two\nb = 2', 'a = 1; // one\n// two\nb = 2;\n'],
  ['comment after a leading ;', '; // one\na = 1', '// one\na = 1;\n'],
  ['indented comment dedented', 'a = 1;\n    // note\nb = 2;', 'a = 1;\n// note\nb = 2;\n'],
  ['comment trailing whitespace trimmed', '// note  \t\na = 1; // t \t', '// note\na = 1; // t\n'],
  ['comment text otherwise kept', '//no space;  /* x */ "q"\na = 1', '//no space;  /* x */ "q"\na = 1;\n'],
  ['comment inside an expression', 'a = 1 + // one\n 2;', 'a = 1 + // one\n    2;\n'],
  [
    'comment on its own line inside an expression',
    'a = max(\n  // first\n  1,\n  // second\n  2\n);',
    'a = max( // first\n    1, // second\n    2);\n',
  ],
  [
    'several comments between two tokens',
    'a = 1 + // one\n // two\n\n 2 // three\n;',
    'a = 1 + // one\n    // two\n    2; // three\n',
  ],
  ['comment before =', 'a // target\n = 1', 'a // target\n    = 1;\n'],
  [
    'comment inside a ternary',
    '$t = $busy // when busy\n  ? 10 // many\n  : 0; // else none',
    '$t = $busy // when busy\n    ? 10 // many\n    : 0; // else none\n',
  ],
  ['comment before a member', 't = time() // now\n.hour', 't = time() // now\n    .hour;\n'],
  // Blank lines.
  ['no leading blank lines', '\n\n\na = 1;', 'a = 1;\n'],
  ['no trailing blank lines', 'a = 1;\n\n\n\n', 'a = 1;\n'],
  ['blank lines collapsed to one', 'a = 1;\n\n\n\nb = 2;', 'a = 1;\n\nb = 2;\n'],
  ['blank line with CRLF', 'a = 1;\r\n\r\nb = 2;', 'a = 1;\n\nb = 2;\n'],
  ['blank line with whitespace on it', 'a = 1;\n \t \nb = 2;', 'a = 1;\n\nb = 2;\n'],
  ['blank line before a comment block kept', 'a = 1;\n\n\n// about b\nb = 2;', 'a = 1;\n\n// about b\nb = 2;\n'],
  ['blank line between comment and statement kept', '// header\n\n\na = 1;', '// header\n\na = 1;\n'],
  ['blank line inside a statement removed', 'a = 1 +\n\n 2;', 'a = 1 + 2;\n'],
  ['blank line before a removed ; carried', 'a = 1;\n\n;\nb = 2;', 'a = 1;\n\nb = 2;\n'],
  ['no blank line added', 'a = 1; b = 2;', 'a = 1;\nb = 2;\n'],
];

describe('formatFormula layout', () => {
  it.each(cases)('%s', (_rule, input, expected) => {
    const r = formatFormula(input);
    expect(r).toEqual({ ok: true, text: expected, changed: expected !== input });
    expect(fmt(expected), 'expected output is a fixed point').toBe(expected);
    expect(meaning(expected), 'same tree and comments').toEqual(meaning(input));
  });

  it('formats a realistic formula', () => {
    const input = [
      '// Get pending tasks for the past 15 minutes.',
      '$samples = $ActiveTasks.GetSamplePercent(TimeInterval_Minute * 15);',
      '$tasks = $samples < 70 ? max(0, $ActiveTasks.GetSample(1)) : ',
      'max( $ActiveTasks.GetSample(1), avg($ActiveTasks.GetSample(TimeInterval_Minute * 15)));',
      '',
      '',
      'cappedPoolSize = 3;',
      '$NodeDeallocationOption = taskcompletion;',
    ].join('\r\n');
    expect(fmt(input)).toBe(
      [
        '// Get pending tasks for the past 15 minutes.',
        '$samples = $ActiveTasks.GetSamplePercent(TimeInterval_Minute * 15);',
        '$tasks = $samples < 70 ? max(0, $ActiveTasks.GetSample(1)) : max($ActiveTasks.GetSample(1), avg($ActiveTasks.GetSample(TimeInterval_Minute * 15)));',
        '',
        'cappedPoolSize = 3;',
        '$NodeDeallocationOption = taskcompletion;',
        '',
      ].join('\n'),
    );
  });

  it('does not wrap long lines', () => {
    const long = `a = ${Array.from({ length: 60 }, (_, i) => `b${i}`).join(' + ')};\n`;
    expect(fmt(long)).toBe(long);
  });
});

describe('formatFormula refuses text with syntax errors', () => {
  // [case, input, the refusal's diagnostics as [code, start, end]]
  it.each<[string, string, Array<[string, number, number]>]>([
    ['unclosed parenthesis', 'a = (1', [['AS1001', 6, 6]]],
    ['missing ;', 'a = 1 b = 2', [['AS1002', 6, 7]]],
    ['block comment', '/* c */ a = 1', [['AS1003', 0, 7]]],
    ['exponent number', 'a = 1e3', [['AS1004', 4, 7]]],
    ['leading-dot number', 'a = .5', [['AS1004', 4, 6]]],
    ['single quotes', "a = 'x'", [['AS1005', 4, 7]]],
    ['unterminated string', 'a = "x', [['AS1006', 4, 6]]],
    ['stray character', 'a = 1 % 2', [['AS1007', 6, 7]]],
    ['missing operand', 'a = 1 +;', [['AS1001', 7, 8]]],
    ['lone =', '= 1', [['AS1001', 0, 1]]],
    // 'a = ' + 2100 x '1 + ' + '1' is 8405 characters, over the service's 8192.
    [
      'too long',
      `a = ${'1 + '.repeat(2100)}1`,
      [
        ['AS1011', 0, 8405],
        ['AS1009', 8192, 8405],
      ],
    ],
    // The empty statement's AS1008 is a warning: the refusal lists the error only.
    ['error beside a syntax warning', 'a = 1;; b = (2', [['AS1001', 14, 14]]],
  ])('%s', (_name, input, expected) => {
    const r = formatFormula(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const d of r.diagnostics) expect(d.severity).toBe('error');
    expect(r.diagnostics.map((d) => [d.code, d.range.start, d.range.end])).toEqual(expected);
  });

  it('formats text whose only syntax diagnostics are warnings', () => {
    expect(parse('a = 1;;').diagnostics.map((d) => d.code)).toEqual(['AS1008']);
    expect(fmt('a = 1;;')).toBe('a = 1;\n');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', '1', ' ', '\n', '=', ';', '(', ')', '/', '"', '.', '?', ':', '-', '[', ','),
          maxLength: 40,
        }),
        (text) => {
          const r = formatFormula(text);
          if (r.ok) expectWellFormatted(text);
          else expect(hasSyntaxErrors(text)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('formatFormula properties', () => {
  it('generated formulas have no syntax errors (the generator is sound)', () => {
    fc.assert(
      fc.property(formulaArbitrary(), (text) => {
        expect(parse(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(formulaArbitrary(), (text) => {
        const once = fmt(text);
        expect(fmt(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the tree and the comments', () => {
    fc.assert(
      fc.property(formulaArbitrary(), (text) => {
        expect(meaning(fmt(text))).toEqual(meaning(text));
      }),
      { numRuns: 300 },
    );
  });

  it('lays out any expression statement the same way whatever the spacing', () => {
    fc.assert(
      fc.property(expressionArbitrary({ comments: false }), (text) => {
        const canonical = fmt(text);
        expect(canonical.endsWith(';\n')).toBe(true);
        expect(canonical.slice(0, -1)).not.toContain('\n');
        // The layout depends on the tokens only: one token per line formats the same.
        expect(
          fmt(
            lex(text)
              .tokens.map((t) => t.image)
              .join('\n'),
          ),
        ).toBe(canonical);
      }),
      { numRuns: 200 },
    );
  });
});

describe.runIf(HAS_SHARED_CORPUS)('formatFormula on the shared corpus (../shared/corpus)', () => {
  const formulas = join(SHARED_CORPUS, 'formulas');
  // A skipped suite is still collected: read nothing when the corpus is missing.
  const files = HAS_SHARED_CORPUS
    ? readdirSync(formulas)
        .filter((f) => f.endsWith('.formula'))
        .sort()
    : [];
  const valid = files.filter((f) => !hasSyntaxErrors(readFileSync(join(formulas, f), 'utf8')));

  it('has formulas without syntax errors to format', () => {
    expect(valid.length).toBeGreaterThan(0);
  });

  it.each(valid)('%s is idempotent and keeps the tree and comments', (file) => {
    expectWellFormatted(readFileSync(join(formulas, file), 'utf8'));
  });
});

describe.runIf(!HAS_SHARED_CORPUS)('formatFormula on the shared corpus', () => {
  // Skipped, saying why: the corpus is not beside this clone (CI always has it).
  it('is not beside this clone: formatting real formulas skipped', (context) =>
    context.skip(`shared corpus not found at ${SHARED_CORPUS}; skipping the formatter's corpus tests`));
});
