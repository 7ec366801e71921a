// The chevrotain grammar, with embedded actions that build the AST directly. Precedence, loosest
// first: ?: (right-associative), ||, &&, == !=, < <= > >=, + -, * /, prefix - !, postfix
// (.member, .Method(...)), primary. Error recovery is on: the parser always returns a tree.
// One parser instance per process (chevrotain's self-analysis is expensive).

import {
  createTokenInstance,
  EmbeddedActionsParser,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
} from 'chevrotain';
import type { BinaryOperator, Expression, Identifier, Missing, Statement } from './ast.ts';
import * as T from './tokens.ts';
import type { Range } from '../text/source.ts';
import { diagnosticMessage } from '../diagnostics.ts';

/** A top-level item: a statement, a `;`, or a token skipped because nothing could start there. */
export type TopItem =
  | { kind: 'statement'; statement: Statement }
  | { kind: 'semicolon'; range: Range }
  | { kind: 'skipped'; token: IToken };

const NO_RANGE: Range = { start: -1, end: -1 };

export function tokenRange(t: IToken): Range {
  // A fresh object each time: parse.ts repairs placeholder ranges in place, and a shared one
  // would carry one formula's offsets into every later parse.
  if (t.isInsertedInRecovery || !(t.startOffset >= 0)) return { ...NO_RANGE };
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/** Smallest range covering both; tolerates the placeholder ranges of recovered nodes. */
export function cover(a: Range, b: Range): Range {
  const start = a.start >= 0 ? a.start : b.start;
  const end = b.end >= 0 ? b.end : a.end;
  return { start, end: Math.max(start, end) };
}

function missing(): Missing {
  return { kind: 'Missing', range: { ...NO_RANGE } };
}

class FormulaParser extends EmbeddedActionsParser {
  /**
   * `validate` runs chevrotain's checks of the grammar itself (ambiguities, left recursion), which
   * cost about as much as the rest of building the parser. The grammar is fixed, so a test runs
   * them (core's test/grammar-validation.test.ts) and every process skips them: `autoscale check`
   * starts that much sooner.
   */
  constructor(validate = false) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 2,
      errorMessageProvider: messages,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  /** Items read so far: kept in a field so that an aborted parse still yields them. */
  private items: TopItem[] = [];
  /** Target of the assignment being parsed, so a failed statement still yields `target = <missing>`. */
  private pendingTarget: Identifier | undefined;

  /** Parses the token vector set as `input`; never throws on a recognition error. */
  public parseItems(): TopItem[] {
    this.items = [];
    this.pendingTarget = undefined;
    this.formula();
    const stranded = this.takePendingStatement();
    if (stranded) this.items.push({ kind: 'statement', statement: stranded });
    return this.items;
  }

  private takePendingStatement(): Statement | undefined {
    const target = this.pendingTarget;
    this.pendingTarget = undefined;
    if (!target) return undefined;
    return { kind: 'Assignment', target, value: missing(), range: { ...target.range } };
  }

  private formula = this.RULE('formula', (): void => {
    const items = this.items;
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(T.Semicolon);
            // The end of the text's ';' (withEndOfText) is not the user's: it leaves no item.
            this.ACTION(() => t.startOffset >= 0 && items.push({ kind: 'semicolon', range: tokenRange(t) }));
          },
        },
        {
          ALT: () => {
            const s = this.SUBRULE(this.statement);
            this.ACTION(() => items.push({ kind: 'statement', statement: s }));
          },
        },
        {
          // Anything else (a stray ')' or '='): skip it, so the rest of the formula still parses.
          IGNORE_AMBIGUITIES: true,
          ALT: () => {
            const t = this.CONSUME(T.AnyToken);
            this.ACTION(() => items.push({ kind: 'skipped', token: t }));
          },
        },
      ]);
    });
  });

  private statement = this.RULE(
    'statement',
    (): Statement => {
      return this.OR([
        {
          GATE: () => this.LA(2).tokenType === T.Equals,
          ALT: () => {
            const name = this.CONSUME(T.Identifier);
            this.CONSUME(T.Equals);
            this.ACTION(() => (this.pendingTarget = identifier(name)));
            const value = this.SUBRULE(this.expression);
            return this.ACTION((): Statement => {
              this.pendingTarget = undefined;
              const target = identifier(name);
              const v = value ?? missing();
              return { kind: 'Assignment', target, value: v, range: cover(target.range, v.range) };
            });
          },
        },
        {
          ALT: () => {
            const e = this.SUBRULE2(this.expression);
            return this.ACTION((): Statement => {
              const x = e ?? missing();
              return { kind: 'ExpressionStatement', expression: x, range: x.range };
            });
          },
        },
      ]);
    },
    {
      recoveryValueFunc: (): Statement =>
        this.takePendingStatement() ?? { kind: 'ExpressionStatement', expression: missing(), range: { ...NO_RANGE } },
    },
  );

  public expression = this.RULE(
    'expression',
    (): Expression => {
      const test = this.SUBRULE(this.binary);
      let result = test;
      this.OPTION(() => {
        const q = this.CONSUME(T.Question);
        const consequent = this.SUBRULE1(this.expression);
        this.CONSUME(T.Colon);
        const alternate = this.SUBRULE2(this.expression);
        this.ACTION(() => {
          const t = test ?? missing();
          const c = consequent ?? missing();
          const a = alternate ?? missing();
          result = {
            kind: 'Conditional',
            test: t,
            consequent: c,
            alternate: a,
            questionRange: tokenRange(q),
            range: cover(t.range, a.range.end >= 0 ? a.range : c.range),
          };
        });
      });
      return result;
    },
    { recoveryValueFunc: missing },
  );

  /**
   * All binary operators in one flat rule: `unary (op unary)*`, then precedence climbing in an
   * action. One rule instead of six nested levels makes parsing about a third faster.
   */
  private binary = this.RULE(
    'binary',
    (): Expression => {
      const operands: Expression[] = [];
      const operators: IToken[] = [];
      const first = this.SUBRULE(this.unary);
      this.ACTION(() => operands.push(first ?? missing()));
      this.MANY(() => {
        const op = this.CONSUME(T.BinaryOperatorToken);
        const next = this.SUBRULE2(this.unary);
        this.ACTION(() => {
          operators.push(op);
          operands.push(next ?? missing());
        });
      });
      return this.ACTION(() => climb(operands, operators));
    },
    { recoveryValueFunc: missing },
  );

  private unary = this.RULE(
    'unary',
    (): Expression =>
      this.OR([
        {
          ALT: () => {
            const op = this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Bang) }]);
            const operand = this.SUBRULE(this.unary);
            return this.ACTION((): Expression => {
              const o = operand ?? missing();
              return {
                kind: 'Unary',
                operator: op.image === '!' ? '!' : '-',
                operand: o,
                range: cover(tokenRange(op), o.range),
              };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.postfix) },
      ]),
    { recoveryValueFunc: missing },
  );

  private postfix = this.RULE(
    'postfix',
    (): Expression => {
      let result = this.SUBRULE(this.primary);
      this.MANY(() => {
        this.CONSUME(T.Dot);
        const name = this.CONSUME(T.Identifier);
        const call = this.OPTION(() => this.SUBRULE(this.argumentList));
        this.ACTION(() => {
          const receiver = result ?? missing();
          const member = identifier(name);
          if (call) {
            result = {
              kind: 'MethodCall',
              receiver,
              method: member,
              args: call.args,
              openParen: call.open.start,
              range: cover(receiver.range, call.close.end >= 0 ? call.close : member.range),
            };
          } else {
            result = { kind: 'Member', object: receiver, member, range: cover(receiver.range, member.range) };
          }
        });
      });
      return result;
    },
    { recoveryValueFunc: missing },
  );

  private primary = this.RULE(
    'primary',
    (): Expression =>
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(T.NumberLiteral);
            return this.ACTION(
              (): Expression => ({
                kind: 'Number',
                value: parseFloat(t.image.startsWith('.') ? `0${t.image}` : t.image),
                text: t.image,
                range: tokenRange(t),
              }),
            );
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.StringLiteral);
            return this.ACTION((): Expression => {
              const literal: Expression = { kind: 'String', value: stringBody(t.image), range: tokenRange(t) };
              if (t.tokenType === T.UnterminatedString) literal.unterminated = true;
              return literal;
            });
          },
        },
        {
          ALT: () => {
            const name = this.CONSUME(T.Identifier);
            const call = this.OPTION(() => this.SUBRULE(this.argumentList));
            return this.ACTION((): Expression => {
              const callee = identifier(name);
              if (!call) return callee;
              return {
                kind: 'Call',
                callee,
                args: call.args,
                openParen: call.open.start,
                range: cover(callee.range, call.close.end >= 0 ? call.close : callee.range),
              };
            });
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(T.LParen);
            const inner = this.SUBRULE(this.expression);
            const close = this.CONSUME(T.RParen);
            return this.ACTION((): Expression => {
              const e = inner ?? missing();
              return {
                kind: 'Paren',
                expression: e,
                range: cover(tokenRange(open), tokenRange(close).end >= 0 ? tokenRange(close) : e.range),
              };
            });
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(T.LBracket);
            const elements = this.SUBRULE(this.expressionList);
            const close = this.CONSUME(T.RBracket);
            return this.ACTION(
              (): Expression => ({
                kind: 'Vector',
                elements: elements ?? [],
                range: cover(tokenRange(open), tokenRange(close)),
              }),
            );
          },
        },
      ]),
    { recoveryValueFunc: missing },
  );

  private argumentList = this.RULE('argumentList', () => {
    const open = this.CONSUME(T.LParen);
    const args = this.SUBRULE(this.expressionList);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ open: tokenRange(open), close: tokenRange(close), args: args ?? [] }));
  });

  private expressionList = this.RULE('expressionList', (): Expression[] => {
    const list: Expression[] = [];
    this.OPTION(() => {
      const first = this.SUBRULE(this.expression);
      this.ACTION(() => list.push(first ?? missing()));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        const next = this.SUBRULE2(this.expression);
        this.ACTION(() => list.push(next ?? missing()));
      });
    });
    return list;
  });
}

/**
 * The tokens with a ';' after the last one, seen only by the parser, unless they already end with
 * one. At the very end of the text chevrotain cannot recover inside an unfinished statement (there
 * is nothing left to resynchronise on), so `x = max(1` would lose its whole value while
 * `x = max(1;` keeps the call, and hover, completion and signature help at the end of what the
 * user is typing would see nothing. The added ';' has no position: messages call it "end of
 * formula", and it leaves no semicolon item.
 */
export function withEndOfText(tokens: IToken[]): IToken[] {
  const last = tokens[tokens.length - 1];
  if (last === undefined || last.tokenType === T.Semicolon) return tokens;
  return [...tokens, createTokenInstance(T.Semicolon, ';', NaN, NaN, NaN, NaN, NaN, NaN)];
}

/** How a token is named in a message: its text in quotes, or "end of formula". */
export function describeToken(t: IToken | undefined): string {
  if (!t || t.tokenType.name === 'EOF' || !(t.startOffset >= 0)) return 'end of formula';
  return `'${t.image}'`;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

/** Chevrotain's parse errors worded by the registry's AS1001 templates. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    diagnosticMessage('AS1001', 'expectedToken', { expected: label(expected), token: describeToken(actual) }),
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    diagnosticMessage('AS1001', 'unexpected', { token: describeToken(firstRedundant) }),
  buildNoViableAltMessage: ({ actual }) =>
    diagnosticMessage('AS1001', 'expectedExpression', { token: describeToken(actual[0]) }),
  buildEarlyExitMessage: ({ actual }) =>
    diagnosticMessage('AS1001', 'expectedExpression', { token: describeToken(actual[0]) }),
};

/** Binding strength of each binary operator, loosest first (docs/semantics.md §2.2). */
const PRECEDENCE: Record<BinaryOperator, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

/** Builds left-associative binary nodes from `e0 op1 e1 op2 e2 ...` by precedence climbing. */
function climb(operands: Expression[], operators: IToken[]): Expression {
  let index = 0;
  const parse = (minPrecedence: number): Expression => {
    let left = operands[index] as Expression;
    while (index < operators.length) {
      const token = operators[index] as IToken;
      const op = operatorOf(token);
      const precedence = PRECEDENCE[op];
      if (precedence < minPrecedence) break;
      index++;
      const right = parse(precedence + 1);
      left = {
        kind: 'Binary',
        operator: op,
        operatorRange: tokenRange(token),
        left,
        right,
        range: cover(left.range, right.range.end >= 0 ? right.range : tokenRange(token)),
      };
    }
    return left;
  };
  return parse(0);
}

/** The operator a token stands for; a lone '&' or '|' (already reported) reads as '&&' / '||'. */
function operatorOf(t: IToken): BinaryOperator {
  if (t.tokenType === T.SingleAmpersand) return '&&';
  if (t.tokenType === T.SinglePipe) return '||';
  return t.image as BinaryOperator;
}

function identifier(t: IToken): Identifier {
  return { kind: 'Identifier', name: t.isInsertedInRecovery ? '' : t.image, range: tokenRange(t) };
}

function stringBody(image: string): string {
  const quote = image[0];
  const closed = image.length > 1 && image.endsWith(quote ?? '"');
  return image.slice(1, closed ? -1 : undefined);
}

let instance: FormulaParser | undefined;

/** The process-wide parser (built lazily: self-analysis costs a few milliseconds). */
export function formulaParser(): FormulaParser {
  instance ??= new FormulaParser();
  return instance;
}

/** Builds a parser with chevrotain's grammar checks on; throws if the grammar has a defect. */
export function validateGrammar(): void {
  void new FormulaParser(true);
}
