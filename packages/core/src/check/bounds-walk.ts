// One evaluation's pass of the static bounds (bounds.ts) over the statements, from given incoming
// targets. formulaBounds runs a pass per evaluation it follows (a fixed point from an empty pool,
// another from a sized one, one from any pool): five or more per check. Only a statement that
// reads the pool (a target read before it is assigned, a node count) can differ between passes,
// so the statements before the first such one are walked once per formula and every pass goes on
// from that shared prefix; a formula that never reads the pool is walked once in all. The prefix
// ends where a statement's evaluation first asks the pool for one of its names.

import { TARGET_DEDICATED, TARGET_LOW_PRIORITY } from '../builtins/registry.ts';
import type { Assignment, Statement } from '../syntax/ast.ts';
import {
  type Abstract,
  arithmetic,
  canonicalName,
  type Env,
  evaluate,
  type Flow,
  type Pool,
  type NumberRange,
  num,
  rangeOf,
  union,
} from './bounds-domain.ts';

/** The pool's targets as an evaluation starts: what the previous evaluations left. */
export interface Incoming {
  dedicated: NumberRange;
  lowPriority: NumberRange;
}

/** One evaluation's pass over the statements, from the incoming targets. */
export interface Pass {
  targets: Map<string, { value: NumberRange; assignment: Assignment }>;
  assignments: Map<Assignment, NumberRange>;
}

interface Written {
  spelling: string;
  value: NumberRange;
  assignment: Assignment;
}

/** What a pass has found after some statements; a pass goes on from a copy of the shared prefix's. */
interface WalkState {
  env: Map<string, Abstract> | Overlay;
  assignments: Map<Assignment, NumberRange>;
  /** Assignments to each node target, in order (no other name's are ever read). */
  written: Map<string, Written[]>;
  /** The targets of each way the evaluation can end successfully at a stop(). */
  outcomes: Map<string, Written>[];
  /** False once a statement always stops or fails: no later statement runs. */
  reachesEnd: boolean;
}

/** The prefix's variables under a pass's own: copying hundreds of them per pass would cost more than the walk saves. */
class Overlay implements Env {
  private readonly own = new Map<string, Abstract>();
  private readonly base: ReadonlyMap<string, Abstract>;
  constructor(base: ReadonlyMap<string, Abstract>) {
    this.base = base;
  }
  get(name: string): Abstract | undefined {
    return this.own.get(name) ?? this.base.get(name);
  }
  set(name: string, value: Abstract): void {
    this.own.set(name, value);
  }
}

/** The names bounds-domain's `identifier` reads from the pool (they follow the incoming targets). */
const POOL_NAMES: ReadonlySet<string> = new Set([
  TARGET_DEDICATED,
  TARGET_LOW_PRIORITY,
  '$CurrentDedicatedNodes',
  '$CurrentLowPriorityNodes',
  '$UsableNodeCount',
]);

/** The pool as the prefix sees it: it has no values, and notes when a statement asks for one it would have. */
class Tripwire implements Pool {
  asked = false;
  get(name: string): Abstract | undefined {
    if (POOL_NAMES.has(name)) this.asked = true;
    return undefined;
  }
}

/**
 * A function running one pass over `statements` (a formula's, in order, or a slice of them, see
 * bounds-slice.ts) from given incoming targets; those that cannot read the pool are walked once,
 * here. `sharePrefix: false` walks every statement in every pass: the reference the tests compare with.
 */
export function passRunner(statements: readonly Statement[], sharePrefix = true): (incoming: Incoming) => Pass {
  const prefix: WalkState = {
    env: new Map(),
    assignments: new Map(),
    written: new Map(),
    outcomes: [],
    reachesEnd: true,
  };
  const prefixEnd = sharePrefix ? walk(statements, prefix, 0, statements.length, new Tripwire()) : 0;
  return (incoming) => {
    if (!prefix.reachesEnd || prefixEnd === statements.length) return finish(prefix, incoming);
    const state: WalkState = {
      env: new Overlay(prefix.env as Map<string, Abstract>),
      assignments: new Map(prefix.assignments),
      written: new Map([...prefix.written].map(([name, list]) => [name, [...list]])),
      outcomes: [...prefix.outcomes],
      reachesEnd: true,
    };
    walk(statements, state, prefixEnd, statements.length, poolOf(incoming));
    return finish(state, incoming);
  };
}

/** Reads the pool's state: the incoming targets, and node counts, which follow the targets. */
function poolOf(incoming: Incoming): Map<string, Abstract> {
  return new Map<string, Abstract>([
    [TARGET_DEDICATED, num(incoming.dedicated)],
    [TARGET_LOW_PRIORITY, num(incoming.lowPriority)],
    ['$CurrentDedicatedNodes', num(incoming.dedicated)],
    ['$CurrentLowPriorityNodes', num(incoming.lowPriority)],
    ['$UsableNodeCount', num(arithmetic('+', incoming.dedicated, incoming.lowPriority))],
  ]);
}

/**
 * Walks statements [from, to) into `state`; returns where it stopped: `to`, earlier when no later
 * statement runs, or, with the Tripwire, at the first statement that asks for the pool (its
 * evaluation is dropped: it runs again in each pass, with that pass's pool).
 */
function walk(statements: readonly Statement[], state: WalkState, from: number, to: number, pool: Pool): number {
  const flow: Flow = { stopped: false };
  for (let i = from; i < to; i++) {
    const statement = statements[i] as Statement;
    flow.stopped = false;
    const value = evaluate(
      statement.kind === 'Assignment' ? statement.value : statement.expression,
      state.env,
      pool,
      flow,
    );
    if (pool instanceof Tripwire && pool.asked) return i;
    // stop() ends the evaluation successfully, before this statement assigns anything (§5.9).
    if (flow.stopped) state.outcomes.push(winners(state.written));
    if (value.kind === 'never') {
      // Always stopped here, or always failed (text the parser could not read): no later statement runs.
      state.reachesEnd = false;
      return i + 1;
    }
    if (statement.kind !== 'Assignment') continue;
    const name = canonicalName(statement.target.name);
    state.env.set(name, value);
    if (value.kind === 'number') state.assignments.set(statement, value.range);
    if (name !== TARGET_DEDICATED && name !== TARGET_LOW_PRIORITY) continue;
    const written = { spelling: statement.target.name, value: rangeOf(value), assignment: statement };
    const list = state.written.get(name);
    if (list) list.push(written);
    else state.written.set(name, [written]);
  }
  return to;
}

/** The targets each way the evaluation ends leaves, from a walked state (not changed). */
function finish(state: WalkState, incoming: Incoming): Pass {
  const outcomes = state.reachesEnd ? [...state.outcomes, winners(state.written)] : state.outcomes;
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
  return { targets, assignments: state.assignments };
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
