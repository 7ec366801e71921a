// Token types of the formula language (chevrotain). The lexer never fails: text the language
// does not accept (block comments, `'...'`, `1e3`, stray characters) becomes a token too, and the
// lexing stage turns it into a diagnostic. Order matters: chevrotain takes the first match.

import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Tokens whose presence is always a syntax error; they never reach the parser. */
export const ERROR_GROUP = 'errors';
export const COMMENT_GROUP = 'comments';

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00a0\ufeff\u2028\u2029]+/,
  group: Lexer.SKIPPED,
});
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: COMMENT_GROUP });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/,
  group: ERROR_GROUP,
});

// Categories used by the parser: one per precedence level, and the two literal kinds.
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: Lexer.NA });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA });
export const AdditiveOperator = createToken({ name: 'AdditiveOperator', pattern: Lexer.NA });
export const MultiplicativeOperator = createToken({ name: 'MultiplicativeOperator', pattern: Lexer.NA });
export const RelationalOperator = createToken({ name: 'RelationalOperator', pattern: Lexer.NA });
export const EqualityOperator = createToken({ name: 'EqualityOperator', pattern: Lexer.NA });
/** Every binary operator; precedence is applied after parsing (see parser.ts). */
export const BinaryOperatorToken = createToken({ name: 'BinaryOperatorToken', pattern: Lexer.NA });
/** Every token the parser can see; lets the top level skip a token it cannot place. */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA });

/** Any number-like spelling; the lexing stage rejects all but `digits ('.' digits)?`. */
export const NumberToken = createToken({
  name: 'Number',
  pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/,
  categories: [NumberLiteral, AnyToken],
  label: 'a number',
});
export const DoubleQuotedString = createToken({
  name: 'DoubleQuotedString',
  pattern: /"[^"\r\n]*"/,
  categories: [StringLiteral, AnyToken],
  label: 'a string',
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"[^"\r\n]*/,
  categories: [StringLiteral, AnyToken],
  label: 'a string',
});
export const SingleQuotedString = createToken({
  name: 'SingleQuotedString',
  pattern: /'[^'\r\n]*'?/,
  categories: [StringLiteral, AnyToken],
  label: 'a string',
});
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_$][A-Za-z0-9_]*/,
  categories: [AnyToken],
  label: 'a name',
});

export const EqualEqual = createToken({
  name: 'EqualEqual',
  pattern: '==',
  categories: [BinaryOperatorToken, EqualityOperator, AnyToken],
  label: "'=='",
});
export const NotEqual = createToken({
  name: 'NotEqual',
  pattern: '!=',
  categories: [BinaryOperatorToken, EqualityOperator, AnyToken],
  label: "'!='",
});
export const LessEqual = createToken({
  name: 'LessEqual',
  pattern: '<=',
  categories: [BinaryOperatorToken, RelationalOperator, AnyToken],
  label: "'<='",
});
export const GreaterEqual = createToken({
  name: 'GreaterEqual',
  pattern: '>=',
  categories: [BinaryOperatorToken, RelationalOperator, AnyToken],
  label: "'>='",
});
export const Less = createToken({
  name: 'Less',
  pattern: '<',
  categories: [BinaryOperatorToken, RelationalOperator, AnyToken],
  label: "'<'",
});
export const Greater = createToken({
  name: 'Greater',
  pattern: '>',
  categories: [BinaryOperatorToken, RelationalOperator, AnyToken],
  label: "'>'",
});
export const AndAnd = createToken({
  name: 'AndAnd',
  pattern: '&&',
  categories: [BinaryOperatorToken, AnyToken],
  label: "'&&'",
});
export const OrOr = createToken({
  name: 'OrOr',
  pattern: '||',
  categories: [BinaryOperatorToken, AnyToken],
  label: "'||'",
});
/** A lone '&' or '|': reported by the lexing stage, parsed as '&&' / '||' so the tree stays whole. */
export const SingleAmpersand = createToken({
  name: 'SingleAmpersand',
  pattern: '&',
  categories: [AndAnd, AnyToken],
  label: "'&'",
});
export const SinglePipe = createToken({ name: 'SinglePipe', pattern: '|', categories: [OrOr, AnyToken], label: "'|'" });
export const Equals = createToken({ name: 'Equals', pattern: '=', categories: [AnyToken], label: "'='" });
export const Bang = createToken({ name: 'Bang', pattern: '!', categories: [AnyToken], label: "'!'" });
export const Plus = createToken({
  name: 'Plus',
  pattern: '+',
  categories: [BinaryOperatorToken, AdditiveOperator, AnyToken],
  label: "'+'",
});
export const Minus = createToken({
  name: 'Minus',
  pattern: '-',
  categories: [BinaryOperatorToken, AdditiveOperator, AnyToken],
  label: "'-'",
});
export const Star = createToken({
  name: 'Star',
  pattern: '*',
  categories: [BinaryOperatorToken, MultiplicativeOperator, AnyToken],
  label: "'*'",
});
export const Slash = createToken({
  name: 'Slash',
  pattern: '/',
  categories: [BinaryOperatorToken, MultiplicativeOperator, AnyToken],
  label: "'/'",
});
export const Question = createToken({ name: 'Question', pattern: '?', categories: [AnyToken], label: "'?'" });
export const Colon = createToken({ name: 'Colon', pattern: ':', categories: [AnyToken], label: "':'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', categories: [AnyToken], label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', categories: [AnyToken], label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', categories: [AnyToken], label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', categories: [AnyToken], label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', categories: [AnyToken], label: "','" });
export const Dot = createToken({ name: 'Dot', pattern: '.', categories: [AnyToken], label: "'.'" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', categories: [AnyToken], label: "';'" });
/**
 * An ASCII character the language has no use for (`{`, `\`, `%`, ...). Listed rather than a
 * catch-all `[^]`, which would disable chevrotain's first-character optimisation (3x slower);
 * anything else unexpected (control or non-ASCII characters) becomes a lexer error instead.
 */
export const InvalidCharacter = createToken({ name: 'InvalidCharacter', pattern: /[{}\\%^~#@`]/, group: ERROR_GROUP });

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  NumberLiteral,
  StringLiteral,
  AdditiveOperator,
  MultiplicativeOperator,
  RelationalOperator,
  EqualityOperator,
  BinaryOperatorToken,
  AnyToken,
  // NumberToken must come before Dot so that `.5` is read as a (malformed) number.
  NumberToken,
  DoubleQuotedString,
  UnterminatedString,
  SingleQuotedString,
  Identifier,
  EqualEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  AndAnd,
  OrOr,
  SingleAmpersand,
  SinglePipe,
  Equals,
  Bang,
  Plus,
  Minus,
  Star,
  Slash,
  Question,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  Semicolon,
  InvalidCharacter,
];
