// Chevrotain's own checks of the grammar and the token definitions (ambiguous alternatives, left
// recursion, patterns that can match nothing or never match). Every process skips them to start
// sooner (see parser.ts and lexer.ts); this test is where they run, so a defect introduced in the
// grammar fails here with chevrotain's message.

import { describe, expect, it } from 'vitest';
import { validateTokens } from '../src/syntax/lexer.ts';
import { validateGrammar } from '../src/syntax/parser.ts';

describe('chevrotain validations of the formula grammar', () => {
  it('the token definitions pass the lexer checks', () => {
    expect(() => validateTokens()).not.toThrow();
  });

  it('the grammar passes the parser checks', () => {
    expect(() => validateGrammar()).not.toThrow();
  });
});
