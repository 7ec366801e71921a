// Colouring for the editor from the same source as VS Code's: grammar/autoscale.tmLanguage.json,
// which grammar/generate.ts writes from core's registry. Each TextMate pattern becomes a Monarch
// rule with the same scope name as its token, in the same order; the theme colours scopes.
// Monarch matches at the current position of the rest of a line, so a lookbehind cannot see the
// text before it: `(?<![...])` guards hold anyway (Monarch consumes whole names left to right) and
// the `(?<=\.)` of member names becomes a match of the dot itself.

import type { languages } from 'monaco-editor/editor/editor.api';
import grammar from '../../../../grammar/autoscale.tmLanguage.json' with { type: 'json' };

interface Pattern {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
}

interface Grammar {
  patterns: Pattern[];
  repository: Record<string, { patterns: Pattern[] }>;
}

const DOT_LOOKBEHIND = '(?<=\\.)';
const ACCESSOR_SCOPE = 'punctuation.accessor.autoscale';

/** The Monarch language of a TextMate grammar made of `match` and `begin`/`end` patterns. */
export function monarchFromGrammar(source: Grammar = grammar as Grammar): languages.IMonarchLanguage {
  const root: languages.IMonarchLanguageRule[] = [];
  const states: Record<string, languages.IMonarchLanguageRule[]> = {};
  const add = (p: Pattern): void => {
    if (p.include !== undefined) {
      const group = source.repository[p.include.replace(/^#/, '')];
      if (group === undefined) throw new Error(`grammar includes unknown ${p.include}`);
      group.patterns.forEach(add);
      return;
    }
    const scope = p.name ?? '';
    if (p.match !== undefined) {
      root.push(matchRule(p.match, scope));
    } else if (p.begin !== undefined && p.end !== undefined) {
      const state = `region${Object.keys(states).length}`;
      root.push([new RegExp(p.begin), { token: scope, next: `@${state}` }]);
      states[state] = [
        [new RegExp(p.end), { token: scope, next: '@pop' }],
        [new RegExp(`(?:(?!${p.end})[\\s\\S])+`), scope],
      ];
    } else {
      throw new Error(`grammar pattern ${JSON.stringify(p)} has neither match nor begin/end`);
    }
  };
  source.patterns.forEach(add);
  // Scopes stay exactly the grammar's (no ".batch-autoscale" suffix), so one theme serves both.
  return { defaultToken: '', tokenPostfix: '', tokenizer: { root, ...states } };
}

function matchRule(match: string, scope: string): languages.IMonarchLanguageRule {
  if (match.startsWith(DOT_LOOKBEHIND)) {
    return [new RegExp(`(\\.)(${match.slice(DOT_LOOKBEHIND.length)})`), [ACCESSOR_SCOPE, scope]];
  }
  if (match.includes('(?<=')) throw new Error(`grammar pattern ${match} has a lookbehind Monarch cannot honour`);
  return [new RegExp(match), scope];
}

/** Theme rules by scope prefix: the most specific prefix wins, as in VS Code. */
export const THEME_RULES: Array<{ token: string; foreground: string; fontStyle?: string }> = [
  { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
  { token: 'string', foreground: '22863a' },
  { token: 'constant.numeric', foreground: '005cc5' },
  { token: 'constant.language', foreground: '6f42c1' },
  { token: 'variable.language.target', foreground: 'd73a49', fontStyle: 'bold' },
  { token: 'variable.language.metric', foreground: 'b31d28' },
  { token: 'variable.language.readonly', foreground: 'e36209' },
  { token: 'variable.other', foreground: '24292e' },
  { token: 'support.function', foreground: '6f42c1' },
  { token: 'support.variable', foreground: '005cc5' },
  { token: 'keyword.operator', foreground: 'd73a49' },
  { token: 'punctuation', foreground: '586069' },
  { token: 'invalid', foreground: 'cb2431', fontStyle: 'underline' },
];
