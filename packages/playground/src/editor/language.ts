// Registers the formula language with Monaco as the VS Code extension does: the language id and
// file extension, brackets and comments from grammar/language-configuration.json, colouring from
// the TextMate grammar (colouring.ts), and a light theme that colours the grammar's scopes.

import { LANGUAGE_ID } from '@autoscale/lsp-server/protocol';
import configuration from '../../../../grammar/language-configuration.json' with { type: 'json' };
import { monaco } from './monaco.ts';
import { monarchFromGrammar, THEME_RULES } from './colouring.ts';

export { LANGUAGE_ID };
export const THEME = 'autoscale-light';

export function registerFormulaLanguage(): void {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.autoscale'], aliases: ['Batch autoscale formula'] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: configuration.comments.lineComment },
    brackets: configuration.brackets as monaco.languages.CharacterPair[],
    autoClosingPairs: configuration.autoClosingPairs,
    surroundingPairs: configuration.surroundingPairs.map(([open, close]) => ({
      open: open as string,
      close: close as string,
    })),
    wordPattern: new RegExp(configuration.wordPattern),
  });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarchFromGrammar());
  monaco.editor.defineTheme(THEME, { base: 'vs', inherit: true, rules: THEME_RULES, colors: {} });
}
