// Runs a workload on a NodePool: admits tasks at their submission time, starts them FIFO on free
// slots, ends them after their duration, and puts back (requeue) or drops (terminate) the tasks
// of nodes removed or preempted under them. Counts what the closed-loop report needs.

import { EndHeap, TaskDeque } from './deque.ts';
import type { Eviction, NodePool, SimNode } from './node-pool.ts';
import type { Workload } from './workload-model.ts';

export class TaskEngine {
  readonly workload: Workload;
  readonly queue = new TaskDeque();
  private readonly pool: NodePool;
  private readonly heap = new EndHeap();
  /** Per task: the node it runs on (while running). */
  private readonly nodeOf = new Map<number, SimNode>();
  /** Per task: how many times it was started; heap entries of an earlier run are stale. */
  private readonly runs: Uint32Array;
  /** Per task: first start time (NaN until started). */
  readonly firstStart: Float64Array;
  private nextArrival = 0;
  running = 0;
  succeeded = 0;
  failed = 0;
  dropped = 0;
  requeued = 0;
  /** Completions since the last sample: the step's $SucceededTasks and $FailedTasks. */
  stepSucceeded = 0;
  stepFailed = 0;

  constructor(workload: Workload, pool: NodePool) {
    this.workload = workload;
    this.pool = pool;
    this.runs = new Uint32Array(workload.count);
    this.firstStart = new Float64Array(workload.count).fill(Number.NaN);
  }

  /** The NodePool's eviction callback: tasks of a removed or preempted node. */
  evict(tasks: number[], how: Eviction): void {
    // Put back in reverse so the earliest-submitted ends up first in the queue.
    const ordered = [...tasks].sort((a, b) => b - a);
    for (const id of ordered) {
      this.nodeOf.delete(id);
      this.running--;
      this.runs[id] = (this.runs[id] as number) + 1;
      if (how === 'requeue') {
        this.queue.pushFront(id);
        this.requeued++;
      } else {
        // Terminated tasks complete as failed and do not run again.
        this.dropped++;
        this.failed++;
        this.stepFailed++;
      }
    }
  }

  /** Ends every task whose end time is at or before t. */
  completeUpTo(t: number): void {
    while (this.heap.peekEnd() <= t) {
      const e = this.heap.pop();
      if (e === undefined) break;
      if (e.run !== this.runs[e.id]) continue;
      const node = this.nodeOf.get(e.id);
      if (node === undefined) continue;
      this.nodeOf.delete(e.id);
      this.running--;
      if (this.workload.fails[e.id] === 1) {
        this.failed++;
        this.stepFailed++;
      } else {
        this.succeeded++;
        this.stepSucceeded++;
      }
      this.pool.release(e.end, node, e.id, this.workload.slots[e.id] as number);
    }
  }

  /** Moves tasks submitted at or before t into the queue. */
  admitUpTo(t: number): void {
    const w = this.workload;
    while (this.nextArrival < w.count && (w.submitted[this.nextArrival] as number) <= t)
      this.queue.pushBack(this.nextArrival++);
  }

  /** Starts queued tasks, first come first served, while the task at the head fits on a node. */
  schedule(t: number): void {
    while (this.queue.length > 0) {
      const id = this.queue.peek();
      const node = this.pool.place(id, this.workload.slots[id] as number);
      if (node === undefined) return;
      this.queue.popFront();
      this.nodeOf.set(id, node);
      this.running++;
      if (Number.isNaN(this.firstStart[id] as number)) this.firstStart[id] = t;
      this.heap.push(t + (this.workload.duration[id] as number), id, this.runs[id] as number);
    }
  }

  /** True when tasks wait and the one at the head cannot start on any node. */
  blocked(): boolean {
    if (this.queue.length === 0) return false;
    return !this.pool.fits(this.workload.slots[this.queue.peek()] as number);
  }

  /** Tasks admitted but not finished: queued plus running. */
  get pending(): number {
    return this.queue.length + this.running;
  }

  get admitted(): number {
    return this.nextArrival;
  }
}
