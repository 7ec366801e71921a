// Static bounds (docs/semantics.md §14.6): the range of values each pool target can take, whatever
// the metrics, found by interval analysis over the formula's statements. What the registry knows
// of each built-in (counts and sizes are >= 0, percentages 0-100, a weekday 0-6, min and max of
// their arguments, ...) flows through the operators and functions; a formula runs its statements
// once, in order, with no loops, so one pass gives sound bounds. The service applies a target
// truncated toward zero and at least 0, which `applied` accounts for.
//
// Bounds are sound, not tight: a value the analysis cannot follow (a timestamp, a string, an
// interval divided by an interval) is "any number". They answer "can this target ever exceed N?"
// and "can it ever be more than 0?", the two questions the lints ask.

import { registry, TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import type { Assignment, Expression, Formula } from '../syntax/ast.ts';

/** A closed range of numbers, `lo <= hi`; either end may be infinite. */
export interface NumberRange {
  lo: number;
  hi: number;
}

/** What the analysis knows of a value. */
type Abstract =
  | { kind: 'number'; range: NumberRange }
  /** A vector: the range of its elements. */
  | { kind: 'vector'; element: NumberRange }
  /** A timestamp, a time interval, a string or a keyword: not followed. */
  | { kind: 'other' }
  /** The expression never yields a value (stop(), or an operand that never does). */
  | { kind: 'never' };

export interface TargetBounds {
  /** The canonical name ($TargetDedicatedNodes or $TargetLowPriorityNodes). */
  name: string;
  /** Whether the formula assigns it (otherwise it keeps the pool's current target). */
  assigned: boolean;
  /** The values the formula can leave in it, over every evaluation from an empty pool (unbounded when it grows without end from any pool). */
  value: NumberRange;
  /** What the service applies: truncated toward zero, at least 0. */
  applied: NumberRange;
  /** The last assignment that sets it (the one whose value counts), when it is assigned. */
  lastAssignment?: Assignment;
  /** Whether that assignment's value is a constant (a literal, or arithmetic over literals). */
  constant: boolean;
  /** Applied as 0 whatever the pool's targets were before the evaluation. */
  alwaysZero: boolean;
  /** The formula can keep the target a pool had before autoscale (its size then also bounds it). */
  keepsInitial: boolean;
}

export interface FormulaBounds {
  /** The two node targets, dedicated first. */
  targets: TargetBounds[];
  /** The range each assignment's value can take, by assignment (numbers only). */
  assignments: Map<Assignment, NumberRange>;
}

const ANY: NumberRange = { lo: -Infinity, hi: Infinity };
const NON_NEGATIVE: NumberRange = { lo: 0, hi: Infinity };
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
const num = (range: NumberRange): Abstract => ({ kind: 'number', range });

/** The pool's targets as an evaluation starts: what the previous evaluations left. */
interface Incoming {
  dedicated: NumberRange;
  lowPriority: NumberRange;
}

/** One evaluation's pass over the statements, from the incoming targets. */
interface Pass {
  targets: Map<string, { value: NumberRange; assignment: Assignment }>;
  assignments: Map<Assignment, NumberRange>;
}

/** Evaluations followed before a target still growing is taken to grow without end. */
export const BOUNDS_FIXPOINT_ROUNDS = 32;

/**
 * A pool whose targets were set by hand before autoscale took over, large enough that a formula
 * bounds it only by keeping it: what stands for "any size it was created with".
 */
export const BOUNDS_INITIAL_SIZE = 2 ** 20;

/**
 * The bounds of the targets over every evaluation of the formula. Each evaluation starts from the
 * targets the one before left (a target read before it is assigned, and the current node counts,
 * which follow the targets), so the ranges are widened until no evaluation leaves a target outside
 * them; a target still growing after BOUNDS_FIXPOINT_ROUNDS evaluations
 * (`$TargetDedicatedNodes = $CurrentDedicatedNodes + 1`) has no upper bound. This runs twice: from
 * an empty pool (the range reported) and from a pool of BOUNDS_INITIAL_SIZE nodes: a formula that only
 * keeps a pool's size stays at that size, but one that grows it (`$CurrentDedicatedNodes * 1.1`
 * from a non-empty pool) grows past it, and has no upper bound either.
 */
export function formulaBounds(formula: Formula): FormulaBounds {
  const empty = fixpoint(formula, { lo: 0, hi: 0 });
  const sized = fixpoint(formula, { lo: 0, hi: BOUNDS_INITIAL_SIZE });
  // Whatever the pool's targets were before: a target that is 0 even then is 0 always.
  const anyIncoming = runPass(formula, { dedicated: NON_NEGATIVE, lowPriority: NON_NEGATIVE });
  const targets = [TARGET_DEDICATED, TARGET_LOW_PRIORITY].map((name): TargetBounds => {
    const set = empty.pass.targets.get(name);
    const reachable = name === TARGET_DEDICATED ? empty.incoming.dedicated : empty.incoming.lowPriority;
    const fromSized = name === TARGET_DEDICATED ? sized.incoming.dedicated : sized.incoming.lowPriority;
    const grows = fromSized.hi > BOUNDS_INITIAL_SIZE;
    // What the formula sets from a sized pool: below BOUNDS_INITIAL_SIZE, a cap of its own (min(400, ...)),
    // which holds from any pool; at BOUNDS_INITIAL_SIZE, the pool's size kept.
    const setFromSized = sized.pass.targets.get(name)?.value;
    const keepsInitial = !grows && (setFromSized === undefined || applied(setFromSized).hi >= BOUNDS_INITIAL_SIZE);
    const own = set?.value ?? reachable;
    const value: NumberRange = grows
      ? { lo: own.lo, hi: Infinity }
      : setFromSized && !keepsInitial
        ? union([own, setFromSized])
        : own;
    const fromAny = anyIncoming.targets.get(name)?.value;
    const bounds: TargetBounds = {
      name,
      assigned: set !== undefined,
      value,
      applied: applied(value),
      keepsInitial,
      constant: set !== undefined && isConstant(set.assignment.value),
      alwaysZero: fromAny !== undefined && applied(fromAny).hi === 0,
    };
    if (set) bounds.lastAssignment = set.assignment;
    return bounds;
  });
  return { targets, assignments: empty.pass.assignments };
}

/** Evaluations from targets in `start` until the targets they leave stop changing. */
function fixpoint(formula: Formula, start: NumberRange): { incoming: Incoming; pass: Pass } {
  let incoming: Incoming = { dedicated: start, lowPriority: start };
  let pass = runPass(formula, incoming);
  for (let round = 0; ; round++) {
    const next: Incoming = {
      dedicated: union([incoming.dedicated, appliedOf(pass, TARGET_DEDICATED, incoming.dedicated)]),
      lowPriority: union([incoming.lowPriority, appliedOf(pass, TARGET_LOW_PRIORITY, incoming.lowPriority)]),
    };
    if (same(next.dedicated, incoming.dedicated) && same(next.lowPriority, incoming.lowPriority))
      return { incoming, pass };
    incoming =
      round < BOUNDS_FIXPOINT_ROUNDS
        ? next
        : {
            dedicated: widen(incoming.dedicated, next.dedicated),
            lowPriority: widen(incoming.lowPriority, next.lowPriority),
          };
    pass = runPass(formula, incoming);
  }
}

function appliedOf(pass: Pass, name: string, unchanged: NumberRange): NumberRange {
  const set = pass.targets.get(name);
  return set ? applied(set.value) : unchanged;
}

function same(a: NumberRange, b: NumberRange): boolean {
  return a.lo === b.lo && a.hi === b.hi;
}

/** An end still moving after the last round moves to infinity. */
function widen(before: NumberRange, after: NumberRange): NumberRange {
  return { lo: after.lo < before.lo ? -Infinity : before.lo, hi: after.hi > before.hi ? Infinity : before.hi };
}

function runPass(formula: Formula, incoming: Incoming): Pass {
  const env = new Map<string, Abstract>();
  // Reads the pool's state: the incoming targets, and node counts, which follow the targets.
  const pool = new Map<string, Abstract>([
    [TARGET_DEDICATED, num(incoming.dedicated)],
    [TARGET_LOW_PRIORITY, num(incoming.lowPriority)],
    ['$CurrentDedicatedNodes', num(incoming.dedicated)],
    ['$CurrentLowPriorityNodes', num(incoming.lowPriority)],
    ['$UsableNodeCount', num(arithmetic('+', incoming.dedicated, incoming.lowPriority))],
  ]);
  const flow: Flow = { stopped: false };
  const assignments = new Map<Assignment, NumberRange>();
  const written = new Map<string, Written[]>();
  /** The targets of each way the evaluation can end successfully: at a stop(), or at the end. */
  const outcomes: Map<string, Written>[] = [];
  let reachesEnd = true;
  for (const statement of formula.statements) {
    flow.stopped = false;
    const value = evaluate(statement.kind === 'Assignment' ? statement.value : statement.expression, env, pool, flow);
    // stop() ends the evaluation successfully, before this statement assigns anything (§5.9).
    if (flow.stopped) outcomes.push(winners(written));
    if (value.kind === 'never') {
      // Always stopped here, or always failed (text the parser could not read): no later statement runs.
      reachesEnd = false;
      break;
    }
    if (statement.kind !== 'Assignment') continue;
    const name = canonicalName(statement.target.name);
    env.set(name, value);
    if (value.kind === 'number') assignments.set(statement, value.range);
    const list = written.get(name) ?? [];
    list.push({ spelling: statement.target.name, value: rangeOf(value), assignment: statement });
    written.set(name, list);
  }
  if (reachesEnd) outcomes.push(winners(written));
  const targets = new Map<string, { value: NumberRange; assignment: Assignment }>();
  for (const [name, before] of [
    [TARGET_DEDICATED, incoming.dedicated],
    [TARGET_LOW_PRIORITY, incoming.lowPriority],
  ] as const) {
    const set = outcomes.map((o) => o.get(name));
    const last = set.filter((w) => w !== undefined).at(-1);
    if (!last) continue;
    // An outcome that does not assign the target leaves the pool's own.
    targets.set(name, { value: union(set.map((w) => w?.value ?? before)), assignment: last.assignment });
  }
  return { targets, assignments };
}

interface Written {
  spelling: string;
  value: NumberRange;
  assignment: Assignment;
}

/** Whether a stop() was evaluated in the statement being analysed. */
interface Flow {
  stopped: boolean;
}

/** The assignment of each target that counts so far: the full name wins over its legacy alias (§4.2). */
function winners(written: ReadonlyMap<string, Written[]>): Map<string, Written> {
  const out = new Map<string, Written>();
  for (const name of [TARGET_DEDICATED, TARGET_LOW_PRIORITY]) {
    const list = written.get(name) ?? [];
    const full = list.filter((w) => w.spelling === name);
    const winner = (full.length > 0 ? full : list).at(-1);
    if (winner) out.set(name, winner);
  }
  return out;
}

/** A target as the service applies it: truncated toward zero, then at least 0. */
export function applied(value: NumberRange): NumberRange {
  const apply = (x: number) => Math.max(0, Math.trunc(x));
  return { lo: apply(value.lo), hi: apply(value.hi) };
}

function canonicalName(name: string): string {
  const entry = registry.variable(name);
  return entry && entry.access === 'readwrite' ? entry.name : name;
}

function rangeOf(value: Abstract): NumberRange {
  return value.kind === 'number' ? value.range : ANY;
}

function isConstant(e: Expression): boolean {
  switch (e.kind) {
    case 'Number':
      return true;
    case 'Paren':
      return isConstant(e.expression);
    case 'Unary':
      return isConstant(e.operand);
    case 'Binary':
      return isConstant(e.left) && isConstant(e.right);
    case 'Conditional':
      return isConstant(e.test) && isConstant(e.consequent) && isConstant(e.alternate);
    case 'Vector':
      return e.elements.every(isConstant);
    case 'Call':
      // rand() and time() differ at each evaluation; every other function of constants is constant.
      return e.callee.name !== 'rand' && e.callee.name !== 'time' && e.args.every(isConstant);
    default:
      return false;
  }
}

function evaluate(
  e: Expression,
  env: Map<string, Abstract>,
  pool: ReadonlyMap<string, Abstract>,
  flow: Flow,
): Abstract {
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

function identifier(name: string, env: Map<string, Abstract>, pool: ReadonlyMap<string, Abstract>): Abstract {
  const known = env.get(canonicalName(name));
  if (known) return known;
  const entry = registry.variable(name);
  if (entry) {
    if (entry.unit === 'keyword') return OTHER;
    // A target read before the formula assigns it is the pool's current target.
    return pool.get(entry.name) ?? num(serviceVariableRange(entry.name));
  }
  if (registry.constant(name) || registry.keyword(name)) return OTHER;
  return number(-Infinity, Infinity);
}

function method(
  receiver: Expression,
  name: string,
  args: readonly Expression[],
  env: Map<string, Abstract>,
  pool: ReadonlyMap<string, Abstract>,
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
  if (args.some((a) => a.kind === 'never')) return NEVER;
  const elements = () => args.map(elementRange);
  const all = () => union(elements());
  if (args.length === 0 && name !== 'rand' && name !== 'time') return OTHER;
  switch (name) {
    case 'max':
      return number(Math.max(...elements().map((r) => r.lo)), Math.max(...elements().map((r) => r.hi)));
    case 'min':
      return number(Math.min(...elements().map((r) => r.lo)), Math.min(...elements().map((r) => r.hi)));
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

function arithmetic(op: string, a: NumberRange, b: NumberRange): NumberRange {
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

function union(ranges: NumberRange[]): NumberRange {
  if (ranges.length === 0) return ANY;
  return { lo: Math.min(...ranges.map((r) => r.lo)), hi: Math.max(...ranges.map((r) => r.hi)) };
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

/** `0 to 10`, `0 or more`, `any number`: a range as the lints and hover say it. */
export function describeRange(r: NumberRange): string {
  const text = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));
  if (r.lo === -Infinity && r.hi === Infinity) return 'any number';
  if (r.hi === Infinity) return `${text(r.lo)} or more`;
  if (r.lo === -Infinity) return `${text(r.hi)} or less`;
  if (r.lo === r.hi) return `always ${text(r.lo)}`;
  return `${text(r.lo)} to ${text(r.hi)}`;
}

/**
 * A target's bounds in a sentence, as `check --bounds` prints them and the editor's hover shows
 * them: the applied range (whole nodes), and what else bounds it.
 */
export function describeTargetBounds(t: TargetBounds): string {
  if (!t.assigned) return "not assigned: the pool's target stays as it is";
  const unit = t.applied.lo === 1 && t.applied.hi === 1 ? 'node' : 'nodes';
  const nodes = `${describeRange(t.applied)} ${unit}`;
  if (t.applied.hi === Infinity) return `${nodes}: no upper bound`;
  return t.keepsInitial ? `${nodes}, or the size the pool had before autoscale` : nodes;
}
