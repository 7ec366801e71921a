// The simulated pool's nodes: allocation after a latency, quota caps, shrinking by the
// deallocation option, preemption of low-priority nodes, and which nodes have free task slots.
// Knows nothing about formulas; tasks are numbers it hands back to the task engine on eviction.
// Used by both modes (open loop: no tasks, so every shrink is immediate). See MODEL.md.

import { NodeTrajectory } from './trajectory.ts';
import type { ReplaySettings } from '../replay/types.ts';

export type NodeState = 'allocating' | 'ready' | 'draining' | 'preempted';
export type Eviction = 'requeue' | 'terminate';

export interface SimNode {
  readonly id: number;
  readonly lowPriority: boolean;
  state: NodeState;
  readyAt: number;
  busySlots: number;
  /** Ids of the tasks running on the node. */
  readonly tasks: Set<number>;
}

export interface NodePoolOptions {
  start: number;
  slotsPerNode: number;
  allocationLatency: number;
  maxDedicated: number;
  maxLowPriority: number;
  initialDedicated: number;
  initialLowPriority: number;
  /** Called with the tasks of a node removed or preempted under them. */
  onEvict?: (tasks: number[], how: Eviction) => void;
}

/** The pool options a replay's settings imply (both modes start from the same pool). */
export function nodePoolOptions(
  settings: Omit<ReplaySettings, 'to'>,
  onEvict?: NodePoolOptions['onEvict'],
): NodePoolOptions {
  const options: NodePoolOptions = {
    start: settings.from,
    slotsPerNode: settings.taskSlotsPerNode,
    allocationLatency: settings.allocationLatency,
    maxDedicated: settings.maxDedicatedNodes ?? Number.POSITIVE_INFINITY,
    maxLowPriority: settings.maxLowPriorityNodes ?? Number.POSITIVE_INFINITY,
    initialDedicated: settings.initialTargetDedicatedNodes,
    initialLowPriority: settings.initialTargetLowPriorityNodes,
  };
  if (onEvict) options.onEvict = onEvict;
  return options;
}

export class NodePool {
  readonly slotsPerNode: number;
  readonly trajectory = new NodeTrajectory();
  /**
   * Ready nodes (not draining, not preempted) with at least one free slot, one list per kind
   * (dedicated, low-priority), each oldest first: tasks go to dedicated nodes first, oldest node
   * first (MODEL.md), whatever order the nodes were freed in.
   */
  private readonly free: [FreeNodes, FreeNodes] = [new FreeNodes(), new FreeNodes()];
  private readonly latency: number;
  private readonly quota: [number, number];
  private readonly nodes: [SimNode[], SimNode[]] = [[], []];
  /** Nodes per kind and state, kept in step with every state change (read at every evaluation). */
  private readonly counts: [Record<NodeState, number>, Record<NodeState, number>] = [emptyCounts(), emptyCounts()];
  /** Allocating nodes in order of arrival time (the latency is one constant, so requests arrive in order). */
  private readonly arriving: SimNode[] = [];
  private arrivingHead = 0;
  private readonly onEvict: (tasks: number[], how: Eviction) => void;
  private nextId = 1;
  private lastRecorded: number;

  constructor(o: NodePoolOptions) {
    this.slotsPerNode = o.slotsPerNode;
    this.latency = o.allocationLatency;
    this.quota = [o.maxDedicated, o.maxLowPriority];
    this.onEvict = o.onEvict ?? (() => undefined);
    this.lastRecorded = o.start;
    for (let i = 0; i < Math.min(o.initialDedicated, o.maxDedicated); i++) this.add(false, 'ready', o.start);
    for (let i = 0; i < Math.min(o.initialLowPriority, o.maxLowPriority); i++) this.add(true, 'ready', o.start);
    this.record(o.start);
  }

  /** $CurrentDedicatedNodes: nodes in the pool (ready or draining). */
  get dedicated(): number {
    const c = this.counts[0];
    return c.ready + c.draining + c.preempted;
  }

  /** $CurrentLowPriorityNodes: nodes in the pool, preempted ones included (as the service counts them). */
  get lowPriority(): number {
    const c = this.counts[1];
    return c.ready + c.draining + c.preempted;
  }

  get preempted(): number {
    return this.counts[1].preempted;
  }

  /** Nodes that can run tasks: ready or draining, not preempted. */
  get usable(): number {
    return this.counts[0].ready + this.counts[0].draining + this.counts[1].ready + this.counts[1].draining;
  }

  /** Slots in use on nodes that can run tasks. */
  get busySlots(): number {
    let busy = 0;
    for (const list of this.nodes)
      for (const n of list) if (n.state === 'ready' || n.state === 'draining') busy += n.busySlots;
    return busy;
  }

  /** Ready nodes without a running task (idle node-hours). */
  get idle(): number {
    let idle = 0;
    for (const list of this.nodes) for (const n of list) if (n.state === 'ready' && n.busySlots === 0) idle++;
    return idle;
  }

  /** Brings nodes whose allocation completed by `t` into the pool. */
  advanceTo(t: number): void {
    while (this.arrivingHead < this.arriving.length) {
      const n = this.arriving[this.arrivingHead] as SimNode;
      if (n.readyAt > t) break;
      this.arrivingHead++;
      // A cancelled allocation was removed from its list; skip it.
      if (n.state !== 'allocating') continue;
      this.setState(n, 'ready');
      this.freeOf(n).add(n);
      this.record(n.readyAt);
    }
    if (this.arrivingHead > 1024 && this.arrivingHead * 2 > this.arriving.length) {
      this.arriving.splice(0, this.arrivingHead);
      this.arrivingHead = 0;
    }
  }

  /** Applies a successful evaluation's targets at instant t. */
  resize(t: number, dedicated: number, lowPriority: number, option: string): void {
    this.resizeKind(t, 0, dedicated, option);
    this.resizeKind(t, 1, lowPriority, option);
    this.record(t);
    if (this.latency === 0) this.advanceTo(t);
  }

  private resizeKind(t: number, kind: 0 | 1, target: number, option: string): void {
    const list = this.nodes[kind];
    const want = Math.min(target, this.quota[kind]);
    const c = this.counts[kind];
    const committed = c.allocating + c.ready + c.preempted;
    if (want > committed) {
      let need = want - committed;
      for (const n of list) {
        if (need === 0) break;
        if (n.state === 'draining') {
          this.setState(n, 'ready');
          if (n.busySlots < this.slotsPerNode) this.freeOf(n).add(n);
          need--;
        }
      }
      const room = Math.max(0, this.quota[kind] - list.length);
      for (let i = 0; i < Math.min(need, room); i++) this.add(kind === 1, 'allocating', t + this.latency);
      return;
    }
    let excess = committed - want;
    if (excess <= 0) return;
    // Cheapest first: allocations not yet done, preempted nodes, idle nodes (newest first), then busy ones.
    const order = list
      .filter((n) => n.state !== 'draining')
      .sort((a, b) => rank(a) - rank(b) || a.busySlots - b.busySlots || b.id - a.id);
    const drain = option === 'taskcompletion' || option === 'retaineddata';
    for (const n of order) {
      if (excess === 0) break;
      excess--;
      if (n.busySlots === 0 || n.state !== 'ready') this.remove(n);
      else if (drain) {
        this.setState(n, 'draining');
        this.freeOf(n).delete(n);
      } else {
        const tasks = [...n.tasks];
        this.remove(n);
        this.onEvict(tasks, option === 'terminate' ? 'terminate' : 'requeue');
      }
    }
  }

  /** Sets how many low-priority nodes are preempted (from the recording); evicted tasks are requeued. */
  setPreempted(t: number, wanted: number): void {
    const list = this.nodes[1];
    let current = this.preempted;
    if (wanted > current) {
      // Newest nodes go first, as the order is otherwise unknown.
      for (let i = list.length - 1; i >= 0 && current < wanted; i--) {
        const n = list[i] as SimNode;
        if (n.state !== 'ready' && n.state !== 'draining') continue;
        const tasks = [...n.tasks];
        this.clearTasks(n);
        this.setState(n, 'preempted');
        this.freeOf(n).delete(n);
        current++;
        if (tasks.length > 0) this.onEvict(tasks, 'requeue');
      }
    } else if (wanted < current) {
      for (const n of list) {
        if (current === wanted) break;
        if (n.state === 'preempted') {
          this.setState(n, 'ready');
          this.freeOf(n).add(n);
          current--;
        }
      }
    }
    this.record(t);
  }

  /** Puts a task on a node with a free slot (dedicated nodes first, oldest first); undefined if none fits. */
  place(task: number, slots: number): SimNode | undefined {
    const room = (n: SimNode): boolean => this.slotsPerNode - n.busySlots >= slots;
    for (const free of this.free) {
      const n = free.first(room);
      if (n === undefined) continue;
      n.busySlots += slots;
      n.tasks.add(task);
      if (n.busySlots >= this.slotsPerNode) free.delete(n);
      return n;
    }
    return undefined;
  }

  /** True when some node has `slots` free slots (a task needing them could start now). */
  fits(slots: number): boolean {
    return this.free.some((free) => free.first((n) => this.slotsPerNode - n.busySlots >= slots) !== undefined);
  }

  /** A task ended on `node` at t: frees its slots; a draining node with nothing left leaves the pool. */
  release(t: number, node: SimNode, task: number, slots: number): void {
    if (!node.tasks.delete(task)) return;
    node.busySlots -= slots;
    if (node.state === 'ready') this.freeOf(node).add(node);
    else if (node.state === 'draining' && node.busySlots === 0) {
      this.remove(node);
      this.record(t);
    }
  }

  /** Records the current counts as of t (after changes made at t). */
  record(t: number): void {
    // Never before an earlier change: a node that arrived mid-step is accounted from the latest known instant.
    this.lastRecorded = Math.max(this.lastRecorded, t);
    this.trajectory.record(this.lastRecorded, this.dedicated, this.lowPriority);
  }

  private add(lowPriority: boolean, state: NodeState, readyAt: number): void {
    const n: SimNode = { id: this.nextId++, lowPriority, state, readyAt, busySlots: 0, tasks: new Set() };
    this.nodes[lowPriority ? 1 : 0].push(n);
    this.counts[lowPriority ? 1 : 0][state]++;
    if (state === 'ready') this.freeOf(n).add(n);
    if (state === 'allocating') this.arriving.push(n);
  }

  private remove(n: SimNode): void {
    const kind = n.lowPriority ? 1 : 0;
    const list = this.nodes[kind];
    const i = list.indexOf(n);
    if (i >= 0) list.splice(i, 1);
    this.counts[kind][n.state]--;
    // Marks a cancelled allocation so advanceTo skips it.
    n.state = 'draining';
    this.freeOf(n).delete(n);
    this.clearTasks(n);
  }

  private setState(n: SimNode, state: NodeState): void {
    const c = this.counts[n.lowPriority ? 1 : 0];
    c[n.state]--;
    c[state]++;
    n.state = state;
  }

  private clearTasks(n: SimNode): void {
    n.tasks.clear();
    n.busySlots = 0;
  }

  private freeOf(n: SimNode): FreeNodes {
    return this.free[n.lowPriority ? 1 : 0];
  }
}

/**
 * Nodes of one kind with a free slot, visited in id order. Ids grow with creation, so this is
 * oldest first however the nodes were freed (a Set alone would put a freed node last). A new node
 * (the highest id) is appended; a freed older one is inserted by binary search. Deleting only
 * drops the membership: the list keeps the node until stale entries outnumber live ones, so a
 * scale-down that removes hundreds of nodes costs no splice per node.
 */
class FreeNodes {
  private readonly members = new Set<SimNode>();
  /** Sorted by id; may still hold nodes deleted since the last compaction (skipped). */
  private list: SimNode[] = [];

  add(n: SimNode): void {
    if (this.members.has(n)) return;
    this.members.add(n);
    const last = this.list[this.list.length - 1];
    if (last === undefined || last.id < n.id) {
      this.list.push(n);
      return;
    }
    const i = this.indexFor(n.id);
    // A stale entry for the same node may still be in place.
    if (this.list[i] !== n) this.list.splice(i, 0, n);
  }

  delete(n: SimNode): void {
    if (this.members.delete(n) && this.list.length > 2 * this.members.size + 64)
      this.list = this.list.filter((m) => this.members.has(m));
  }

  /** The oldest free node that satisfies `accept`, or undefined. */
  first(accept: (n: SimNode) => boolean): SimNode | undefined {
    for (const n of this.list) if (this.members.has(n) && accept(n)) return n;
    return undefined;
  }

  /** The first position whose node id is >= id. */
  private indexFor(id: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.list[mid] as SimNode).id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function emptyCounts(): Record<NodeState, number> {
  return { allocating: 0, ready: 0, draining: 0, preempted: 0 };
}

function rank(n: SimNode): number {
  if (n.state === 'allocating') return 0;
  if (n.state === 'preempted') return 1;
  return n.busySlots === 0 ? 2 : 3;
}
