// fast-check generators of syntactically valid formula texts, shared by property tests (formatter,
// printer round trips, parser robustness). Owns only text generation: it knows the grammar's
// token shapes, not types or built-in semantics, so formulas parse cleanly but need not check.
//
// Generation works on token lists: an expression is a list of token texts, and whitespace and
// comments ("gaps") are inserted between tokens at the end. Concatenating valid expressions around
// an operator is always valid text (the parser may group it differently than it was generated,
// which is fine: properties compare the parser's trees). Two lexical traps are avoided on purpose:
// an integer literal is never a member receiver (`1.hour` lexes as the malformed number `1.`), and
// a comment always starts after whitespace (after `/`, `//` would swallow the operator).

import fc from 'fast-check';
import { registry } from '../../src/builtins/registry.ts';

export interface FormulaArbitraryOptions {
  /** Most statements in one formula (default 6). */
  maxStatements?: number;
  /** Nesting depth of expressions (default 4). */
  maxDepth?: number;
  /** Whether gaps may hold `//` comments (default true). */
  comments?: boolean;
  /** Whether gaps may hold line breaks, tabs and CRLF (default true). */
  lineBreaks?: boolean;
}

type Tokens = string[];

// Built-in names come from the registry (the one list); a few user names and one unknown function
// ('f') are added so formulas also exercise name resolution.
const USER_NAMES = ['$x', '$y', 'a', 'b_2', 'cappedPoolSize'];
const NAMES = [
  ...USER_NAMES,
  ...registry.variables.filter((v) => !v.retired).map((v) => v.name),
  ...registry.constants.filter((_, i) => i % 3 === 0).map((c) => c.name),
  ...registry.keywords.slice(0, 2).map((k) => k.name),
];
const FUNCTIONS = [...registry.functions.map((f) => f.name), 'f'];
const METHODS = registry.methods.map((m) => m.name);
const MEMBERS = registry.members.map((m) => m.name);
const BINARY = ['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '&&', '||'];
const TARGETS = [...registry.variables.filter((v) => v.access === 'readwrite').map((v) => v.name), ...USER_NAMES];

const identifierArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_]{0,6}$/) },
);

const numberArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^\d{1,4}$/),
  fc.stringMatching(/^\d{1,3}\.\d{1,4}$/),
  fc.constantFrom('0', '1', '0.5', '100', '007', '1.50'),
);

/** Every character but `"` and line breaks; the language has no escapes. */
const stringArb: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom('a', 'Z', ' ', '\t', '\\', '/', ';', ':', '?', '1', '.', "'", 'é'), maxLength: 8 })
  .map((s) => `"${s}"`);

const commentTextArb: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom('a', 'b', ' ', '\t', ';', '"', '/', '*', ':', '?', '(', '=', '1'), maxLength: 12 })
  .map((s) => `//${s}`);

/** Whitespace and comments between two tokens. */
function gapArb(options: Required<FormulaArbitraryOptions>): fc.Arbitrary<string> {
  const spaces: fc.Arbitrary<string>[] = [fc.constant(''), fc.constant(' '), fc.constant('   ')];
  if (options.lineBreaks) spaces.push(fc.constantFrom('\t', '\n', '\r\n', '\n\n', ' \n\t', '\r\n\r\n\r\n'));
  const blank = fc.oneof(...spaces);
  if (!options.comments) return blank;
  const comment = fc
    .tuple(
      fc.constantFrom(' ', '\n', '\n\n', '\t', '\r\n'),
      commentTextArb,
      fc.constantFrom('\n', '\r\n', '\n\n'),
      blank,
    )
    .map(([before, text, after, rest]) => before + text + after + rest);
  // Rare enough that many statements have no comment inside, common enough that most formulas do.
  return fc.oneof({ weight: 12, arbitrary: blank }, { weight: 1, arbitrary: comment });
}

/** Token lists of valid expressions. */
export function expressionTokensArbitrary(maxDepth = 4): fc.Arbitrary<Tokens> {
  const depth = { maxDepth, depthIdentifier: 'formula-expression' };
  const list = (item: fc.Arbitrary<Tokens>, open: string, close: string): fc.Arbitrary<Tokens> =>
    fc
      .array(item, { maxLength: 3 })
      .map((items) => [open, ...items.flatMap((t, i) => (i === 0 ? t : [',', ...t])), close]);
  const trees = fc.letrec<{ expression: Tokens; receiver: Tokens; postfix: Tokens; primary: Tokens }>((tie) => ({
    expression: fc.oneof(
      depth,
      { weight: 3, arbitrary: tie('primary') },
      { weight: 1, arbitrary: tie('postfix') },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom('-', '!'), tie('expression')).map(([op, e]): Tokens => [op, ...e]),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(tie('expression'), fc.constantFrom(...BINARY), tie('expression'))
          .map(([l, op, r]): Tokens => [...l, op, ...r]),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('expression'), tie('expression'), tie('expression'))
          .map(([t, c, a]): Tokens => [...t, '?', ...c, ':', ...a]),
      },
    ),
    primary: fc.oneof(
      depth,
      numberArb.map((n): Tokens => [n]),
      identifierArb.map((n): Tokens => [n]),
      stringArb.map((s): Tokens => [s]),
      tie('receiver'),
    ),
    // Anything that may stand before `.member` or `.Method(...)`.
    receiver: fc.oneof(
      depth,
      identifierArb.map((n): Tokens => [n]),
      fc
        .tuple(fc.constantFrom(...FUNCTIONS), list(tie('expression'), '(', ')'))
        .map(([f, args]): Tokens => [f, ...args]),
      tie('expression').map((e): Tokens => ['(', ...e, ')']),
      list(tie('expression'), '[', ']'),
      tie('postfix'),
    ),
    postfix: fc.oneof(
      depth,
      fc.tuple(tie('receiver'), fc.constantFrom(...MEMBERS)).map(([r, m]): Tokens => [...r, '.', m]),
      fc
        .tuple(tie('receiver'), fc.constantFrom(...METHODS), list(tie('expression'), '(', ')'))
        .map(([r, m, args]): Tokens => [...r, '.', m, ...args]),
    ),
  }));
  return trees.expression;
}

function statementTokensArbitrary(maxDepth: number): fc.Arbitrary<Tokens> {
  const expression = expressionTokensArbitrary(maxDepth);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...TARGETS), identifierArb), expression)
        .map(([t, e]): Tokens => [t, '=', ...e]),
    },
    { weight: 1, arbitrary: expression },
  );
}

/** Token list of a whole formula: statements separated by `;`, sometimes `;;`, optional final `;`. */
function formulaTokensArbitrary(options: Required<FormulaArbitraryOptions>): fc.Arbitrary<Tokens> {
  const statement = fc.tuple(statementTokensArbitrary(options.maxDepth), fc.nat({ max: 9 }));
  return fc
    .tuple(fc.array(statement, { maxLength: options.maxStatements }), fc.boolean(), fc.boolean())
    .map(([statements, finalSemicolon, leadingSemicolon]) => {
      const tokens: Tokens = leadingSemicolon ? [';'] : [];
      statements.forEach(([s, extra], i) => {
        tokens.push(...s);
        const last = i === statements.length - 1;
        if (!last || finalSemicolon) tokens.push(';');
        if (extra === 0) tokens.push(';');
      });
      return tokens;
    });
}

/** Interleaves generated gaps with the tokens: gaps[0] leads, gaps[n] trails. */
function withGaps(tokens: fc.Arbitrary<Tokens>, gap: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return tokens.chain((ts) =>
    fc
      .array(gap, { minLength: ts.length + 1, maxLength: ts.length + 1 })
      .map((gaps) => ts.map((t, i) => (gaps[i] ?? '') + t).join('') + (gaps[ts.length] ?? '')),
  );
}

function resolve(options: FormulaArbitraryOptions): Required<FormulaArbitraryOptions> {
  return {
    maxStatements: options.maxStatements ?? 6,
    maxDepth: options.maxDepth ?? 4,
    comments: options.comments ?? true,
    lineBreaks: options.lineBreaks ?? true,
  };
}

/** A valid expression's text, with random spacing and (optionally) comments inside. */
export function expressionArbitrary(options: FormulaArbitraryOptions = {}): fc.Arbitrary<string> {
  const o = resolve(options);
  return withGaps(expressionTokensArbitrary(o.maxDepth), gapArb(o));
}

/**
 * A syntactically valid formula (no AS1 errors): assignments and bare expressions with nested
 * operators, ternaries, calls, method calls, members, vectors, parentheses, random spacing, line
 * breaks (LF and CRLF), tabs, blank lines, comments anywhere, empty statements. Kept within the
 * service's 8192-character limit.
 */
export function formulaArbitrary(options: FormulaArbitraryOptions = {}): fc.Arbitrary<string> {
  const o = resolve(options);
  return withGaps(formulaTokensArbitrary(o), gapArb(o)).filter((text) => text.length <= 8192);
}
