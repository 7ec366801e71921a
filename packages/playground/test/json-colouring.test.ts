// The colouring of pasted pool JSON and ARM templates: keys and values apart, a formula string one
// value token whatever it holds (escapes, quotes), the comments ARM templates allow, and an
// unclosed string kept to its line; the word pattern keeps `$Name` whole for completion.

import { describe, expect, it } from 'vitest';
import { JSON_CONFIGURATION, JSON_MONARCH } from '../src/editor/json-colouring.ts';

type Action = string | { token: string; next: string };
type Rule = [RegExp, Action];

/** Tokenizes one line as Monarch does: at each position the first rule of the state that matches there. */
function tokens(line: string, start = 'root'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const stack = [start];
  let at = 0;
  while (at < line.length) {
    const rules = JSON_MONARCH.tokenizer[stack[stack.length - 1] as string] as Rule[];
    const hit = rules
      .map(([regex, action]) => ({ m: new RegExp(`^(?:${regex.source})`).exec(line.slice(at)), action }))
      .find((r) => r.m !== null && r.m[0].length > 0);
    if (!hit?.m) throw new Error(`no rule matches at ${at} in ${line}`);
    const token = typeof hit.action === 'string' ? hit.action : hit.action.token;
    if (token !== 'white') out.push([hit.m[0], token]);
    if (typeof hit.action !== 'string') {
      if (hit.action.next === '@pop') stack.pop();
      else stack.push(hit.action.next.replace(/^@/, ''));
    }
    at += hit.m[0].length;
  }
  return out;
}

describe('JSON colouring for pasted host files', () => {
  it('tells keys from values, and keeps a formula string with escapes one token', () => {
    expect(tokens('"autoScaleFormula": "$TargetDedicatedNodes = \\"a\\" == x ? 1 : 0;\\n$x = 2;",')).toEqual([
      ['"autoScaleFormula"', 'string.key'],
      [':', 'delimiter'],
      ['"$TargetDedicatedNodes = \\"a\\" == x ? 1 : 0;\\n$x = 2;"', 'string.value'],
      [',', 'delimiter'],
    ]);
  });

  it('colours numbers, literals, brackets and comments', () => {
    expect(tokens('{ "n": -4.5e2, "ok": true, "x": null, "list": [1] } // note').map(([, t]) => t)).toEqual([
      'delimiter.bracket',
      'string.key',
      'delimiter',
      'number',
      'delimiter',
      'string.key',
      'delimiter',
      'keyword',
      'delimiter',
      'string.key',
      'delimiter',
      'keyword',
      'delimiter',
      'string.key',
      'delimiter',
      'delimiter.bracket',
      'number',
      'delimiter.bracket',
      'delimiter.bracket',
      'comment',
    ]);
    expect(tokens('/* a "formula": here */ 1')).toEqual([
      ['/*', 'comment'],
      [' a "formula": here ', 'comment'],
      ['*/', 'comment'],
      ['1', 'number'],
    ]);
  });

  it('marks an unclosed string to the end of its line instead of running on', () => {
    expect(tokens('"formula": "$TargetDedicatedNodes = 1;')).toEqual([
      ['"formula"', 'string.key'],
      [':', 'delimiter'],
      ['"$TargetDedicatedNodes = 1;', 'string.invalid'],
    ]);
  });

  it('keeps $Names whole as words (completion replaces the whole name)', () => {
    const word = JSON_CONFIGURATION.wordPattern as RegExp;
    expect(word.exec('"$TargetDedicatedNodes = 1"')?.[0]).toBe('$TargetDedicatedNodes');
    expect(word.global).toBe(false);
  });
});
