// The chevrotain grammar, with embedded actions that build the AST directly (nodes.ts builds the
// nodes). Precedence, loosest first: ?: (right-associative), ||, &&, == !=, < <= > >=, + -, * /,
// prefix - !, postfix (.member, .Method(...)), primary. Error recovery is on: the parser always
// returns a tree. One parser instance per process (chevrotain's self-analysis is expensive).
//
// Written for speed, as parsing is a large part of checking a formula: each rule invocation costs
// chevrotain a stack frame and bookkeeping, so there are six rules (formula, statement, expression,
// operand, argumentList, expressionList) where the grammar once had nine: the binary levels are one
// flat loop grouped by precedence climbing, prefix, postfix and primary are one `operand` rule,
// and an expression reads its first operand itself. Alternatives and repetition bodies are built
// once per parser rather than at every invocation, and actions run inline behind RECORDING_PHASE
// (what chevrotain's ACTION checks) rather than in a closure each. Recovery is unchanged by the
// merged rules (test/parse-recovery.test.ts pins it): it resynchronises at `statement`, whose
// follow set (anything, through AnyToken) is searched before any inner rule's; in-rule token
// insertion and deletion see the whole rule stack; and no merged repetition is followed by a token
// in its rule, so none gains in-repetition recovery.

import {
  createTokenInstance,
  EmbeddedActionsParser,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
} from 'chevrotain';
import type { Expression, Identifier, Statement } from './ast.ts';
import {
  binaryNode,
  climb,
  cover,
  identifier,
  missing,
  noRange,
  numberLiteral,
  stringLiteral,
  tokenRange,
} from './nodes.ts';
import * as T from './tokens.ts';
import type { Range } from '../text/source.ts';
import { diagnosticMessage } from '../diagnostics.ts';

export { cover, tokenRange } from './nodes.ts';

/** A top-level item: a statement, a `;`, or a token skipped because nothing could start there. */
export type TopItem =
  | { kind: 'statement'; statement: Statement }
  | { kind: 'semicolon'; range: Range }
  | { kind: 'skipped'; token: IToken };

interface ArgumentList {
  open: Range;
  close: Range;
  args: Expression[];
}

/** What an action returns while chevrotain records the grammar (its values are never read then). */
const RECORDING = undefined as never;

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

  // State handed from a rule to the repetition or option body it runs. Each body takes what it
  // needs before it parses anything (nested rules set the same fields), and a recognition error
  // abandons the whole statement (recovery is at `statement`), so nothing half-built is read.
  /** Operands and operators of the binary chains being read; each `expression` uses the part above its start. */
  private readonly operandStack: Expression[] = [];
  private readonly operatorStack: IToken[] = [];
  /** The test of the conditional whose `? :` is being read. */
  private conditionTest: Expression | undefined;
  /** The receiver of the `.member` or `.Method(...)` being read, then the result. */
  private postfixResult: Expression | undefined;
  /** The list of arguments or elements being read. */
  private list: Expression[] = [];

  /** Parses the token vector set as `input`; never throws on a recognition error. */
  public parseItems(): TopItem[] {
    this.items = [];
    this.pendingTarget = undefined;
    this.operandStack.length = 0;
    this.operatorStack.length = 0;
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

  private readonly formulaAlternatives = [
    {
      ALT: (): void => {
        const t = this.CONSUME(T.Semicolon);
        // The end of the text's ';' (withEndOfText) is not the user's: it leaves no item.
        if (!this.RECORDING_PHASE && t.startOffset >= 0) this.items.push({ kind: 'semicolon', range: tokenRange(t) });
      },
    },
    {
      ALT: (): void => {
        const s = this.SUBRULE(this.statement);
        if (!this.RECORDING_PHASE) this.items.push({ kind: 'statement', statement: s });
      },
    },
    {
      // Anything else (a stray ')' or '='): skip it, so the rest of the formula still parses.
      IGNORE_AMBIGUITIES: true,
      ALT: (): void => {
        const t = this.CONSUME(T.AnyToken);
        if (!this.RECORDING_PHASE) this.items.push({ kind: 'skipped', token: t });
      },
    },
  ];
  private readonly formulaItem = (): void => this.OR(this.formulaAlternatives);

  private formula = this.RULE('formula', (): void => {
    this.MANY(this.formulaItem);
  });

  private readonly statementAlternatives = [
    {
      GATE: (): boolean => this.LA(2).tokenType === T.Equals,
      ALT: (): Statement => {
        const name = this.CONSUME(T.Identifier);
        this.CONSUME(T.Equals);
        if (!this.RECORDING_PHASE) this.pendingTarget = identifier(name);
        const value = this.SUBRULE(this.expression);
        if (this.RECORDING_PHASE) return RECORDING;
        // The target noted for recovery is the node: one Identifier per assignment, not two.
        const target = this.pendingTarget ?? identifier(name);
        this.pendingTarget = undefined;
        const v = value ?? missing();
        return { kind: 'Assignment', target, value: v, range: cover(target.range, v.range) };
      },
    },
    {
      ALT: (): Statement => {
        const e = this.SUBRULE2(this.expression);
        if (this.RECORDING_PHASE) return RECORDING;
        const x = e ?? missing();
        return { kind: 'ExpressionStatement', expression: x, range: x.range };
      },
    },
  ];

  private statement = this.RULE('statement', (): Statement => this.OR(this.statementAlternatives), {
    recoveryValueFunc: (): Statement =>
      this.takePendingStatement() ?? { kind: 'ExpressionStatement', expression: missing(), range: noRange() },
  });

  private readonly binaryRest = (): void => {
    const op = this.CONSUME(T.BinaryOperatorToken);
    const next = this.SUBRULE2(this.operand);
    if (this.RECORDING_PHASE) return;
    this.operatorStack.push(op);
    this.operandStack.push(next ?? missing());
  };

  private readonly conditionalRest = (): Expression => {
    const test = this.conditionTest;
    const q = this.CONSUME(T.Question);
    const consequent = this.SUBRULE1(this.expression);
    this.CONSUME(T.Colon);
    const alternate = this.SUBRULE2(this.expression);
    if (this.RECORDING_PHASE) return RECORDING;
    const t = test ?? missing();
    const c = consequent ?? missing();
    const a = alternate ?? missing();
    return {
      kind: 'Conditional',
      test: t,
      consequent: c,
      alternate: a,
      questionRange: tokenRange(q),
      range: cover(t.range, a.range.end >= 0 ? a.range : c.range),
    };
  };

  /**
   * `operand (op operand)* (? expression : expression)?`: every binary operator in one flat loop,
   * grouped by precedence climbing afterwards (one rule instead of six nested levels).
   */
  public expression = this.RULE(
    'expression',
    (): Expression => {
      const operandBase = this.operandStack.length;
      const operatorBase = this.operatorStack.length;
      // The first operand read here rather than by `operand`: one rule invocation fewer per expression.
      const first = this.OR(this.operandAlternatives);
      if (!this.RECORDING_PHASE) this.operandStack.push(first ?? missing());
      this.MANY(this.binaryRest);
      let test: Expression = RECORDING;
      if (!this.RECORDING_PHASE) {
        const operators = this.operatorStack.length - operatorBase;
        if (operators === 0) test = this.operandStack.pop() as Expression;
        else if (operators === 1) {
          // `a op b`, most chains: no precedence to apply.
          const right = this.operandStack.pop() as Expression;
          test = binaryNode(this.operandStack.pop() as Expression, this.operatorStack.pop() as IToken, right);
        } else test = climb(this.operandStack.splice(operandBase), this.operatorStack.splice(operatorBase));
      }
      this.conditionTest = test;
      return this.OPTION(this.conditionalRest) ?? test;
    },
    { recoveryValueFunc: missing },
  );

  private readonly prefixOperators = [{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Bang) }];

  private readonly primaryAlternatives = [
    {
      ALT: (): Expression => {
        const t = this.CONSUME(T.NumberLiteral);
        return this.RECORDING_PHASE ? RECORDING : numberLiteral(t);
      },
    },
    {
      ALT: (): Expression => {
        const t = this.CONSUME(T.StringLiteral);
        return this.RECORDING_PHASE ? RECORDING : stringLiteral(t);
      },
    },
    {
      ALT: (): Expression => {
        const name = this.CONSUME1(T.Identifier);
        const call = this.OPTION1(this.calleeArguments);
        if (this.RECORDING_PHASE) return RECORDING;
        const callee = identifier(name);
        if (!call) return callee;
        return {
          kind: 'Call',
          callee,
          args: call.args,
          openParen: call.open.start,
          range: cover(callee.range, call.close.end >= 0 ? call.close : callee.range),
        };
      },
    },
    {
      ALT: (): Expression => {
        const open = this.CONSUME(T.LParen);
        const inner = this.SUBRULE(this.expression);
        const close = this.CONSUME(T.RParen);
        if (this.RECORDING_PHASE) return RECORDING;
        const e = inner ?? missing();
        const closeRange = tokenRange(close);
        return {
          kind: 'Paren',
          expression: e,
          range: cover(tokenRange(open), closeRange.end >= 0 ? closeRange : e.range),
        };
      },
    },
    {
      ALT: (): Expression => {
        const open = this.CONSUME(T.LBracket);
        const elements = this.SUBRULE(this.expressionList);
        const close = this.CONSUME(T.RBracket);
        if (this.RECORDING_PHASE) return RECORDING;
        return { kind: 'Vector', elements: elements ?? [], range: cover(tokenRange(open), tokenRange(close)) };
      },
    },
  ];

  private readonly calleeArguments = (): ArgumentList => this.SUBRULE1(this.argumentList);
  private readonly methodArguments = (): ArgumentList => this.SUBRULE2(this.argumentList);

  private readonly postfixRest = (): void => {
    const result = this.postfixResult;
    this.CONSUME(T.Dot);
    const name = this.CONSUME2(T.Identifier);
    const call = this.OPTION2(this.methodArguments);
    if (this.RECORDING_PHASE) return;
    const receiver = result ?? missing();
    const member = identifier(name);
    if (call) {
      this.postfixResult = {
        kind: 'MethodCall',
        receiver,
        method: member,
        args: call.args,
        openParen: call.open.start,
        range: cover(receiver.range, call.close.end >= 0 ? call.close : member.range),
      };
    } else {
      this.postfixResult = { kind: 'Member', object: receiver, member, range: cover(receiver.range, member.range) };
    }
  };

  private readonly operandAlternatives = [
    {
      ALT: (): Expression => {
        const op = this.OR2(this.prefixOperators);
        const operand = this.SUBRULE(this.operand);
        if (this.RECORDING_PHASE) return RECORDING;
        const o = operand ?? missing();
        return {
          kind: 'Unary',
          operator: op.image === '!' ? '!' : '-',
          operand: o,
          range: cover(tokenRange(op), o.range),
        };
      },
    },
    {
      ALT: (): Expression => {
        this.postfixResult = this.OR3(this.primaryAlternatives);
        this.MANY2(this.postfixRest);
        return this.postfixResult as Expression;
      },
    },
  ];

  /** A prefix operator and its operand, or a primary with its `.member` and `.Method(...)` chain. */
  private operand = this.RULE('operand', (): Expression => this.OR(this.operandAlternatives), {
    recoveryValueFunc: missing,
  });

  private argumentList = this.RULE('argumentList', (): ArgumentList => {
    const open = this.CONSUME(T.LParen);
    const args = this.SUBRULE(this.expressionList);
    const close = this.CONSUME(T.RParen);
    if (this.RECORDING_PHASE) return RECORDING;
    return { open: tokenRange(open), close: tokenRange(close), args: args ?? [] };
  });

  private readonly listRest = (): void => {
    const list = this.list;
    this.CONSUME(T.Comma);
    const next = this.SUBRULE2(this.expression);
    if (this.RECORDING_PHASE) return;
    list.push(next ?? missing());
    this.list = list;
  };

  private readonly listBody = (): void => {
    const list = this.list;
    const first = this.SUBRULE(this.expression);
    if (!this.RECORDING_PHASE) {
      list.push(first ?? missing());
      this.list = list;
    }
    this.MANY(this.listRest);
  };

  private expressionList = this.RULE('expressionList', (): Expression[] => {
    const list: Expression[] = [];
    this.list = list;
    this.OPTION(this.listBody);
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
