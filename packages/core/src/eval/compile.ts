// Compiles a parsed formula once into closures that can be evaluated many times fast: names are
// resolved to slots and registry entries ahead of time, so an evaluation does no look-ups by name.
// Semantics come from the operator table and the registry implementations; this file only wires
// them together and raises the service's errors at the service's positions. Any tree compiles,
// even one the checker rejects: problems surface when (and only if) evaluation reaches them.
// Traced evaluations run these closures; others, in Node, the same program written out as
// JavaScript (codegen.ts), which calls these closures for what it does not write out. The
// operations both share are operations.ts's.

import type { Assignment, BinaryOperator, Expression, Formula, Statement } from '../syntax/ast.ts';
import {
  DEALLOCATION_OPTION,
  KEYWORD_LIST,
  registry,
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
} from '../builtins/registry.ts';
import type { Overload, VariableEntry } from '../builtins/entry.ts';
import { toDouble } from '../builtins/support.ts';
import { DOUBLE, typeName } from '../types.ts';
import { findUnaryRow } from '../operators.ts';
import { evaluationFailure } from '../runtime/errors.ts';
import { Frame } from './frame.ts';
import {
  binaryApplier,
  CallSite,
  doublesImpl,
  plainValue,
  receiverCheck,
  typeIndex,
  unaryApplier,
} from './operations.ts';
import { makeContext } from '../runtime/context.ts';
import {
  formatValue,
  Interval,
  Keyword,
  NOTHING_VALUE,
  Timestamp,
  typeOfValue,
  type Value,
} from '../runtime/values.ts';
import type { LineMap } from '../text/source.ts';

export type ExprFn = (f: Frame) => Value;
export type StatementFn = (f: Frame) => void;

export interface CompiledProgram {
  /** Each statement's closure, tracing when the frame has a trace. */
  statements: StatementFn[];
  slotCount: number;
  /** User variable names by slot, for the results string. */
  slotNames: string[];
}

export function compileProgram(formula: Formula, lines: LineMap): CompiledProgram {
  return new Compiler(formula, lines).compile();
}

/**
 * An expression whose value is the same in every evaluation: literals, the TimeInterval_*
 * constants, and operators on them (not && and ||, nor ?:, whose decisions a trace records; not
 * calls: random() and time() are not constant). `TimeInterval_Minute * 15` is one.
 */
export function isConstant(e: Expression): boolean {
  switch (e.kind) {
    case 'Number':
    case 'String':
      return true;
    case 'Identifier':
      return registry.constant(e.name) !== undefined && registry.variable(e.name) === undefined;
    case 'Paren':
      return isConstant(e.expression);
    case 'Unary':
      return isConstant(e.operand);
    case 'Binary':
      return e.operator !== '&&' && e.operator !== '||' && isConstant(e.left) && isConstant(e.right);
    default:
      return false;
  }
}

/** A frame for evaluating constant expressions when compiling: they read nothing from it. */
const CONSTANT_FRAME = new Frame(makeContext({ now: 0 }), 0, false);

/**
 * A constant expression's closure replaced by its value, computed once by running the closure
 * itself, so the value is the evaluator's own (the checker's constant-fold.ts, which computes
 * values for lints, is not the evaluator and also folds && and ||, whose decisions a trace
 * records). One that fails (an operator on types it has no row for) keeps its closure, so the
 * error comes at evaluation, as before; a vector is not shared between evaluations.
 */
function precomputed(compiled: ExprFn): ExprFn {
  const value = constantValue(compiled);
  return value === undefined ? compiled : () => value;
}

/**
 * The value of a constant expression's closure, computed once; undefined when it fails (its
 * error belongs to evaluation) or is a vector (which evaluations must not share).
 */
export function constantValue(compiled: ExprFn): Value | undefined {
  let value: Value;
  try {
    value = compiled(CONSTANT_FRAME);
  } catch {
    return undefined;
  }
  return Array.isArray(value) ? undefined : value;
}

/** An assigned value, into the statement's trace when there is one. */
function recordValue(f: Frame, v: Value): void {
  if (f.current) f.current.value = formatValue(v);
}

/** A method's receiver, which must be a metric (checked before its arguments are evaluated). */
function metricReceiver(receiver: ExprFn, method: string, at: number): ExprFn {
  const check = receiverCheck(method, at);
  return (f) => check(receiver(f));
}

/**
 * The values of `operands`, left to right, in a new array per call (implementations may keep it:
 * flatten returns a lone vector argument). Written out for the usual counts: an array literal is
 * packed, and no loop.
 */
function collector(operands: readonly ExprFn[]): (f: Frame) => Value[] {
  const [a, b, c] = operands as [ExprFn, ExprFn, ExprFn];
  switch (operands.length) {
    case 0:
      return () => [];
    case 1:
      return (f) => [a(f)];
    case 2:
      return (f) => [a(f), b(f)];
    case 3:
      return (f) => [a(f), b(f), c(f)];
    default:
      return (f) => {
        const values: Value[] = [];
        for (const operand of operands) values.push(operand(f));
        return values;
      };
  }
}

/** The closure compiler; codegen.ts asks it for slots, metric indexes and the closures it falls back on. */
export class Compiler {
  private readonly slots = new Map<string, number>();
  /** Each metric the formula reads, by index into a frame's metric values. */
  private readonly metrics = new Map<string, number>();
  private readonly formula: Formula;
  private readonly lines: LineMap;

  constructor(formula: Formula, lines: LineMap) {
    this.formula = formula;
    this.lines = lines;
    for (const s of formula.statements) {
      if (s.kind === 'Assignment' && this.isUserVariable(s.target.name) && !this.slots.has(s.target.name))
        this.slots.set(s.target.name, this.slots.size);
    }
  }

  compile(): CompiledProgram {
    const slotNames = new Array<string>(this.slots.size);
    for (const [name, i] of this.slots) slotNames[i] = name;
    return {
      statements: this.formula.statements.map((s, i) => this.statement(s, i)),
      slotCount: this.slots.size,
      slotNames,
    };
  }

  isUserVariable(name: string): boolean {
    return name !== '' && !registry.variable(name) && !registry.constant(name) && !registry.keyword(name);
  }

  statement(s: Statement, index: number): StatementFn {
    const line = this.lines.positionAt(s.range.start).line + 1;
    const begin = (f: Frame, target?: string): void => {
      if (!f.trace) return;
      f.current = { index, line, range: s.range, branches: [], logical: [], ...(target ? { target } : {}) };
      f.trace.statements.push(f.current);
    };
    if (s.kind === 'ExpressionStatement') {
      const expr = this.expression(s.expression);
      return (f) => {
        begin(f);
        const v = expr(f);
        if (f.current) f.current.value = formatValue(v);
      };
    }
    const assign = this.assignment(s);
    const target = s.target.name;
    return (f) => {
      if (f.trace !== undefined) begin(f, target);
      assign(f);
    };
  }

  private assignment(s: Assignment): StatementFn {
    const name = s.target.name;
    const at = s.target.range.start;
    const service = registry.variable(name);
    const keywordContext = service?.name === DEALLOCATION_OPTION && s.value.kind === 'Identifier';
    const value = this.expression(s.value, keywordContext);
    const record = recordValue;
    if (service) return this.serviceAssignment(service, name, value, at, s.value.range.start, record);
    if (!this.isUserVariable(name)) {
      return () => {
        const kind = registry.constant(name) ? 'constant' : 'keyword';
        throw evaluationFailure('AS3003', 'assignToBuiltin', { kind, name }, at);
      };
    }
    const slot = this.slots.get(name) as number;
    const valueAt = s.value.range.start;
    return (f) => {
      const v = plainValue(value(f), f.rt, valueAt);
      if (v === NOTHING_VALUE) throw evaluationFailure('AS3003', 'assignStop', { name }, valueAt);
      f.vars[slot] = v;
      if (f.current !== undefined) recordValue(f, v);
    };
  }

  private serviceAssignment(
    service: VariableEntry,
    spelling: string,
    value: ExprFn,
    at: number,
    valueAt: number,
    record: (f: Frame, v: Value) => void,
  ): StatementFn {
    if (service.access !== 'readwrite') {
      return () => {
        throw evaluationFailure('AS3003', 'assignReadOnly', { name: spelling }, at);
      };
    }
    if (service.name === DEALLOCATION_OPTION) {
      return (f) => {
        const v = value(f);
        if (!(v instanceof Keyword))
          throw evaluationFailure(
            'AS3003',
            'deallocationValue',
            { keywords: KEYWORD_LIST, value: formatValue(v) },
            valueAt,
          );
        f.deallocation = v.name;
        record(f, v);
      };
    }
    const viaAlias = spelling !== service.name;
    const dedicated = service.name === TARGET_DEDICATED;
    return (f) => {
      const n = toDouble(value(f), f.rt, valueAt, spelling);
      (dedicated ? f.dedicated : f.lowPriority).write(n, viaAlias, at);
      record(f, n);
    };
  }

  expression(e: Expression, keywordContext = false): ExprFn {
    const compiled = this.expressionOnce(e, keywordContext);
    return isConstant(e) ? precomputed(compiled) : compiled;
  }

  private expressionOnce(e: Expression, keywordContext: boolean): ExprFn {
    switch (e.kind) {
      case 'Number': {
        const v = e.value;
        return () => v;
      }
      case 'String': {
        const v = e.value;
        return () => v;
      }
      case 'Paren':
        return this.expression(e.expression);
      case 'Missing': {
        const at = e.range.start;
        return () => {
          throw evaluationFailure('AS3003', 'missingExpression', {}, at, 'AutoScalingFormulaSyntaxError');
        };
      }
      case 'Identifier':
        return this.identifier(e.name, e.range.start, keywordContext);
      case 'Vector': {
        const elements = e.elements.map((x) => this.expression(x));
        const starts = e.elements.map((x) => x.range.start);
        return (f) => elements.map((el, i) => toDouble(el(f), f.rt, starts[i] as number, 'a vector element'));
      }
      case 'Unary': {
        const operand = this.expression(e.operand);
        const op = e.operator;
        const at = e.range.start;
        const otherTypes = unaryApplier(op, at);
        // The table's function for a double, found once: nearly every operand is one.
        const onDouble = findUnaryRow(op, DOUBLE)?.impl;
        return (f) => {
          const v = plainValue(operand(f), f.rt, at);
          if (onDouble !== undefined && typeof v === 'number') return onDouble(v);
          return otherTypes(v);
        };
      }
      case 'Binary':
        return this.binary(e.operator, this.expression(e.left), this.expression(e.right), e.operatorRange.start);
      case 'Conditional': {
        const test = this.expression(e.test);
        const consequent = this.expression(e.consequent);
        const alternate = this.expression(e.alternate);
        const at = e.questionRange.start;
        const testAt = e.test.range.start;
        const pos = this.lines.positionAt(at);
        return (f) => {
          const c = toDouble(test(f), f.rt, testAt, 'the condition of ?:');
          const taken = c !== 0;
          if (f.current)
            f.current.branches.push({
              at,
              line: pos.line + 1,
              column: pos.character + 1,
              taken: taken ? 'then' : 'else',
              condition: formatValue(c),
            });
          return taken ? consequent(f) : alternate(f);
        };
      }
      case 'Member': {
        const object = this.expression(e.object);
        const entry = registry.member(e.member.name);
        const at = e.member.range.start;
        const name = e.member.name;
        return (f) => {
          const v = object(f);
          if (!entry) throw evaluationFailure('AS3001', 'undefinedSymbol', { name }, at);
          if (!(v instanceof Timestamp))
            throw evaluationFailure(
              'AS3003',
              'memberOfNonTimestamp',
              { member: name, type: typeName(typeOfValue(v)) },
              at,
            );
          return entry.read(v.ms);
        };
      }
      case 'Call': {
        const entry = registry.function(e.callee.name);
        const args = e.args.map((a) => this.expression(a));
        if (!entry) {
          const name = e.callee.name;
          const at = e.callee.range.start;
          return () => {
            throw evaluationFailure('AS3001', 'undefinedSymbol', { name }, at);
          };
        }
        return this.invoke(entry.name, entry.overloads, undefined, args, e.openParen);
      }
      case 'MethodCall': {
        const receiver = this.expression(e.receiver);
        const entry = registry.method(e.method.name);
        const args = e.args.map((a) => this.expression(a));
        const name = e.method.name;
        const nameAt = e.method.range.start;
        if (!entry) {
          return () => {
            throw evaluationFailure('AS3001', 'undefinedSymbol', { name }, nameAt);
          };
        }
        return this.invoke(entry.name, entry.overloads, receiver, args, e.openParen);
      }
    }
  }

  private identifier(name: string, at: number, keywordContext: boolean): ExprFn {
    const service = registry.variable(name);
    if (service) return this.serviceRead(service, name);
    const constant = registry.constant(name);
    if (constant) {
      const v = new Interval(constant.milliseconds);
      return () => v;
    }
    const keyword = registry.keyword(name);
    if (keyword) {
      const v = new Keyword(keyword.name);
      if (keywordContext) return () => v;
      return () => {
        throw evaluationFailure('AS3003', 'keywordOutsideAssignment', { name }, at);
      };
    }
    const slot = this.slots.get(name);
    if (slot === undefined) {
      return () => {
        throw evaluationFailure('AS3001', 'undefinedSymbol', { name }, at);
      };
    }
    return (f) => {
      const v = f.vars[slot];
      if (v === undefined) throw evaluationFailure('AS3001', 'undefinedSymbol', { name }, at);
      return v;
    };
  }

  private serviceRead(service: VariableEntry, spelling: string): ExprFn {
    const viaAlias = spelling !== service.name;
    switch (service.name) {
      case TARGET_DEDICATED:
        return (f) => f.dedicated.read(viaAlias);
      case TARGET_LOW_PRIORITY:
        return (f) => f.lowPriority.read(viaAlias);
      case DEALLOCATION_OPTION:
        return (f) => new Keyword(f.deallocation);
      default: {
        const field = service.poolField;
        if (field) return (f) => f.ctx.pool[field];
        const name = service.name;
        const metricIndex = this.metricIndex(name);
        return (f) => f.metric(metricIndex, name);
      }
    }
  }

  /** The slot of a user variable the formula assigns somewhere. */
  slotOf(name: string): number | undefined {
    return this.slots.get(name);
  }

  /** The index of a sampled metric (the service variable `name`) among a frame's metric values. */
  metricIndex(name: string): number {
    let index = this.metrics.get(name);
    if (index === undefined) {
      index = this.metrics.size;
      this.metrics.set(name, index);
    }
    return index;
  }

  private binary(op: BinaryOperator, left: ExprFn, right: ExprFn, at: number): ExprFn {
    // Both operands are always evaluated, also for && and || (docs/semantics.md §3.5), which differ only in what a
    // trace records.
    if (op === '&&' || op === '||') return this.logical(op, left, right, at);
    // Two doubles is nearly every operation: the table's own function for them, found once.
    const doubles = doublesImpl(op);
    const anyTypes = binaryApplier(op, at);
    return (f) => {
      const l = plainValue(left(f), f.rt, at);
      const r = plainValue(right(f), f.rt, at);
      if (doubles !== undefined && typeof l === 'number' && typeof r === 'number') return doubles(l, r);
      return anyTypes(l, r);
    };
  }

  /**
   * `&&` and `||`: the same evaluation as every other operator (both operands, always: §3.5), plus,
   * when tracing, a record of how the operation was decided. A closure of their own, so other
   * operators pay nothing and an untraced && or || only one test of `f.current`.
   */
  private logical(op: '&&' | '||', left: ExprFn, right: ExprFn, at: number): ExprFn {
    const pos = this.lines.positionAt(at);
    const line = pos.line + 1;
    const column = pos.character + 1;
    // The left value that fixes the result by itself: non-zero for ||, zero for &&.
    const decisive = op === '||';
    const anyTypes = binaryApplier(op, at);
    return (f) => {
      const l = plainValue(left(f), f.rt, at);
      const r = plainValue(right(f), f.rt, at);
      const v = anyTypes(l, r);
      if (f.current)
        f.current.logical.push({
          at,
          line,
          column,
          operator: op,
          left: l !== 0,
          right: r !== 0,
          shortCircuit: (l !== 0) === decisive,
        });
      return v;
    };
  }

  private invoke(
    name: string,
    overloads: readonly Overload[],
    receiver: ExprFn | undefined,
    args: ExprFn[],
    at: number,
  ): ExprFn {
    const first = receiver ? 1 : 0;
    const site = new CallSite(name, overloads, args.length, first, at);
    const operands = receiver ? [metricReceiver(receiver, name, at), ...args] : args;
    const collect = collector(operands);
    return (f) => {
      const values = collect(f);
      let key = 0;
      for (let i = first; i < values.length; i++) key = key * 8 + typeIndex(values[i] as Value);
      const chosen = key === site.key ? (site.chosen as Overload) : site.choose(values, key);
      return chosen.impl(values, f.rt, at);
    };
  }
}
