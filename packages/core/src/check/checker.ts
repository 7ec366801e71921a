// The checker: resolves every name, infers the type of every expression from the operator table
// and the built-in signatures, and reports name, type and lint diagnostics. Statements are checked
// in order, as they run, so "read before assigned" is exact. Never throws on any tree.

import type { Assignment, Call, Expression, Formula, Identifier, MethodCall, Statement } from '../syntax/ast.ts';
import {
  diagnostic,
  fix,
  replaceFix,
  type Diagnostic,
  type DiagnosticCode,
  type Fix,
  type MessageArguments,
  type MessageId,
} from '../diagnostics.ts';
import { DEALLOCATION_OPTION, KEYWORD_LIST, KEYWORD_NAMES, registry } from '../builtins/registry.ts';
import type { Overload } from '../builtins/entry.ts';
import {
  ANY,
  DOUBLE,
  INTERVAL,
  KEYWORD,
  METRIC,
  NOTHING,
  STRING,
  TIMESTAMP,
  typeName,
  VEC,
  type Type,
} from '../types.ts';
import { describeOperatorSignatures } from '../operators.ts';
import { binaryResultType, unaryResultType } from './operator-types.ts';
import { suggest } from '../text/suggest.ts';
import { andList, orList } from '../text/words.ts';
import type { Range } from '../text/source.ts';
import type { Analysis, SymbolKind } from './analysis.ts';
import { AnalysisRecorder } from './analysis-recorder.ts';
import { builtinName } from './builtin-names.ts';
import { foldConstant } from './constant-fold.ts';
import { NO_ARITY, overloadMatch } from './overload-match.ts';
import { FormulaLints } from './lints.ts';
import { parseTimeString } from '../runtime/parse-time.ts';
import type { Value } from '../runtime/values.ts';

export interface CheckResult {
  diagnostics: Diagnostic[];
  analysis: Analysis;
}

export function check(formula: Formula): CheckResult {
  return new Checker(formula).run();
}

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly analysis = new AnalysisRecorder();
  /** User variables assigned so far, with their current type. */
  private readonly assigned = new Map<string, Type>();
  /** User variables whose current value is a compile-time constant. */
  private readonly constants = new Map<string, Value>();
  /** Every user variable some statement assigns, to tell "assigned later" from "never" (only a name not yet assigned asks). */
  private assignedLater: Set<string> | undefined;
  private readonly lints: FormulaLints;
  private statementIndex = 0;
  /** Depth of ?: branches being checked: a sample call there is usually guarded by its test. */
  private branchDepth = 0;

  private readonly formula: Formula;

  constructor(formula: Formula) {
    this.formula = formula;
    this.lints = new FormulaLints((d) => this.diagnostics.push(d));
  }

  private assignedAnywhere(): Set<string> {
    if (this.assignedLater === undefined) {
      this.assignedLater = new Set();
      for (const s of this.formula.statements)
        if (s.kind === 'Assignment' && s.target.name && !registry.variable(s.target.name))
          this.assignedLater.add(s.target.name);
    }
    return this.assignedLater;
  }

  run(): CheckResult {
    const statements = this.formula.statements;
    for (let i = 0; i < statements.length; i++) {
      this.statementIndex = i;
      this.statement(statements[i] as Statement);
    }
    // The bounds lints reason about values: after an error (an unknown name) they would only add noise.
    this.lints.finish(
      this.formula,
      this.diagnostics.some((d) => d.severity === 'error'),
    );
    return { diagnostics: this.diagnostics, analysis: this.analysis.analysis() };
  }

  private report<C extends DiagnosticCode, M extends MessageId<C>>(
    code: C,
    message: M,
    args: MessageArguments<C, M>,
    range: Range,
    fixes?: Fix[],
  ): void {
    this.diagnostics.push(diagnostic(code, message, args, range, fixes));
  }

  private reference(id: Identifier, kind: SymbolKind, isDefinition = false): void {
    const ref = { name: id.name, range: id.range, kind, isDefinition, statement: this.statementIndex };
    this.analysis.reference(id, ref);
  }

  private statement(s: Statement): void {
    if (s.kind === 'ExpressionStatement') {
      this.expression(s.expression);
      const hasEffect = WITH_EFFECT.has(s.expression.kind);
      // After a syntax error the "statement" is usually the rest of a broken one: no lint on it.
      if (!hasEffect && !s.afterSyntaxError) {
        this.report('AS4014', 'noEffect', {}, s.range, comparisonMeantAsAssignment(s.expression));
      }
      return;
    }
    this.assignment(s);
  }

  private assignment(s: Assignment): void {
    const name = s.target.name;
    const builtin = builtinName(name);
    const service = builtin?.variable;
    const keywordContext = name === DEALLOCATION_OPTION && s.value.kind === 'Identifier';
    const type = this.expression(s.value, keywordContext);
    if (!name) return;
    if (service) {
      this.reference(s.target, 'service', true);
      if (service.access === 'readwrite') this.analysis.setType(s.target, type === METRIC ? DOUBLE : type);
      this.serviceAssignment(s, service.name, service.access === 'readwrite', type);
      return;
    }
    if (builtin?.constant || builtin?.keyword) {
      const kind = builtin.constant ? 'constant' : 'keyword';
      this.reference(s.target, kind, true);
      this.report('AS2009', 'builtin', { name, kind }, s.target.range);
      return;
    }
    this.reference(s.target, 'user', true);
    if (type === NOTHING) this.report('AS2016', 'assigned', { name }, s.value.range);
    if (type === METRIC) this.lints.metricUse(this.metricName(s.value), 'coerced', s.value.range);
    const stored = type === METRIC ? DOUBLE : type;
    this.analysis.setType(s.target, stored);
    this.assigned.set(name, stored);
    const known = foldConstant(s.value, this.constants);
    if (known !== undefined) this.constants.set(name, known);
    else if (this.constants.size > 0) this.constants.delete(name);
    const variable = this.analysis.userVariables.get(name);
    if (variable) {
      variable.definitions.push(s.target.range);
      variable.type = stored;
    } else {
      this.analysis.userVariables.set(name, { name, definitions: [s.target.range], type: stored });
    }
    this.lints.userAssignment(s.target, builtin?.function !== undefined);
  }

  private serviceAssignment(s: Assignment, canonical: string, writable: boolean, type: Type): void {
    const name = s.target.name;
    if (!writable) {
      this.report('AS2009', 'readOnly', { name }, s.target.range);
      return;
    }
    this.lints.targetAssignment(s.target, canonical);
    if (canonical === DEALLOCATION_OPTION) {
      if (type !== KEYWORD && type !== ANY) this.deallocationValueError(s);
      return;
    }
    if (type === METRIC) this.lints.metricUse(this.metricName(s.value), 'coerced', s.value.range);
    if ((type & (DOUBLE | METRIC)) === 0 && type !== ANY) {
      this.report('AS2014', 'notNodeCount', { name, type: article(typeName(type)) }, s.value.range);
    }
  }

  private deallocationValueError(s: Assignment): void {
    const value = s.value;
    const quoted = value.kind === 'String' ? registry.keyword(value.value.toLowerCase()) : undefined;
    const keywords = KEYWORD_LIST;
    if (quoted) {
      const edits = [{ range: value.range, newText: quoted.name }];
      const fixes = [fix('useBareKeyword', { keyword: quoted.name }, edits)];
      this.report('AS2010', 'quotedKeyword', { keywords, keyword: quoted.name }, value.range, fixes);
      return;
    }
    const near = value.kind === 'Identifier' ? suggest(value.name, KEYWORD_NAMES) : undefined;
    if (near)
      this.report('AS2010', 'didYouMean', { keywords, suggestion: near }, value.range, [replaceFix(value.range, near)]);
    else this.report('AS2010', 'notKeyword', { keywords }, value.range);
  }

  /** The sampled metric an expression names, or '' (lints about metrics skip unknown names). */
  private metricName(e: Expression): string {
    const entry = e.kind === 'Identifier' && !this.assigned.has(e.name) ? builtinName(e.name)?.variable : undefined;
    return entry?.sampled ? entry.name : '';
  }

  private expression(e: Expression, keywordContext = false): Type {
    const t = this.infer(e, keywordContext);
    this.analysis.setType(e, t);
    return t;
  }

  private infer(e: Expression, keywordContext: boolean): Type {
    switch (e.kind) {
      case 'Number':
        return DOUBLE;
      case 'String':
        this.lints.stringLiteral(e);
        return STRING;
      case 'Missing':
        return ANY;
      case 'Paren':
        return this.expression(e.expression);
      case 'Identifier':
        return this.identifier(e, keywordContext);
      case 'Vector':
        for (const el of e.elements) {
          const t = this.asNumber(el, this.expression(el));
          if (!admits(t, DOUBLE)) this.report('AS2007', 'vectorElement', { type: typeName(t) }, el.range);
        }
        return VEC;
      case 'Unary': {
        const operand = this.asNumber(e.operand, this.expression(e.operand));
        if (operand === ANY) return ANY;
        const result = unaryResultType(e.operator, operand);
        if (result === 0) {
          if (operand === NOTHING) this.report('AS2016', 'used', {}, e.range);
          else this.report('AS2008', 'unary', { operator: e.operator, operand: article(typeName(operand)) }, e.range);
          return ANY;
        }
        return result;
      }
      case 'Binary': {
        const left = this.asNumber(e.left, this.expression(e.left));
        const right = this.asNumber(e.right, this.expression(e.right));
        this.lints.comparison(e, this.constants);
        if (left === ANY || right === ANY) return ANY;
        const result = binaryResultType(e.operator, left, right);
        if (result === 0) {
          if (left === NOTHING || right === NOTHING) {
            this.report('AS2016', 'used', {}, e.range);
          } else {
            this.report(
              'AS2008',
              'binary',
              {
                operator: e.operator,
                left: typeName(left),
                right: typeName(right),
                signatures: describeOperatorSignatures(e.operator).join(', '),
              },
              e.operatorRange,
            );
          }
          return ANY;
        }
        return result;
      }
      case 'Conditional': {
        const test = this.asNumber(e.test, this.expression(e.test));
        if (!admits(test, DOUBLE)) this.report('AS2015', 'notNumber', { type: typeName(test) }, e.test.range);
        this.branchDepth++;
        const result = this.expression(e.consequent) | this.expression(e.alternate);
        this.branchDepth--;
        return result;
      }
      case 'Member':
        return this.member(e.object, e.member);
      case 'Call':
        return this.call(e);
      case 'MethodCall':
        return this.methodCall(e);
    }
  }

  /** A metric where a number is expected stands for its latest sample (with a warning). */
  private asNumber(e: Expression, t: Type): Type {
    if (t === ANY || (t & METRIC) === 0) return t;
    this.lints.metricUse(this.metricName(e), 'coerced', e.range);
    return (t & ~METRIC) | DOUBLE;
  }

  private identifier(id: Identifier, keywordContext: boolean): Type {
    const name = id.name;
    if (!name) return ANY;
    const assigned = this.assigned.get(name);
    if (assigned !== undefined) {
      this.reference(id, 'user');
      this.lints.userRead(id);
      return assigned;
    }
    const builtin = builtinName(name);
    const service = builtin?.variable;
    if (service) {
      this.reference(id, 'service');
      this.lints.serviceRead(id, service);
      if (service.sampled) return METRIC;
      return service.name === DEALLOCATION_OPTION ? KEYWORD : DOUBLE;
    }
    if (builtin?.constant) {
      this.reference(id, 'constant');
      return INTERVAL;
    }
    if (builtin?.keyword) {
      this.reference(id, 'keyword');
      if (keywordContext) return KEYWORD;
      this.report('AS2011', 'outsideAssignment', { name }, id.range);
      return ANY;
    }
    if (keywordContext) {
      this.reference(id, 'unknown');
      const near = suggest(name, KEYWORD_NAMES);
      if (near) {
        const args = { keywords: KEYWORD_LIST, name, suggestion: near };
        this.report('AS2010', 'unknownNameDidYouMean', args, id.range, [replaceFix(id.range, near)]);
      } else this.report('AS2010', 'unknownName', { keywords: KEYWORD_LIST, name }, id.range);
      return ANY;
    }
    if (this.assignedAnywhere().has(name)) {
      this.reference(id, 'user');
      // Still an occurrence of the variable: a rename fix (AS4013) must cover it too.
      this.lints.userRead(id);
      this.report('AS2002', 'readBeforeAssigned', { name }, id.range);
      return ANY;
    }
    this.reference(id, 'unknown');
    const fn = builtin?.function;
    if (fn) {
      this.report(
        'AS2001',
        'functionWithoutCall',
        { name },
        id.range,
        callWithoutArguments(fn.overloads, name, id.range),
      );
      return ANY;
    }
    const candidates = [
      ...this.assigned.keys(),
      ...registry.variableSpellings(),
      ...registry.constants.map((c) => c.name),
    ];
    const near = suggest(name, candidates);
    if (near) this.report('AS2001', 'didYouMean', { name, suggestion: near }, id.range, [replaceFix(id.range, near)]);
    else this.report('AS2001', 'unknown', { name }, id.range);
    return ANY;
  }

  private member(object: Expression, member: Identifier): Type {
    const objectType = this.expression(object);
    const entry = registry.member(member.name);
    if (!entry) {
      const near = suggest(
        member.name,
        registry.members.map((m) => m.name),
      );
      const method = registry.method(member.name);
      this.reference(member, 'unknown');
      const name = member.name;
      if (method)
        this.report(
          'AS2005',
          'methodWithoutCall',
          { name },
          member.range,
          callWithoutArguments(method.overloads, name, member.range),
        );
      else if (near)
        this.report('AS2005', 'didYouMean', { name, suggestion: near }, member.range, [replaceFix(member.range, near)]);
      else
        this.report('AS2005', 'unknown', { name, members: andList(registry.members.map((m) => m.name)) }, member.range);
      return ANY;
    }
    this.reference(member, 'member');
    if (!admits(objectType, TIMESTAMP)) {
      this.report('AS2013', 'notTimestamp', { member: member.name, type: typeName(objectType) }, member.range);
      return ANY;
    }
    return entry.returns;
  }

  private call(e: Call): Type {
    const argTypes = this.argumentTypes(e.args);
    const entry = registry.function(e.callee.name);
    if (!entry) {
      this.reference(e.callee, 'unknown');
      const near = suggest(
        e.callee.name,
        registry.functions.map((f) => f.name),
      );
      const name = e.callee.name;
      if (near)
        this.report('AS2003', 'didYouMean', { name, suggestion: near }, e.callee.range, [
          replaceFix(e.callee.range, near),
        ]);
      else this.report('AS2003', 'unknown', { name }, e.callee.range);
      return ANY;
    }
    this.reference(e.callee, 'function');
    // An unclosed string already has its error (AS1006); what it holds is not meant as a time.
    if (entry.name === 'time' && e.args.length === 1 && e.args[0]?.kind === 'String' && !e.args[0].unterminated) {
      const parsed = parseTimeString(e.args[0].value);
      if (!parsed.ok)
        this.report('AS2017', 'unparsable', { text: e.args[0].value, reason: parsed.reason }, e.args[0].range);
    }
    return this.resolve(entry.name, entry.overloads, e.args, argTypes, e.callee.range);
  }

  private methodCall(e: MethodCall): Type {
    const receiverType = this.expression(e.receiver);
    const argTypes = this.argumentTypes(e.args);
    const entry = registry.method(e.method.name);
    if (!entry) {
      this.reference(e.method, 'unknown');
      const near = suggest(
        e.method.name,
        registry.methods.map((m) => m.name),
      );
      const name = e.method.name;
      if (near)
        this.report('AS2004', 'didYouMean', { name, suggestion: near }, e.method.range, [
          replaceFix(e.method.range, near),
        ]);
      else
        this.report(
          'AS2004',
          'unknown',
          { name, methods: andList(registry.methods.map((m) => m.name)) },
          e.method.range,
        );
      return ANY;
    }
    this.reference(e.method, 'method');
    if (!admits(receiverType, METRIC)) {
      const method = e.method.name;
      if (e.receiver.kind === 'Identifier')
        this.report('AS2012', 'notMetricName', { method, name: e.receiver.name }, e.method.range);
      else this.report('AS2012', 'notMetricValue', { method, type: article(typeName(receiverType)) }, e.method.range);
      return this.resolve(entry.name, entry.overloads, e.args, argTypes, e.method.range);
    }
    const result = this.resolve(entry.name, entry.overloads, e.args, argTypes, e.method.range);
    this.lints.sampleCall(e, this.metricName(e.receiver), this.constants, this.branchDepth > 0);
    return result;
  }

  private argumentTypes(args: readonly Expression[]): Type[] {
    const types: Type[] = [];
    for (const a of args) types.push(this.expression(a));
    return types;
  }

  /** Overload resolution: every overload whose arity and parameter kinds admit the argument types. */
  private resolve(
    name: string,
    overloads: readonly Overload[],
    args: readonly Expression[],
    argTypes: Type[],
    at: Range,
  ): Type {
    // args and argTypes have one entry per argument.
    const result = overloadMatch(overloads, argTypes);
    if (result === NO_ARITY) {
      const signatures = overloads.map((o) => o.label).join('; ');
      this.report('AS2006', 'arity', { name, arities: describeArities(overloads), count: args.length, signatures }, at);
      return ANY;
    }
    if (result !== 0) {
      for (let i = 0; i < argTypes.length; i++) {
        const t = argTypes[i] as Type;
        const arg = args[i];
        if (arg && t !== ANY && (t & METRIC) !== 0) this.lints.metricUse(this.metricName(arg), 'coerced', arg.range);
      }
      return result;
    }
    const got = argTypes.map((t) => typeName(t)).join(', ');
    const signatures = overloads.map((o) => o.label).join('; ');
    this.report('AS2007', 'noOverload', { name, argumentTypes: got, signatures }, at);
    return ANY;
  }
}

/** Statement expressions that do something (any other is AS4014's "has no effect"). */
const WITH_EFFECT: ReadonlySet<Expression['kind']> = new Set(['Call', 'MethodCall', 'Missing', 'Conditional']);

/** `name()` for a built-in named without its parentheses, when it has a no-argument overload with a value. */
function callWithoutArguments(overloads: readonly Overload[], name: string, range: Range): Fix[] | undefined {
  if (!overloads.some((o) => o.params.length === 0 && o.returns !== NOTHING)) return undefined;
  return [fix('callWithoutArguments', { name }, [{ range: { start: range.end, end: range.end }, newText: '()' }])];
}

/** `x == 1;` as a statement is almost always an assignment typed with one '=' too many. */
function comparisonMeantAsAssignment(e: Expression): Fix[] | undefined {
  if (e.kind !== 'Binary' || e.operator !== '==' || e.left.kind !== 'Identifier' || e.operatorRange.start < 0)
    return undefined;
  return [fix('assignInsteadOfCompare', {}, [{ range: e.operatorRange, newText: '=' }])];
}

/** Whether a (possibly union) type has a member in `mask`; the unknown type admits everything. */
function admits(t: Type, mask: Type): boolean {
  return t === ANY || (t & mask) !== 0;
}

function describeArities(overloads: readonly Overload[]): string {
  if (overloads.some((o) => o.variadic)) return 'any number of arguments';
  const counts = [...new Set(overloads.map((o) => o.params.length))].sort((a, b) => a - b);
  return `${orList(counts.map(String))} argument${counts.length === 1 && counts[0] === 1 ? '' : 's'}`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
