// Generates examples/recordings/week.csv (+ week.meta.json): a realistic, seeded week of a Batch
// pool's 30-second samples for `autoscale replay` and `npm start`. A render farm: weekday daily
// cycles peaking in the afternoon (UTC), three bursts, quiet weekends; the pool was run by a
// simple production formula (pending tasks / slots every 15 minutes, 30% low-priority, with a
// 5-minute allocation latency); a preemption episode; a 12-minute monitoring outage and a few
// random missing cells. Same seed, same file: `node examples/recordings/generate.ts`.

import { writeFileSync } from 'node:fs';

const SEED = 20260105;
const START = Date.parse('2026-01-05T00:00:00Z'); // a Monday
const DAYS = 7;
const STEP = 30_000;
const SLOTS = 2;
const MAX_DEDICATED = 40;
const MAX_LOW = 20;
const LATENCY_STEPS = 10; // 5 minutes

/** mulberry32: a small, well-known seedable generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
/** Poisson by inversion (rates here are small). */
function poisson(mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Task arrivals per minute at t: weekday afternoons are busy, nights and weekends quiet. */
function arrivalRate(t: number): number {
  const date = new Date(t);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  if (weekend) return 0.6 + 0.4 * Math.max(0, Math.sin((Math.PI * (hour - 9)) / 10));
  const day = hour >= 7 && hour <= 20 ? Math.sin((Math.PI * (hour - 7)) / 13) ** 2 : 0;
  return 1 + 14 * day;
}

/** Bursts: [start, minutes, tasks per minute]. */
const BURSTS: Array<[number, number, number]> = [
  [Date.parse('2026-01-06T10:20:00Z'), 8, 45],
  [Date.parse('2026-01-07T22:00:00Z'), 10, 30],
  [Date.parse('2026-01-09T15:40:00Z'), 6, 60],
];
const PREEMPTION: [number, number, number] = [
  Date.parse('2026-01-07T13:00:00Z'),
  Date.parse('2026-01-07T13:40:00Z'),
  3,
];
const OUTAGE: [number, number] = [Date.parse('2026-01-08T03:10:00Z'), Date.parse('2026-01-08T03:22:00Z')];

interface Node {
  low: boolean;
  readyAt: number;
  busy: number[];
}

const queue: number[] = [];
const nodes: Node[] = [];
let completed = 0;
let failed = 0;
let dedicatedTarget = 2;
let lowTarget = 1;
for (let i = 0; i < 2; i++) nodes.push({ low: false, readyAt: 0, busy: [] });
nodes.push({ low: true, readyAt: 0, busy: [] });

/** Removes up to `extra` idle nodes (allocating ones too when `allocating`). */
function removeIdle(mine: Node[], extra: number, k: number, allocating: boolean): void {
  for (const n of mine) {
    if (extra <= 0) return;
    if (n.busy.length === 0 && (allocating || n.readyAt <= k)) {
      nodes.splice(nodes.indexOf(n), 1);
      extra--;
    }
  }
}

const rows: string[] = [
  'timestamp,$ActiveTasks,$RunningTasks,$PendingTasks,$SucceededTasks,$FailedTasks,$CPUPercent,$CurrentDedicatedNodes,$CurrentLowPriorityNodes,$PreemptedNodeCount',
];
const steps = (DAYS * 86_400_000) / STEP;
for (let k = 0; k < steps; k++) {
  const t = START + k * STEP;
  const ready = nodes.filter((n) => n.readyAt <= k);
  // Finish tasks; 2% fail.
  let stepDone = 0;
  let stepFailed = 0;
  for (const n of ready) {
    const before = n.busy.length;
    n.busy = n.busy.filter((end) => end > t);
    for (let j = n.busy.length; j < before; j++) {
      if (random() < 0.02) stepFailed++;
      else stepDone++;
    }
  }
  completed += stepDone;
  failed += stepFailed;
  // Arrivals in this 30-s period, with bursts on top.
  let rate = arrivalRate(t) / 2;
  for (const [start, minutes, perMinute] of BURSTS)
    if (t >= start && t < start + minutes * 60_000) rate += perMinute / 2;
  for (let j = poisson(rate); j > 0; j--) queue.push(Math.max(30_000, 360_000 * Math.exp(0.5 * normal() - 0.125)));
  // Preempted low-priority nodes run nothing.
  const preempted =
    t >= PREEMPTION[0] && t < PREEMPTION[1] ? Math.min(PREEMPTION[2], ready.filter((n) => n.low).length) : 0;
  const lowReady = ready.filter((n) => n.low);
  const usable = ready.filter((n) => !n.low || lowReady.indexOf(n) >= preempted);
  for (const n of lowReady.slice(0, preempted)) {
    // Preemption stops the node's tasks; Batch puts them back in the queue.
    queue.unshift(...n.busy.map((end) => end - t));
    n.busy = [];
  }
  // Start tasks FIFO on free slots.
  for (const n of usable) while (n.busy.length < SLOTS && queue.length > 0) n.busy.push(t + (queue.shift() as number));
  const running = usable.reduce((s, n) => s + n.busy.length, 0);
  // The production formula, every 15 minutes: one slot per pending task, 30% low-priority, within quotas.
  if (k % 30 === 0) {
    const wanted = Math.max(3, Math.min(MAX_DEDICATED + MAX_LOW, Math.ceil((queue.length + running) / SLOTS)));
    lowTarget = Math.min(MAX_LOW, Math.floor(wanted * 0.3));
    dedicatedTarget = Math.min(MAX_DEDICATED, wanted - lowTarget);
    for (const low of [false, true]) {
      const target = low ? lowTarget : dedicatedTarget;
      const mine = nodes.filter((n) => n.low === low);
      for (let j = mine.length; j < target; j++)
        nodes.push({ low, readyAt: k + LATENCY_STEPS + Math.floor(random() * 4), busy: [] });
      // taskcompletion: only idle nodes leave at once; busy ones when they are done (below).
      removeIdle(mine, mine.length - target, k, true);
    }
  }
  for (const low of [false, true]) {
    const target = low ? lowTarget : dedicatedTarget;
    const mine = nodes.filter((n) => n.low === low);
    removeIdle(mine, mine.length - target, k, false);
  }
  const present = nodes.filter((n) => n.readyAt <= k);
  const dedicated = present.filter((n) => !n.low).length;
  const low = present.filter((n) => n.low).length;
  const slots = (dedicated + low - preempted) * SLOTS;
  const cpu = slots === 0 ? '' : Math.max(0, Math.min(100, (running / slots) * 88 + 4 + 3 * normal())).toFixed(1);
  let cells = [queue.length, running, queue.length + running, stepDone, stepFailed, cpu, dedicated, low, preempted].map(
    String,
  );
  if (t >= OUTAGE[0] && t < OUTAGE[1]) cells = cells.map(() => '');
  else cells = cells.map((c) => (random() < 0.003 ? '' : c));
  rows.push(`${new Date(t).toISOString().replace('.000Z', 'Z')},${cells.join(',')}`);
}
const here = new URL('./', import.meta.url);
writeFileSync(new URL('week.csv', here), `${rows.join('\n')}\n`);
writeFileSync(
  new URL('week.meta.json', here),
  `${JSON.stringify({ $schema: '../../packages/replay/schema/recording-meta.schema.json', poolId: 'render-farm', taskSlotsPerNode: SLOTS, evaluationInterval: '15m', allocationLatency: '5m', maxDedicatedNodes: MAX_DEDICATED, maxLowPriorityNodes: MAX_LOW }, null, 2)}\n`,
);
console.log(`wrote ${rows.length - 1} rows; ${completed} tasks completed, ${failed} failed`);
