// Error recovery of the parser, pinned: for broken formulas, the statements it still reads and every
// syntax diagnostic (code, range, message). The grammar is written for speed (rules merged, the
// first operand of an expression read inline; see packages/core/src/syntax/parser.ts), and these
// are the trees and diagnostics the textbook-shaped grammar gave before, which recovery must keep:
// chevrotain resynchronises at `statement` and inserts or deletes single tokens by the whole rule
// stack, so merging rules may change neither.

import { describe, expect, it } from 'vitest';
import { parse } from '@autoscale/core';
import { statementSexpr } from './support/sexpr.ts';

const CASES: Array<[text: string, statements: string[], diagnostics: string[]]> = [
  ['x = ;', ['(= x <missing>)'], ["AS1001 4-5 Expected an expression but found ';'."]],
  ['x = (1 + 2;', ['(= x (paren (+ 1 2)))'], ["AS1001 10-11 Expected ')' but found ';'."]],
  [
    'x = max(1, 2 3);',
    ['(= x (max 1 2))', '3'],
    [
      "AS1001 13-14 Expected ')' but found '3'.",
      "AS1002 13-14 Missing ';' before '3': statements must be separated by semicolons.",
      "AS1001 14-15 Unexpected ')'.",
    ],
  ],
  ['x = [1, 2', ['(= x [1 2])'], ["AS1001 9-9 Expected ']' but found end of formula."]],
  ['x = a.;', ['(= x (. a ))'], ["AS1001 6-7 Expected a name but found ';'."]],
  ['x = a.b(;', ['(= x (.b a))'], ["AS1001 8-9 Expected ')' but found ';'."]],
  ['$x.GetSample(1', ['(.GetSample $x 1)'], ["AS1001 14-14 Expected ')' but found end of formula."]],
  ['x = 1 ? 2;', ['(= x <missing>)'], ["AS1001 9-10 Expected ':' but found ';'."]],
  ['x = 1 ? 2 :', ['(= x <missing>)'], ['AS1001 11-11 Expected an expression but found end of formula.']],
  ['x = (1 + ;', ['(= x <missing>)'], ["AS1001 9-10 Expected an expression but found ';'."]],
  ['1 + ;', ['<missing>'], ["AS1001 4-5 Expected an expression but found ';'."]],
  ['x = y = 2;', ['(= x y)', '2'], ["AS1001 6-7 Unexpected '='."]],
  ['x = - ;', ['(= x <missing>)'], ["AS1001 6-7 Expected an expression but found ';'."]],
  ['x = !', ['(= x <missing>)'], ['AS1001 5-5 Expected an expression but found end of formula.']],
  [') x = 1;', ['(= x 1)'], ["AS1001 0-1 Unexpected ')'."]],
  ['x = 1 2;', ['(= x 1)', '2'], ["AS1002 6-7 Missing ';' before '2': statements must be separated by semicolons."]],
  [
    'x = max(,);',
    ['(= x (max))'],
    ["AS1001 8-9 Expected ')' but found ','.", "AS1001 8-9 Unexpected ','.", "AS1001 9-10 Unexpected ')'."],
  ],
  ['x = time().hour.;', ['(= x (. (. (time) hour) ))'], ["AS1001 16-17 Expected a name but found ';'."]],
  [
    'x = 1 + * 2;',
    ['(= x <missing>)', '2'],
    ["AS1001 8-9 Expected an expression but found '*'.", "AS1001 8-9 Unexpected '*'."],
  ],
  [
    'x = (1 ? 2 : );',
    ['(= x <missing>)'],
    ["AS1001 13-14 Expected an expression but found ')'.", "AS1001 13-14 Unexpected ')'."],
  ],
  [
    'x = [1,,2];',
    ['(= x <missing>)', '2'],
    ["AS1001 7-8 Expected an expression but found ','.", "AS1001 7-8 Unexpected ','.", "AS1001 9-10 Unexpected ']'."],
  ],
  ['= 5;', ['5'], ["AS1001 0-1 Unexpected '='."]],
  ['x == 1 ; y = 2', ['(== x 1)', '(= y 2)'], []],
  ['x = a ? b : c ? d;', ['(= x <missing>)'], ["AS1001 17-18 Expected ':' but found ';'."]],
  [
    'x = f(1)(2);',
    ['(= x (f 1))', '(paren 2)'],
    ["AS1002 8-9 Missing ';' before '(': statements must be separated by semicolons."],
  ],
  [
    'x = a.b.c(1)[2];',
    ['(= x (.c (. a b) 1))', '[2]'],
    ["AS1002 12-13 Missing ';' before '[': statements must be separated by semicolons."],
  ],
  ['x = "abc', ['(= x "abc")'], ["AS1006 4-8 String not closed: add the closing '\"' on the same line."]],
  [
    'x = max(1, (2 + 3), [4, 5);',
    ['(= x (max 1 (paren (+ 2 3)) [4 5]))'],
    ["AS1001 25-26 Expected ']' but found ')'."],
  ],
  ['x = a.GetSample(1, 2;', ['(= x (.GetSample a 1 2))'], ["AS1001 20-21 Expected ')' but found ';'."]],
  ['x = $A.GetSample(1).;', ['(= x (. (.GetSample $A 1) ))'], ["AS1001 20-21 Expected a name but found ';'."]],
  ['x = ((1);\ny = 2;', ['(= x (paren (paren 1)))', '(= y 2)'], ["AS1001 8-9 Expected ')' but found ';'."]],
  [
    'x = max(1,\ny = 2;',
    ['(= x (max 1 y))', '2'],
    ["AS1001 13-14 Expected ')' but found '='.", "AS1001 13-14 Unexpected '='."],
  ],
  ['x = 1 +\n$TargetDedicatedNodes = 3;', ['(= x (+ 1 $TargetDedicatedNodes))', '3'], ["AS1001 30-31 Unexpected '='."]],
  ['x = -(-;', ['(= x <missing>)'], ["AS1001 7-8 Expected an expression but found ';'."]],
  ['x = [;', ['(= x [])'], ["AS1001 5-6 Expected ']' but found ';'."]],
  ['x = a..b;', ['(= x (. (. a ) b))'], ["AS1001 6-7 Expected a name but found '.'."]],
  [
    'x = 1 ? : 2;',
    ['(= x <missing>)', '2'],
    ["AS1001 8-9 Expected an expression but found ':'.", "AS1001 8-9 Unexpected ':'."],
  ],
  [
    'x = ? 1 : 2;',
    ['(= x <missing>)', '1', '2'],
    ["AS1001 4-5 Expected an expression but found '?'.", "AS1001 4-5 Unexpected '?'.", "AS1001 8-9 Unexpected ':'."],
  ],
  ['x = 1 :', ['(= x 1)'], ["AS1001 6-7 Unexpected ':'."]],
  [
    'x = 1 & 2 | 3;',
    ['(= x (|| (&& 1 2) 3))'],
    [
      "AS1007 6-7 Unexpected character '&': the logical operators are '&&'.",
      "AS1007 10-11 Unexpected character '|': the logical operators are '||'.",
    ],
  ],
  [
    'a = 1 b = 2 c = 3',
    ['(= a 1)', '(= b 2)', '(= c 3)'],
    [
      "AS1002 6-7 Missing ';' before 'b': statements must be separated by semicolons.",
      "AS1002 12-13 Missing ';' before 'c': statements must be separated by semicolons.",
    ],
  ],
  ['x = min(max(1, 2), ;', ['(= x <missing>)'], ["AS1001 19-20 Expected an expression but found ';'."]],
  [
    'x = 1;;;y = 2',
    ['(= x 1)', '(= y 2)'],
    ["AS1008 6-7 Empty statement: remove the extra ';'.", "AS1008 7-8 Empty statement: remove the extra ';'."],
  ],
  [
    'x = a.b c.d;',
    ['(= x (. a b))', '(. c d)'],
    ["AS1002 8-9 Missing ';' before 'c': statements must be separated by semicolons."],
  ],
  [
    'x = time("2024-01-01);',
    ['(= x (time "2024-01-01);"))'],
    [
      "AS1006 9-22 String not closed: add the closing '\"' on the same line.",
      "AS1001 22-22 Expected ')' but found end of formula.",
    ],
  ],
  [
    "x = 'abc';",
    ['(= x "abc")'],
    ['AS1005 4-9 Strings use double quotes: the service does not accept single-quoted strings.'],
  ],
  [
    'x = 1e3 + .5;',
    ['(= x (+ 1e3 .5))'],
    [
      "AS1004 4-7 Number '1e3' is not accepted by the service: write numbers as digits with an optional fraction, here '1000'.",
      "AS1004 10-12 Number '.5' is not accepted by the service: write numbers as digits with an optional fraction, here '0.5'.",
    ],
  ],
  ['x = a[1];', ['(= x a)', '[1]'], ["AS1002 5-6 Missing ';' before '[': statements must be separated by semicolons."]],
  [
    'x = (a, b);',
    ['(= x (paren a))', 'b'],
    ["AS1001 6-7 Expected ')' but found ','.", "AS1001 6-7 Unexpected ','.", "AS1001 9-10 Unexpected ')'."],
  ],
  [
    'x = max(1 2, 3 4);',
    ['(= x (max 1))', '2', '3', '4'],
    [
      "AS1001 10-11 Expected ')' but found '2'.",
      "AS1002 10-11 Missing ';' before '2': statements must be separated by semicolons.",
      "AS1001 11-12 Unexpected ','.",
      "AS1002 15-16 Missing ';' before '4': statements must be separated by semicolons.",
      "AS1001 16-17 Unexpected ')'.",
    ],
  ],
];

describe('parser error recovery', () => {
  it.each(CASES)('%j', (text, statements, diagnostics) => {
    const parsed = parse(text);
    expect(parsed.formula.statements.map(statementSexpr)).toEqual(statements);
    expect(parsed.diagnostics.map((d) => `${d.code} ${d.range.start}-${d.range.end} ${d.message}`)).toEqual(
      diagnostics,
    );
  });
});
