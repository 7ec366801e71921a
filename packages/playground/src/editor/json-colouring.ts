// Colouring and editing rules for pool JSON and ARM templates pasted into the formula editor: a
// small Monarch tokenizer (keys, string values, numbers, literals, and the comments ARM templates
// allow) instead of Monaco's JSON language, which brings a worker and its own diagnostics,
// formatting and completion that would compete with the language server's. The `$` in the word
// pattern keeps `$TargetDedicatedNodes` one word for completion inside a formula string.

import type { languages } from 'monaco-editor/editor/editor.api';

export const JSON_LANGUAGE_ID = 'autoscale-host-json';

/** A JSON string, escapes included; a key when a colon follows on the same line. */
const STRING = /"(?:[^"\\]|\\.)*"/;

export const JSON_MONARCH: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.json',
  tokenizer: {
    root: [
      [/\s+/, 'white'],
      [new RegExp(`${STRING.source}(?=\\s*:)`), 'string.key'],
      [STRING, 'string.value'],
      // An unclosed string runs to the end of its line (JSON strings cannot span lines).
      [/"(?:[^"\\]|\\.)*$/, 'string.invalid'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/\b(?:true|false|null)\b/, 'keyword'],
      [/\/\/.*$/, 'comment'],
      [/\/\*/, { token: 'comment', next: '@comment' }],
      [/[{}[\]]/, 'delimiter.bracket'],
      [/[,:]/, 'delimiter'],
    ],
    comment: [
      [/\*\//, { token: 'comment', next: '@pop' }],
      [/[^*]+/, 'comment'],
      [/\*/, 'comment'],
    ],
  },
};

export const JSON_CONFIGURATION: languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}', notIn: ['string'] },
    { open: '[', close: ']', notIn: ['string'] },
    { open: '"', close: '"', notIn: ['string'] },
  ],
  wordPattern: /\$?[A-Za-z_][\w]*|-?\d+(?:\.\d+)?/,
};
