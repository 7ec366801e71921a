// Parser tests: precedence, associativity, postfix chains and error recovery, as S-expressions.

import { describe, expect, it } from 'vitest';
import { parse } from '@autoscale/core';
import { statementSexpr } from './support/sexpr.ts';

const trees = (text: string) => parse(text).formula.statements.map(statementSexpr);

describe('parser', () => {
  it.each([
    ['x = a + b * c', '(= x (+ a (* b c)))'],
    ['x = a * b + c', '(= x (+ (* a b) c))'],
    ['x = a - b - c', '(= x (- (- a b) c))'],
    ['x = a / b / c', '(= x (/ (/ a b) c))'],
    ['x = a < b == c > d', '(= x (== (< a b) (> c d)))'],
    ['x = a || b && c', '(= x (|| a (&& b c)))'],
    ['x = a && b || c && d', '(= x (|| (&& a b) (&& c d)))'],
    ['x = a == b != c', '(= x (!= (== a b) c))'],
    ['x = a + b < c * d && e', '(= x (&& (< (+ a b) (* c d)) e))'],
    ['x = -a * b', '(= x (* (- a) b))'],
    ['x = !a && b', '(= x (&& (! a) b))'],
    ['x = - -a', '(= x (- (- a)))'],
    ['x = -$X.GetSample(1)', '(= x (- (.GetSample $X 1)))'],
    ['x = c ? 1 : d ? 2 : 3', '(= x (? c 1 (? d 2 3)))'],
    ['x = c ? d ? 1 : 2 : 3', '(= x (? c (? d 1 2) 3))'],
    ['x = a > 1 ? b + 1 : c || d', '(= x (? (> a 1) (+ b 1) (|| c d)))'],
    ['x = time().weekday >= 1', '(= x (>= (. (time) weekday) 1))'],
    ['x = (time() + TimeInterval_Hour).hour', '(= x (. (paren (+ (time) TimeInterval_Hour)) hour))'],
    [
      'x = max($A.GetSample(1), avg($A.GetSample(TimeInterval_Minute * 15)))',
      '(= x (max (.GetSample $A 1) (avg (.GetSample $A (* TimeInterval_Minute 15)))))',
    ],
    ['x = [1, 2 + 3, -4]', '(= x [1 (+ 2 3) (- 4)])'],
    ['x = []', '(= x [])'],
    ['x = f()', '(= x (f))'],
    ['x = "a;b"', '(= x "a;b")'],
    ['x = 300.0', '(= x 300.0)'],
    ['$TargetDedicatedNodes=3', '(= $TargetDedicatedNodes 3)'],
    ['something_useless', 'something_useless'],
    ['stop()', '(stop)'],
  ])('%s', (text, tree) => {
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.formula.statements.map(statementSexpr)).toEqual([tree]);
  });

  it('reads statements separated by semicolons, with or without a final one', () => {
    expect(trees('a = 1; b = 2;')).toEqual(['(= a 1)', '(= b 2)']);
    expect(trees('a = 1;\n// c\nb = 2')).toEqual(['(= a 1)', '(= b 2)']);
    expect(trees('a = 1;\r\nb = 2;\r\n')).toEqual(['(= a 1)', '(= b 2)']);
  });

  it('keeps exact half-open ranges', () => {
    const text = 'x = $PendingTasks.GetSample(1) + 2;';
    const s = parse(text).formula.statements[0];
    expect(s?.kind).toBe('Assignment');
    if (s?.kind !== 'Assignment' || s.value.kind !== 'Binary') throw new Error('shape');
    expect(text.slice(s.range.start, s.range.end)).toBe('x = $PendingTasks.GetSample(1) + 2');
    expect(text.slice(s.value.left.range.start, s.value.left.range.end)).toBe('$PendingTasks.GetSample(1)');
    expect(text.slice(s.value.operatorRange.start, s.value.operatorRange.end)).toBe('+');
    if (s.value.left.kind !== 'MethodCall') throw new Error('shape');
    expect(text[s.value.left.openParen]).toBe('(');
  });

  it.each([
    ['a = 1 + ;b = 2', ['(= a <missing>)', '(= b 2)']],
    // At the end of the text as before a ';': the statement keeps what was parsed.
    ['a = (1 + 2', ['(= a (paren (+ 1 2)))']],
    [')) x = 3', ['(= x 3)']],
    ['y = $a.GetSample(1).', ['(= y (. (.GetSample $a 1) ))']],
    ['a = 1 b = 2', ['(= a 1)', '(= b 2)']],
    ['a = max(1,; b = 2', ['(= a <missing>)', '(= b 2)']],
  ])('recovers from %j and keeps the rest', (text, expected) => {
    const result = parse(text);
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(result.formula.statements.map(statementSexpr)).toEqual(expected);
    for (const s of result.formula.statements) {
      expect(s.range.start).toBeGreaterThanOrEqual(0);
      expect(s.range.end).toBeLessThanOrEqual(text.length);
    }
  });
});
