// The abstract values of the static bounds (bounds.ts, docs/semantics.md §14.6): what the
// analysis knows of a value (a range of numbers, a vector's element range, something it does not
// follow, or no value at all) and how each expression computes one from its operands, following
// what the registry guarantees of each built-in. One evaluation of one expression; the statements,
// the evaluations and the targets are bounds.ts's.

import { registry } from '../builtins/registry.ts';
import { builtinName } from './builtin-names.ts';
import type { Expression } from '../syntax/ast.ts';

/** A closed range of numbers, `lo <= hi`; either end may be infinite. */
export interface NumberRange {
  lo: number;
  hi: number;
}

/** What the analysis knows of a value. */
export type Abstract =
  | { kind: 'number'; range: NumberRange }
  /** A vector: the range of its elements. */
  | { kind: 'vector'; element: NumberRange }
  /** A timestamp, a time interval, a string or a keyword: not followed. */
  | { kind: 'other' }
  /** The expression never yields a value (stop(), or an operand that never does). */
  | { kind: 'never' };

export const ANY: NumberRange = { lo: -Infinity, hi: Infinity };
export const NON_NEGATIVE: NumberRange = { lo: 0, hi: Infinity };
const BOOLEAN: NumberRange = { lo: 0, hi: 1 };
const OTHER: Abstract = { kind: 'other' };
const NEVER: Abstract = { kind: 'never' };

/** The range of each timestamp member (UTC calendar fields). */
export const MEMBER_RANGES: Readonly<Record<string, NumberRange>> = {
  year: { lo: 1, hi: 9999 },
  month: { lo: 1, hi: 12 },
  day: { lo: 1, hi: 31 },
  weekday: { lo: 0, hi: 6 },
  hour: { lo: 0, hi: 23 },
  minute: { lo: 0, hi: 59 },
  second: { lo: 0, hi: 59 },
};

/** The service's most task slots per node (docs/semantics.md §14.6). */
export const MAX_TASK_SLOTS_PER_NODE = 256;

/** The range of a service variable's value (a metric's samples, or a plain pool number). */
export function serviceVariableRange(name: string): NumberRange {
  const entry = registry.variable(name);
  if (!entry || entry.unit === 'keyword') return ANY;
  if (entry.percentage) return { lo: 0, hi: 100 };
  if (entry.poolField === 'taskSlotsPerNode') return { lo: 1, hi: MAX_TASK_SLOTS_PER_NODE };
  // Every other metric and pool number counts or measures something: nodes, tasks, bytes, seconds.
  return NON_NEGATIVE;
}

const number = (lo: number, hi: number): Abstract => ({ kind: 'number', range: { lo, hi } });
export const num = (range: NumberRange): Abstract => ({ kind: 'number', range });

/** The values of the variables assigned so far; only read here (bounds-walk.ts writes them). */
export interface Env {
  get(name: string): Abstract | undefined;
}

/** The pool's state as an evaluation starts, by service variable name (bounds-walk.ts). */
export type Pool = Env;

/** Whether a stop() was evaluated in the statement being analysed. */
export interface Flow {
  stopped: boolean;
}

export function canonicalName(name: string): string {
  const entry = builtinName(name)?.variable;
  return entry && entry.access === 'readwrite' ? entry.name : name;
}

export function rangeOf(value: Abstract): NumberRange {
  return value.kind === 'number' ? value.range : ANY;
}

export function evaluate(e: Expression, env: Env, pool: Pool, flow: Flow): Abstract {
  switch (e.kind) {
    case 'Number':
      return number(e.value, e.value);
    case 'String':
      return OTHER;
    case 'Missing':
      // Text the parser could not read: the service rejects the formula, nothing runs.
      return NEVER;
    case 'Paren':
      return evaluate(e.expression, env, pool, flow);
    case 'Vector': {
      const elements = e.elements.map((x) => evaluate(x, env, pool, flow));
      if (elements.some((x) => x.kind === 'never')) return NEVER;
      return { kind: 'vector', element: union(elements.map(elementRange)) };
    }
    case 'Identifier':
      return identifier(e.name, env, pool);
    case 'Unary': {
      const operand = evaluate(e.operand, env, pool, flow);
      if (operand.kind === 'never') return NEVER;
      if (e.operator === '!') {
        if (operand.kind !== 'number') return num(BOOLEAN);
        const { lo, hi } = operand.range;
        return lo === 0 && hi === 0 ? number(1, 1) : excludesZero(operand.range) ? number(0, 0) : num(BOOLEAN);
      }
      return map(operand, (r) => ({ lo: -r.hi, hi: -r.lo }));
    }
    case 'Binary':
      return binary(e.operator, evaluate(e.left, env, pool, flow), evaluate(e.right, env, pool, flow));
    case 'Conditional': {
      const test = evaluate(e.test, env, pool, flow);
      if (test.kind === 'never') return NEVER;
      const range = test.kind === 'number' ? test.range : BOOLEAN;
      if (excludesZero(range)) return evaluate(e.consequent, env, pool, flow);
      if (range.lo === 0 && range.hi === 0) return evaluate(e.alternate, env, pool, flow);
      return join(evaluate(e.consequent, env, pool, flow), evaluate(e.alternate, env, pool, flow));
    }
    case 'Member': {
      const object = evaluate(e.object, env, pool, flow);
      if (object.kind === 'never') return NEVER;
      const range = MEMBER_RANGES[e.member.name];
      return range ? num(range) : OTHER;
    }
    case 'MethodCall':
      return method(e.receiver, e.method.name, e.args, env, pool, flow);
    case 'Call':
      return call(
        e.callee.name,
        e.args.map((a) => evaluate(a, env, pool, flow)),
        flow,
      );
  }
}

function identifier(name: string, env: Env, pool: Pool): Abstract {
  // Variables are stored under their canonical name, which an alias never is: a name found as it
  // is spelt is its own canonical name (a user variable, mostly), with no registry lookup.
  const own = env.get(name);
  if (own) return own;
  const builtin = builtinName(name);
  const entry = builtin?.variable;
  const canonical = entry && entry.access === 'readwrite' ? entry.name : name;
  const known = canonical === name ? undefined : env.get(canonical);
  if (known) return known;
  if (entry) {
    if (entry.unit === 'keyword') return OTHER;
    // A target read before the formula assigns it is the pool's current target.
    return pool.get(entry.name) ?? num(serviceVariableRange(entry.name));
  }
  if (builtin?.constant || builtin?.keyword) return OTHER;
  return number(-Infinity, Infinity);
}

function method(
  receiver: Expression,
  name: string,
  args: readonly Expression[],
  env: Env,
  pool: Pool,
  flow: Flow,
): Abstract {
  for (const a of args) if (evaluate(a, env, pool, flow).kind === 'never') return NEVER;
  const metric = receiver.kind === 'Identifier' ? registry.variable(receiver.name) : undefined;
  const samples = metric ? serviceVariableRange(metric.name) : ANY;
  switch (name) {
    case 'GetSample':
      return { kind: 'vector', element: samples };
    case 'GetSamplePercent':
      return number(0, 100);
    case 'Count':
      return num(NON_NEGATIVE);
    default:
      return OTHER;
  }
}

/** The ranges of a function's result from its arguments' (docs/semantics.md §14.6 lists each). */
function call(name: string, args: Abstract[], flow: Flow): Abstract {
  if (name === 'stop') {
    // Ends the evaluation successfully: no value, and nothing after it runs (§5.9).
    flow.stopped = true;
    return NEVER;
  }
  for (const a of args) if (a.kind === 'never') return NEVER;
  const all = () => union(args.map(elementRange));
  if (args.length === 0 && name !== 'rand' && name !== 'time') return OTHER;
  switch (name) {
    case 'max':
    case 'min': {
      // Loops rather than Math.max(...list): the checker runs this on every call of every check.
      const pick = name === 'max' ? Math.max : Math.min;
      let lo = name === 'max' ? -Infinity : Infinity;
      let hi = lo;
      for (const a of args) {
        const r = elementRange(a);
        lo = pick(lo, r.lo);
        hi = pick(hi, r.hi);
      }
      return number(lo, hi);
    }
    case 'avg':
    case 'percentile':
      return num(name === 'percentile' ? elementRange(args[0] ?? OTHER) : all());
    case 'val':
      return num(elementRange(args[0] ?? OTHER));
    case 'sum':
      return num(sum(args));
    case 'range': {
      const r = all();
      return number(0, r.hi - r.lo);
    }
    case 'std': {
      const r = all();
      return number(0, r.hi - r.lo);
    }
    case 'len':
    case 'norm':
      return num(NON_NEGATIVE);
    case 'rand':
      return number(0, 1);
    case 'ceil':
    case 'floor':
    case 'round':
    case 'lg':
    case 'ln':
    case 'log':
      return componentWise(args, INCREASING[name] as (x: number) => number);
    default:
      return OTHER;
  }
}

/** Rounding and logarithms: non-decreasing, so a range's ends map to the result's ends. */
const INCREASING: Readonly<Record<string, (x: number) => number>> = {
  ceil: Math.ceil,
  floor: Math.floor,
  // Halves away from zero, as the service rounds.
  round: (x) => Math.sign(x) * Math.round(Math.abs(x)),
  // At 0 a logarithm is -infinity and below it NaN: a range reaching 0 has no low end.
  lg: (x) => (x > 0 ? Math.log2(x) : -Infinity),
  ln: (x) => (x > 0 ? Math.log(x) : -Infinity),
  log: (x) => (x > 0 ? Math.log10(x) : -Infinity),
};

/** A component-wise function: of one double a double; of a vector or several arguments a vector. */
function componentWise(args: Abstract[], f: (x: number) => number): Abstract {
  const apply = (r: NumberRange): NumberRange => ({ lo: f(r.lo), hi: f(r.hi) });
  const [first] = args;
  if (args.length === 1 && first) return map(first, apply);
  return { kind: 'vector', element: apply(union(args.map(elementRange))) };
}

/** The sum of the arguments' elements: a vector's length is unknown, so each adds 0 or more of its elements. */
function sum(args: Abstract[]): NumberRange {
  let lo = 0;
  let hi = 0;
  for (const a of args) {
    if (a.kind === 'number') {
      lo += a.range.lo;
      hi += a.range.hi;
    } else {
      const r = elementRange(a);
      if (r.lo < 0) lo = -Infinity;
      if (r.hi > 0) hi = Infinity;
    }
  }
  return { lo, hi };
}

function binary(op: string, left: Abstract, right: Abstract): Abstract {
  if (left.kind === 'never' || right.kind === 'never') return NEVER;
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
    case '&&':
    case '||':
      return num(BOOLEAN);
  }
  if (left.kind === 'other' || right.kind === 'other') return OTHER;
  const combine = (a: NumberRange, b: NumberRange) => arithmetic(op, a, b);
  if (left.kind === 'number' && right.kind === 'number') return num(combine(left.range, right.range));
  return { kind: 'vector', element: combine(elementRange(left), elementRange(right)) };
}

export function arithmetic(op: string, a: NumberRange, b: NumberRange): NumberRange {
  switch (op) {
    case '+':
      return { lo: a.lo + b.lo, hi: a.hi + b.hi };
    case '-':
      return { lo: a.lo - b.hi, hi: a.hi - b.lo };
    case '*':
      return hull([times(a.lo, b.lo), times(a.lo, b.hi), times(a.hi, b.lo), times(a.hi, b.hi)]);
    case '/':
      // A divisor that may be 0 may give an infinity of either sign (or NaN, for 0/0).
      if (b.lo <= 0 && b.hi >= 0) return a.lo === 0 && a.hi === 0 && excludesZero(b) ? { lo: 0, hi: 0 } : ANY;
      return hull([a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]);
    default:
      return ANY;
  }
}

/** `a * b` where 0 times an infinite end is 0: the end stands for "large", not for infinity itself. */
function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

function hull(values: number[]): NumberRange {
  const finite = values.filter((v) => !Number.isNaN(v));
  return finite.length === 0 ? ANY : { lo: Math.min(...finite), hi: Math.max(...finite) };
}

function excludesZero(r: NumberRange): boolean {
  return r.lo > 0 || r.hi < 0;
}

/** The range of a number, or of a vector's elements; anything else is any number. */
function elementRange(a: Abstract): NumberRange {
  if (a.kind === 'number') return a.range;
  if (a.kind === 'vector') return a.element;
  return ANY;
}

export function union(ranges: readonly NumberRange[]): NumberRange {
  if (ranges.length === 0) return ANY;
  // Math.min/max fold NaN in exactly as the spread form did.
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of ranges) {
    lo = Math.min(lo, r.lo);
    hi = Math.max(hi, r.hi);
  }
  return { lo, hi };
}

/** Either of two values (the branches of a conditional). */
function join(a: Abstract, b: Abstract): Abstract {
  if (a.kind === 'never') return b;
  if (b.kind === 'never') return a;
  if (a.kind === 'number' && b.kind === 'number') return num(union([a.range, b.range]));
  if (a.kind === 'vector' && b.kind === 'vector') return { kind: 'vector', element: union([a.element, b.element]) };
  return OTHER;
}

function map(a: Abstract, f: (r: NumberRange) => NumberRange): Abstract {
  if (a.kind === 'number') return num(f(a.range));
  if (a.kind === 'vector') return { kind: 'vector', element: f(a.element) };
  return a;
}
