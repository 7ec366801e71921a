// Static bounds (docs/semantics.md §14.6): the range of values each pool target can take, whatever
// the metrics, found by interval analysis over the formula's statements. What the registry knows
// of each built-in (counts and sizes are >= 0, percentages 0-100, a weekday 0-6, min and max of
// their arguments, ...) flows through the operators and functions; a formula runs its statements
// once, in order, with no loops, so one pass gives an evaluation's bounds; across evaluations (a
// target read before it is assigned is what the last one left) they are widened to a fixed point.
// The service applies a target truncated toward zero and at least 0, which `applied` accounts for.
// The abstract values and each expression's rule are in bounds-domain.ts; one evaluation's pass
// over the statements is bounds-walk.ts's.
//
// Bounds are sound, not tight: a value the analysis cannot follow (a timestamp, a string, an
// interval divided by an interval) is "any number". They answer "can this target ever exceed N?"
// and "can it ever be more than 0?", the two questions the lints ask.

import { TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import type { Assignment, Expression, Formula, Statement } from '../syntax/ast.ts';
import { NON_NEGATIVE, type NumberRange, union } from './bounds-domain.ts';
import { boundsSlice } from './bounds-slice.ts';
import { type Incoming, type Pass, passRunner } from './bounds-walk.ts';

export type { NumberRange } from './bounds-domain.ts';
export { MAX_TASK_SLOTS_PER_NODE, MEMBER_RANGES, serviceVariableRange } from './bounds-domain.ts';

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
  return boundsOfStatements(formula.statements);
}

/**
 * The targets' bounds alone, as formulaBounds gives them, from only the statements they depend on
 * (bounds-slice.ts): what the lints ask of every check.
 */
export function formulaTargetBounds(formula: Formula): TargetBounds[] {
  return boundsOfStatements(boundsSlice(formula)).targets;
}

/** formulaBounds over these statements; `sharePrefix: false` is bounds-walk.ts's reference for tests. */
export function boundsOfStatements(statements: readonly Statement[], sharePrefix = true): FormulaBounds {
  const runPass = passRunner(statements, sharePrefix);
  const empty = fixpoint(runPass, { lo: 0, hi: 0 });
  const sized = fixpoint(runPass, { lo: 0, hi: BOUNDS_INITIAL_SIZE });
  // Whatever the pool's targets were before: a target that is 0 even then is 0 always.
  const anyIncoming = runPass({ dedicated: NON_NEGATIVE, lowPriority: NON_NEGATIVE });
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
function fixpoint(runPass: (incoming: Incoming) => Pass, start: NumberRange): { incoming: Incoming; pass: Pass } {
  let incoming: Incoming = { dedicated: start, lowPriority: start };
  let pass = runPass(incoming);
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
    pass = runPass(incoming);
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

/** A target as the service applies it: truncated toward zero, then at least 0. */
export function applied(value: NumberRange): NumberRange {
  const apply = (x: number) => Math.max(0, Math.trunc(x));
  return { lo: apply(value.lo), hi: apply(value.hi) };
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
