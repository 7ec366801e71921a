// Writes a compiled formula out as JavaScript (a function per statement, and one calling them in
// turn), for evaluations without a trace (a replay's hundreds of thousands). Why: every closure of
// compile.ts is shared code that sees every formula's shapes, so V8 can neither inline the calls
// it makes nor keep its doubles unboxed; generated code gives each operation of each formula its
// own call site, and types known when it is written spare the run-time tests of them.
// Only core's Node entry (index-node.ts) installs this file: browser bundles do not contain it.
//
// Safety: the generated text holds only names made here (k3, t7, s2), integer offsets and indexes,
// and numbers printed by numberLiteral. Every string, name, value and function it uses (registry
// overloads, operator-table functions, closures) is passed in the constants array, so no text of
// the formula ever reaches `new Function` (tested: packages/core/test/codegen.test.ts).
//
// Semantics: none here. Operations call the operator table, the registry's overloads (and their
// direct entries, defined through the same computation) and operations.ts, in the closures' order; whatever is not written out here (member reads,
// vector literals, keywords, failing names, rare statements) calls the closure compile.ts made for
// it. Evaluations with and without a trace take the two routes, and tests hold them equal.

import type {
  Assignment,
  Binary,
  Call,
  Conditional,
  Expression,
  Formula,
  MethodCall,
  Statement,
  Unary,
} from '../syntax/ast.ts';
import { DEALLOCATION_OPTION, registry, TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import { toDouble } from '../builtins/support.ts';
import { findBinaryRow, findUnaryRow } from '../operators.ts';
import { DOUBLE, METRIC, NOTHING as NOTHING_TYPE, type Type, VEC } from '../types.ts';
import { evaluationFailure } from '../runtime/errors.ts';
import { NOTHING_VALUE, typeOfValue, type Value } from '../runtime/values.ts';
import type { Runtime } from '../builtins/support.ts';
import { type Compiler, constantValue, isConstant, type StatementFn } from './compile.ts';
import {
  binaryApplier,
  CallSite,
  doublesImpl,
  plainValue,
  receiverCheck,
  typeIndex,
  unaryApplier,
} from './operations.ts';

interface NodeLikeProcess {
  versions?: { node?: string };
  env?: Record<string, string | undefined>;
}

/**
 * Whether this process generates code unless told otherwise: Node, unless AUTOSCALE_CODEGEN=0
 * (a second guard: browser bundles, whose Content Security Policy forbids `new Function`, do not
 * contain this file).
 */
export function codeGenerationAllowed(): boolean {
  // Core has no Node types (it also builds for browsers): the process object is read as optional.
  const host = (globalThis as { process?: NodeLikeProcess }).process;
  return typeof host?.versions?.node === 'string' && host.env?.AUTOSCALE_CODEGEN !== '0';
}

/**
 * The formula as one function of a frame, or undefined when this process refuses to build it
 * (Node started with --disallow-code-generation-from-strings): the closures then do all the work.
 */
export function generateProgram(formula: Formula, compiler: Compiler): GeneratedProgram {
  const generator = new Generator(compiler);
  for (const [i, s] of formula.statements.entries()) generator.statement(s, i);
  return generator.build();
}

export interface GeneratedProgram {
  /** The function's text (for tests and for reading). */
  source: string;
  /** The function, or undefined when this process refuses to build it. */
  run: StatementFn | undefined;
}

/**
 * A number as JavaScript source: only what `String` prints for a number (digits, '.', 'e', signs,
 * Infinity, NaN), parenthesized when negative. Anything else is refused.
 */
export function numberLiteral(v: number): string {
  if (typeof v !== 'number') throw new TypeError('numberLiteral takes a number');
  if (Object.is(v, -0)) return '(-0)';
  const text = String(v);
  if (!/^-?(?:Infinity|NaN|\d+(?:\.\d+)?(?:e[+-]\d+)?)$/.test(text))
    throw new TypeError(`unexpected number text ${text}`);
  return v < 0 ? `(${text})` : text;
}

/**
 * A generated operand: the source of a value and, when it is known here, the value's type (one
 * bit of types.ts). Types are known from constants, targets, metrics, and the declared result
 * types of operators and built-ins (tests hold every implementation to its declared type); a
 * known type spares the run-time tests of it and fixes an overload when the code is written.
 */
interface Operand {
  code: string;
  type: Type | undefined;
  /** Known not to be a metric (which operators and stores turn into its latest sample). */
  plain: boolean;
}

/** The type index (operations.ts's typeIndex) of a known type. */
function indexOfType(type: Type): number {
  return 31 - Math.clz32(type);
}

class Generator {
  private readonly compiler: Compiler;
  private readonly constants: unknown[] = [];
  /** One function per statement, and the main function's calls of them. */
  private readonly functions: string[] = [];
  private readonly calls: string[] = [];
  /** The statement being written: its lines, its temporaries, and the locals of the metrics it reads. */
  private body: string[] = [];
  private temps = 0;
  private readonly metricLocals = new Map<number, string>();
  /**
   * User variable slots assigned by an earlier statement (always set when read: every earlier
   * statement assigned or failed), each with the type of its latest value when known.
   */
  private readonly assigned = new Map<number, Type | undefined>();
  private readonly plainK: string;
  private readonly typeIndexK: string;

  constructor(compiler: Compiler) {
    this.compiler = compiler;
    this.plainK = this.constant(plainValue);
    this.typeIndexK = this.constant(typeIndex);
  }

  build(): GeneratedProgram {
    const constants = this.constants.map((_, i) => `k${i} = k[${i}]`).join(', ');
    const source = [
      "'use strict';",
      ...(constants ? [`const ${constants};`] : []),
      ...this.functions,
      'return function generatedFormula(f) {',
      'const rt = f.rt, vars = f.vars;',
      ...this.calls,
      '};',
    ].join('\n');
    try {
      // The one Function built from text in the project; the text holds no formula text (see the header).
      return { source, run: new Function('k', source)(this.constants) as StatementFn };
    } catch (err) {
      if (err instanceof EvalError) return { source, run: undefined };
      throw err;
    }
  }

  /**
   * A statement as a function of its own, called in turn by the main one. V8 inlines into each
   * optimized function only so much code: one function for a whole formula would leave most
   * built-ins as calls, while a statement's own function inlines those it calls.
   */
  statement(s: Statement, index: number): void {
    this.body = [];
    this.temps = 0;
    this.metricLocals.clear();
    if (s.kind === 'ExpressionStatement') this.expression(s.expression);
    else if (!this.assignment(s)) {
      this.calls.push(`${this.constant(this.compiler.statement(s, index))}(f);`);
      return;
    }
    const temps = [...this.metricLocals.values(), ...Array.from({ length: this.temps }, (_, i) => `t${i}`)];
    this.functions.push(
      `function s${index}(f, rt, vars) {`,
      ...(temps.length > 0 ? [`let ${temps.join(', ')};`] : []),
      ...this.body,
      '}',
    );
    this.calls.push(`s${index}(f, rt, vars);`);
  }

  /** An assignment written out, or false for the statement's closure (it fails, or sets the deallocation option). */
  private assignment(s: Assignment): boolean {
    const name = s.target.name;
    const valueAt = s.value.range.start;
    if (this.compiler.isUserVariable(name)) {
      const slot = this.compiler.slotOf(name) as number;
      const value = this.plain(this.expression(s.value), valueAt);
      if (value.type === undefined || value.type === NOTHING_TYPE) {
        const stopped = this.constant(() => {
          throw evaluationFailure('AS3003', 'assignStop', { name }, valueAt);
        });
        this.emit(`if (${value.code} === ${this.constant(NOTHING_VALUE)}) ${stopped}();`);
      }
      this.emit(`vars[${slot}] = ${value.code};`);
      this.assigned.set(slot, value.type);
      return true;
    }
    const service = registry.variable(name);
    if (service?.access !== 'readwrite' || service.name === DEALLOCATION_OPTION) return false;
    const value = this.expression(s.value);
    const toNumber = this.constant((v: Value, rt: Runtime) => toDouble(v, rt, valueAt, name));
    const n = this.toNumber(value, toNumber);
    const target = service.name === TARGET_DEDICATED ? 'dedicated' : 'lowPriority';
    this.emit(`f.${target}.write(${n}, ${name !== service.name}, ${s.target.range.start});`);
    return true;
  }

  private expression(e: Expression): Operand {
    if (isConstant(e)) {
      const value = constantValue(this.compiler.expression(e));
      if (value === undefined) return this.fallback(e);
      const type = typeOfValue(value);
      return { code: typeof value === 'number' ? numberLiteral(value) : this.constant(value), type, plain: true };
    }
    switch (e.kind) {
      case 'Paren':
        return this.expression(e.expression);
      case 'Identifier':
        return this.identifier(e.name) ?? this.fallback(e);
      case 'Binary':
        return this.binary(e);
      case 'Unary':
        return this.unary(e);
      case 'Conditional':
        return this.conditional(e);
      case 'Call':
      case 'MethodCall':
        return this.call(e) ?? this.fallback(e);
      default:
        return this.fallback(e);
    }
  }

  /** An expression evaluated by its closure. */
  private fallback(e: Expression): Operand {
    const closure = this.constant(this.compiler.expression(e));
    return { code: this.temp(`${closure}(f)`), type: undefined, plain: false };
  }

  /** A sampled metric, a target or an assigned user variable; undefined for the closure (pool fields, failures). */
  private identifier(name: string): Operand | undefined {
    const service = registry.variable(name);
    if (service?.name === TARGET_DEDICATED || service?.name === TARGET_LOW_PRIORITY) {
      const target = service.name === TARGET_DEDICATED ? 'dedicated' : 'lowPriority';
      return { code: this.temp(`f.${target}.read(${name !== service.name})`), type: DOUBLE, plain: true };
    }
    if (service) {
      if (service.poolField || service.name === DEALLOCATION_OPTION) return undefined;
      return { code: this.metric(service.name), type: METRIC, plain: false };
    }
    const slot = this.compiler.slotOf(name);
    if (slot === undefined || !this.assigned.has(slot)) return undefined;
    // Stored values are plain (never a metric), whether or not their type is known.
    const type = this.assigned.get(slot);
    return { code: this.temp(`vars[${slot}]`), type, plain: true };
  }

  /**
   * A sampled metric's value, read where the formula reads it (Frame.metric looks each up once per
   * evaluation; which metrics an evaluation read is observable, by the context's lookups).
   */
  private metric(name: string): string {
    const index = this.compiler.metricIndex(name);
    let local = this.metricLocals.get(index);
    if (local === undefined) {
      local = `m${index}`;
      this.metricLocals.set(index, local);
    }
    // Looked up at the statement's first read on the path taken, then kept in its local.
    return this.temp(`${local} === undefined ? (${local} = f.metric(${index}, ${this.constant(name)})) : ${local}`);
  }

  /** `operand` as a plain value (a metric becomes its latest sample), as operations.ts's plainValue. */
  private plain(operand: Operand, at: number): Operand {
    if (operand.plain) return operand;
    const code = this.temp(`${this.plainK}(${operand.code}, rt, ${at})`);
    return { code, type: operand.type === METRIC ? DOUBLE : undefined, plain: true };
  }

  /** `value` as a double, through `convert` (a toDouble with its message) unless it is one already. */
  private toNumber(value: Operand, convert: string): string {
    if (value.type === DOUBLE) return value.code;
    return this.temp(`typeof ${value.code} === 'number' ? ${value.code} : ${convert}(${value.code}, rt)`);
  }

  private binary(e: Binary): Operand {
    const at = e.operatorRange.start;
    const left = this.plain(this.expression(e.left), at);
    const right = this.plain(this.expression(e.right), at);
    // && and || evaluate both operands too (docs/semantics.md §3.5); only a trace tells them apart.
    const anyTypes = `${this.constant(binaryApplier(e.operator, at))}(${left.code}, ${right.code})`;
    const known = left.type !== undefined && right.type !== undefined;
    const type = known ? findBinaryRow(e.operator, left.type as Type, right.type as Type)?.result : undefined;
    const doubles = doublesImpl(e.operator);
    if (doubles === undefined || (known && (left.type !== DOUBLE || right.type !== DOUBLE)))
      return this.value(anyTypes, type);
    const checks = [left, right].filter((o) => o.type !== DOUBLE).map((o) => `typeof ${o.code} === 'number'`);
    const onDoubles = `${this.constant(doubles)}(${left.code}, ${right.code})`;
    if (checks.length === 0) return this.value(onDoubles, DOUBLE);
    return this.value(`${checks.join(' && ')} ? ${onDoubles} : ${anyTypes}`, undefined);
  }

  private unary(e: Unary): Operand {
    const operand = this.plain(this.expression(e.operand), e.range.start);
    const onDouble = findUnaryRow(e.operator, DOUBLE)?.impl;
    const otherTypes = `${this.constant(unaryApplier(e.operator, e.range.start))}(${operand.code})`;
    const known = operand.type !== undefined;
    const type = known ? findUnaryRow(e.operator, operand.type as Type)?.result : undefined;
    if (onDouble === undefined || (known && operand.type !== DOUBLE)) return this.value(otherTypes, type);
    const onDoubleCall = `${this.constant(onDouble)}(${operand.code})`;
    if (operand.type === DOUBLE) return this.value(onDoubleCall, DOUBLE);
    return this.value(`typeof ${operand.code} === 'number' ? ${onDoubleCall} : ${otherTypes}`, undefined);
  }

  private conditional(e: Conditional): Operand {
    const testAt = e.test.range.start;
    const test = this.expression(e.test);
    const toNumber = this.constant((v: Value, rt: Runtime) => toDouble(v, rt, testAt, 'the condition of ?:'));
    const condition = this.toNumber(test, toNumber);
    const result = `t${this.temps++}`;
    this.emit(`if (${condition} !== 0) {`);
    const consequent = this.expression(e.consequent);
    this.emit(`${result} = ${consequent.code};`, '} else {');
    const alternate = this.expression(e.alternate);
    this.emit(`${result} = ${alternate.code};`, '}');
    const type = consequent.type === alternate.type ? consequent.type : undefined;
    return { code: result, type, plain: consequent.plain && alternate.plain };
  }

  /** A function or method call through its own call site; undefined for an unknown name (its closure fails). */
  private call(e: Call | MethodCall): Operand | undefined {
    const entry = e.kind === 'Call' ? registry.function(e.callee.name) : registry.method(e.method.name);
    if (entry === undefined) return undefined;
    const at = e.openParen;
    const values: string[] = [];
    let receiverIsMetric = false;
    if (e.kind === 'MethodCall') {
      // The receiver is checked before the arguments are evaluated, as in compile.ts.
      const receiver = this.expression(e.receiver);
      receiverIsMetric = receiver.type === METRIC;
      values.push(
        receiverIsMetric
          ? receiver.code
          : this.temp(`${this.constant(receiverCheck(entry.name, at))}(${receiver.code})`),
      );
    }
    const first = values.length;
    const args = e.args.map((arg) => this.expression(arg));
    values.push(...args.map((a) => a.code));
    const site = new CallSite(entry.name, entry.overloads, args.length, first, at);
    // The result's type, when every overload the call may pick declares the same one.
    const returns = new Set(site.candidates.map((o) => o.returns));
    const type = returns.size === 1 ? [...returns][0] : undefined;
    const result = `t${this.temps++}`;
    const known = args.every((a) => a.type !== undefined);
    const fixed = known ? site.overloadFor(args.map((a) => a.type as Type)) : undefined;
    if (fixed !== undefined) {
      // Argument types known here fix the overload: its direct entry for them if it has one, else its impl.
      const [a, b] = args as [Operand, Operand];
      if (fixed.onMetricWith !== undefined && receiverIsMetric && args.length === 1)
        this.emit(`${result} = ${this.constant(fixed.onMetricWith)}(${values[0]}, ${a.code}, rt, ${at});`);
      else if (fixed.onTwoDoubles !== undefined && args.length === 2 && a.type === DOUBLE && b.type === DOUBLE)
        this.emit(`${result} = ${this.constant(fixed.onTwoDoubles)}(${a.code}, ${b.code});`);
      else if (fixed.onVector !== undefined && args.length === 1 && a.type === VEC)
        this.emit(`${result} = ${this.constant(fixed.onVector)}(${a.code}, ${at});`);
      else this.emit(`${result} = ${this.constant(fixed.impl)}([${values.join(', ')}], rt, ${at});`);
      return { code: result, type, plain: true };
    }
    // Otherwise two doubles, or one vector, go straight to the entry for them when there is one.
    const twoDoubles = args.length === 2 ? site.overloadFor([DOUBLE, DOUBLE])?.onTwoDoubles : undefined;
    const oneVector = args.length === 1 ? site.overloadFor([VEC])?.onVector : undefined;
    const [a, b] = args as [Operand, Operand];
    if (twoDoubles !== undefined) {
      const checks = args.filter((o) => o.type !== DOUBLE).map((o) => `typeof ${o.code} === 'number'`);
      this.emit(`if (${checks.join(' && ')}) ${result} = ${this.constant(twoDoubles)}(${a.code}, ${b.code});`);
      this.emit('else {');
    } else if (oneVector !== undefined) {
      this.emit(`if (Array.isArray(${a.code})) ${result} = ${this.constant(oneVector)}(${a.code}, ${at});`);
      this.emit('else {');
    }
    let key = '0';
    for (const value of args) {
      const digit =
        value.type !== undefined
          ? String(indexOfType(value.type))
          : `(typeof ${value.code} === 'number' ? 0 : ${this.typeIndexK}(${value.code}))`;
      key = key === '0' ? digit : `${key} * 8 + ${digit}`;
    }
    const siteK = this.constant(site);
    const list = this.temp(`[${values.join(', ')}]`);
    const keyTemp = this.temp(key);
    const overload = this.temp(`${siteK}.key === ${keyTemp} ? ${siteK}.chosen : ${siteK}.choose(${list}, ${keyTemp})`);
    this.emit(`${result} = ${overload}.impl(${list}, rt, ${at});`);
    if (twoDoubles !== undefined || oneVector !== undefined) this.emit('}');
    return { code: result, type, plain: true };
  }

  /** A computed value (operators and built-ins return plain values, never a metric). */
  private value(code: string, type: Type | undefined): Operand {
    return { code: this.temp(code), type, plain: true };
  }

  /** A new local holding `code`'s value, evaluated here. */
  private temp(code: string): string {
    const name = `t${this.temps++}`;
    this.emit(`${name} = ${code};`);
    return name;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  private emit(...lines: string[]): void {
    this.body.push(...lines);
  }
}
