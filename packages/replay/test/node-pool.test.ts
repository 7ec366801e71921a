// Task placement on the simulated pool (MODEL.md, closed loop step 4): dedicated nodes first,
// oldest node first, whatever order the nodes' slots were freed in.

import { describe, expect, it } from 'vitest';
import { NodePool, type NodePoolOptions, type SimNode } from '../src/sim/node-pool.ts';
import { T0, must } from './support.ts';

function pool(dedicated: number, lowPriority: number, slotsPerNode = 1): NodePool {
  const o: NodePoolOptions = {
    start: T0,
    slotsPerNode,
    allocationLatency: 0,
    maxDedicated: Infinity,
    maxLowPriority: Infinity,
    initialDedicated: dedicated,
    initialLowPriority: lowPriority,
  };
  return new NodePool(o);
}

describe('task placement', () => {
  it('a freed dedicated node takes the next task before an idle low-priority node', () => {
    const p = pool(1, 1);
    const first = p.place(0, 1);
    expect(first?.lowPriority).toBe(false);
    p.release(T0, must(first), 0, 1);
    // The dedicated node was freed after the low-priority one became free; it still comes first.
    expect(p.place(1, 1)).toBe(first);
    expect(p.place(2, 1)?.lowPriority).toBe(true);
    expect(p.place(3, 1)).toBeUndefined();
  });

  it('among nodes of one kind the oldest free node comes first, in the order the pool got them', () => {
    const p = pool(3, 2);
    const nodes = [0, 1, 2, 3, 4].map((task) => must(p.place(task, 1)));
    expect(nodes.map((n) => n.lowPriority)).toEqual([false, false, false, true, true]);
    // Free them newest first: placement still goes oldest first, dedicated before low-priority.
    for (let task = 4; task >= 0; task--) p.release(T0, must(nodes[task]), task, 1);
    expect([5, 6, 7, 8, 9].map((task) => p.place(task, 1))).toEqual(nodes);
  });

  it('a task needing several slots skips nodes without room, and fits() agrees with place()', () => {
    const p = pool(2, 1, 2);
    const d1 = must(p.place(0, 1));
    // Dedicated node 1 has one slot left: a two-slot task goes to dedicated node 2.
    const d2 = must(p.place(1, 2));
    expect([d1.lowPriority, d2.lowPriority, d1 === d2]).toEqual([false, false, false]);
    expect(p.fits(2)).toBe(true);
    // No dedicated node has two free slots now: the next two-slot task goes to the low-priority node.
    expect(p.place(2, 2)?.lowPriority).toBe(true);
    expect(p.fits(2)).toBe(false);
    expect(p.place(3, 2)).toBeUndefined();
    expect(p.fits(1)).toBe(true);
    expect(p.place(4, 1)).toBe(d1);
    expect(p.fits(1)).toBe(false);
  });

  it('keeps oldest-first order through many fills and frees in any order (stale entries are skipped and compacted)', () => {
    const count = 300;
    const p = pool(count, 0);
    const nodes: SimNode[] = [];
    const taskOn: number[] = [];
    for (let t = 0; t < count; t++) {
      nodes.push(must(p.place(t, 1)));
      taskOn.push(t);
    }
    expect(new Set(nodes).size).toBe(count);
    let next = count;
    for (let round = 0; round < 3; round++) {
      // 7919 is prime, so this visits every node once, in a scrambled order.
      for (let k = 0; k < count; k++) {
        const i = (k * 7919 + round) % count;
        p.release(T0, must(nodes[i]), must(taskOn[i]), 1);
      }
      for (let i = 0; i < count; i++) {
        expect(p.place(next, 1)).toBe(nodes[i]);
        taskOn[i] = next++;
      }
    }
    expect(p.place(next, 1)).toBeUndefined();
  });
});
