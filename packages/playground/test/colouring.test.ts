// The editor's colouring is generated from the TextMate grammar VS Code uses: every grammar
// pattern becomes a Monarch rule with the same scope, member names keep their accessor dot,
// and the theme colours every scope the grammar can produce.

import { describe, expect, it } from 'vitest';
import grammar from '../../../grammar/autoscale.tmLanguage.json' with { type: 'json' };
import { monarchFromGrammar, THEME_RULES } from '../src/editor/colouring.ts';

type Rule = [RegExp, string | string[] | { token: string; next: string }];

function grammarScopes(): string[] {
  return Object.values(grammar.repository).flatMap((group) => group.patterns.map((p) => p.name));
}

describe('colouring from the TextMate grammar', () => {
  const language = monarchFromGrammar();
  const root = language.tokenizer.root as Rule[];

  it("turns every grammar pattern into one rule, in the grammar's order, with its scope", () => {
    const scopes = root.map(([, action]) =>
      typeof action === 'string' ? action : Array.isArray(action) ? action[1] : action.token,
    );
    expect(scopes).toEqual(grammarScopes());
  });

  it('matches names as the grammar does, where Monarch sees only the rest of the line', () => {
    const first = (text: string): string | undefined => {
      for (const [regex, action] of root) {
        const m = new RegExp(`^(?:${regex.source})`).exec(text);
        if (m) return typeof action === 'string' ? action : Array.isArray(action) ? action.join(' ') : action.token;
      }
      return undefined;
    };
    expect(first('$TargetDedicatedNodes = 1;')).toBe('variable.language.target.autoscale');
    expect(first('$PendingTasks.GetSample(1)')).toBe('variable.language.metric.autoscale');
    expect(first('.GetSample(1)')).toBe('punctuation.accessor.autoscale support.function.method.autoscale');
    expect(first('avg(x)')).toBe('support.function.builtin.autoscale');
    expect(first('avg = 1')).toBe('variable.other.autoscale');
    expect(first('// note')).toBe('comment.line.double-slash.autoscale');
    expect(first('TimeInterval_Minute')).toBe('constant.language.timeinterval.autoscale');
    expect(first('1.5e3')).toBe('invalid.illegal.number.autoscale');
    expect(first('@')).toBe('invalid.illegal.character.autoscale');
  });

  it('keeps a block comment in a state of its own until it closes', () => {
    const states = Object.keys(language.tokenizer).filter((s) => s !== 'root');
    expect(states).toHaveLength(1);
    const [end] = language.tokenizer[states[0] as string] as Rule[];
    expect(end?.[0].test('*/')).toBe(true);
  });

  it('refuses a lookbehind it cannot honour instead of colouring wrongly', () => {
    const bad = { patterns: [{ name: 'x', match: '(?<=a)b' }], repository: {} };
    expect(() => monarchFromGrammar(bad)).toThrow(/lookbehind/);
    expect(() => monarchFromGrammar({ patterns: [{ include: '#missing' }], repository: {} })).toThrow(
      /unknown #missing/,
    );
  });

  it('has a theme colour for every scope the grammar produces', () => {
    for (const scope of grammarScopes()) {
      expect(
        THEME_RULES.some((r) => scope.startsWith(`${r.token}.`)),
        scope,
      ).toBe(true);
    }
  });
});
