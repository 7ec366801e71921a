// Which variants a tune search replays (TUNE.md, "Grid and sampler"). The whole grid when it fits
// the budget; otherwise a seeded sampler: half the budget drawn at random from the grid, dealt into
// independent chains, each of which then refines around its own best by pattern search, halving
// its step when no neighbour improves. Chains never look at each other's results, so a shard can
// run some chains alone and the union of the shards is exactly the unsharded search. Pure but for
// the `judge` callback that replays variants.

import type { Axis } from './axis.ts';
import { compareCentre, type Scored } from './rank.ts';
import { variantKey, type Variant } from './variant.ts';

export type Strategy = 'grid' | 'sampler';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface PlanOptions {
  budget: number;
  seed: number;
  shard: Shard | null;
}

/** Replays variants (none already replayed, no duplicates) and scores them, in order. */
export type Judge = (variants: Variant[]) => Promise<Scored[]>;

/** The grid's size: the product of the axes' counts (may exceed 2^53 as a double; only compared). */
export function spaceSize(axes: readonly Axis[]): number {
  return axes.reduce((n, a) => n * a.count, 1);
}

export function strategyFor(axes: readonly Axis[], budget: number): Strategy {
  return spaceSize(axes) <= budget ? 'grid' : 'sampler';
}

/** How a sampled search is split: random draws, chains, and each chain's refinement budget. */
export interface SamplerShape {
  draws: number;
  chains: number;
}

export function samplerShape(budget: number): SamplerShape {
  const draws = Math.max(1, Math.floor(budget / 2));
  // About sqrt(budget / 8) chains: a handful of centres, each with room for several refinement rounds.
  const chains = Math.max(1, Math.min(draws, Math.floor(Math.sqrt(budget / 8))));
  return { draws, chains };
}

/** mulberry32: a small seeded generator, uniform in [0, 1); the same seed gives the same search anywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every grid variant, in grid order (the first parameter slowest). */
export function gridVariants(axes: readonly Axis[]): Variant[] {
  const out: Variant[] = [];
  const v = axes.map(() => 0);
  for (;;) {
    out.push([...v]);
    let i = axes.length - 1;
    while (i >= 0 && (v[i] as number) + 1 >= (axes[i] as Axis).count) v[i--] = 0;
    if (i < 0) return out;
    v[i] = (v[i] as number) + 1;
  }
}

/** `count` distinct variants drawn uniformly from a grid larger than `count`. */
export function drawVariants(axes: readonly Axis[], count: number, seed: number): Variant[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: Variant[] = [];
  while (out.length < count) {
    const v = axes.map((a) => Math.floor(random() * a.count));
    const key = variantKey(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

interface Known {
  variant: Variant;
  scored: Scored;
}

/**
 * The first step of refinement along each axis: half the typical distance between two of the
 * search's random draws (the range over the draws' count to the power 1 / the parameters that
 * vary), so the first round looks between the draws rather than past them. An axis of one value
 * has nothing to move.
 */
export function initialRadii(axes: readonly Axis[], draws: number): number[] {
  const varying = axes.filter((a) => a.count > 1).length;
  const perAxis = varying === 0 ? 1 : draws ** (1 / varying);
  return axes.map((a) => (a.count > 1 ? Math.max(1, Math.round((a.count - 1) / (2 * perAxis))) : 0));
}

/** One sampler chain: its draws, then pattern search around its own best. */
export class Chain {
  private readonly axes: readonly Axis[];
  private readonly seen = new Set<string>();
  private radii: number[];
  private left: number;
  private centre: Known | undefined;
  done = false;

  constructor(axes: readonly Axis[], refinementBudget: number, draws: number) {
    this.axes = axes;
    this.left = refinementBudget;
    this.radii = initialRadii(axes, draws);
  }

  /** Takes in replayed variants of this chain; true when its centre moved. */
  absorb(known: readonly Known[]): boolean {
    const before = this.centre;
    for (const k of known) {
      this.seen.add(variantKey(k.variant));
      if (this.centre === undefined || compareCentre(k.scored, this.centre.scored) < 0) this.centre = k;
    }
    return this.centre !== before;
  }

  /** The next round's variants: the centre's neighbours at the current radii not yet seen. */
  propose(): Variant[] {
    while (!this.done) {
      if (this.left <= 0 || this.centre === undefined) break;
      const candidates = this.neighbours(this.centre.variant);
      if (candidates.length > 0) {
        const taken = candidates.slice(0, this.left);
        this.left -= taken.length;
        for (const v of taken) this.seen.add(variantKey(v));
        return taken;
      }
      if (!this.halve()) break;
    }
    this.done = true;
    return [];
  }

  /** After a round: the centre stays and the step halves; at step 1 with no improvement the chain is done. */
  settle(moved: boolean): void {
    if (!moved && !this.halve()) this.done = true;
  }

  private halve(): boolean {
    if (this.radii.every((r) => r <= 1)) return false;
    this.radii = this.radii.map((r) => (r > 1 ? Math.floor(r / 2) : r));
    return true;
  }

  private neighbours(centre: Variant): Variant[] {
    const out: Variant[] = [];
    const keys = new Set<string>();
    this.axes.forEach((axis, p) => {
      const r = this.radii[p] as number;
      if (r === 0) return;
      for (const direction of [-1, 1]) {
        const v = [...centre];
        v[p] = Math.min(axis.count - 1, Math.max(0, (centre[p] as number) + direction * r));
        const key = variantKey(v);
        if (v[p] === centre[p] || this.seen.has(key) || keys.has(key)) continue;
        keys.add(key);
        out.push(v);
      }
    });
    return out;
  }
}

/** Whether shard `shard` runs item `i` (a grid variant, or a sampler chain): dealt round-robin. */
export function inShard(shard: Shard | null, i: number): boolean {
  return shard === null || i % shard.count === shard.index - 1;
}

export interface PlanSize {
  strategy: Strategy;
  /** Variants this search (this shard) replays at most: the progress total. */
  planned: number;
}

/** What the search will do, before it runs. */
export function planSize(axes: readonly Axis[], options: PlanOptions): PlanSize {
  if (strategyFor(axes, options.budget) === 'grid') {
    const n = spaceSize(axes);
    let planned = 0;
    for (let i = 0; i < n; i++) if (inShard(options.shard, i)) planned++;
    return { strategy: 'grid', planned };
  }
  const { chains } = samplerShape(options.budget);
  let planned = 0;
  for (let c = 0; c < chains; c++) if (inShard(options.shard, c)) planned += chainBudget(options.budget, c).total;
  return { strategy: 'sampler', planned };
}

/** Chain `c`'s draws and refinement budget: the budget's halves dealt evenly, remainders to the first chains. */
function chainBudget(budget: number, c: number): { draws: number; refinement: number; total: number } {
  const { draws, chains } = samplerShape(budget);
  const share = (n: number): number => Math.floor(n / chains) + (c < n % chains ? 1 : 0);
  const d = share(draws);
  const r = share(budget - draws);
  return { draws: d, refinement: r, total: d + r };
}

/**
 * Runs the search; `judge` replays what no earlier round replayed. Returns nothing: what was
 * replayed is what the judge saw.
 */
export async function runSearch(axes: readonly Axis[], options: PlanOptions, judge: Judge): Promise<void> {
  const known = new Map<string, Known>();
  const ensure = async (variants: readonly Variant[]): Promise<Known[]> => {
    const fresh: Variant[] = [];
    const keys = new Set<string>();
    for (const v of variants) {
      const key = variantKey(v);
      if (known.has(key) || keys.has(key)) continue;
      keys.add(key);
      fresh.push(v);
    }
    const scores = fresh.length === 0 ? [] : await judge(fresh);
    fresh.forEach((v, i) => {
      known.set(variantKey(v), { variant: v, scored: scores[i] as Scored });
    });
    return variants.map((v) => known.get(variantKey(v)) as Known);
  };
  if (strategyFor(axes, options.budget) === 'grid') {
    await ensure(gridVariants(axes).filter((_, i) => inShard(options.shard, i)));
    return;
  }
  const { draws, chains: chainCount } = samplerShape(options.budget);
  // Every shard draws the same sample and keeps its own chains' part of it.
  const sample = drawVariants(axes, draws, options.seed);
  const chains: Array<{ chain: Chain; draws: Variant[] }> = [];
  for (let c = 0; c < chainCount; c++) {
    if (!inShard(options.shard, c)) continue;
    chains.push({
      chain: new Chain(axes, chainBudget(options.budget, c).refinement, draws),
      draws: sample.filter((_, j) => j % chainCount === c),
    });
  }
  const drawn = await ensure(chains.flatMap((c) => c.draws));
  let at = 0;
  for (const c of chains) {
    c.chain.absorb(drawn.slice(at, at + c.draws.length));
    at += c.draws.length;
  }
  for (;;) {
    const proposals = chains.map((c) => c.chain.propose());
    if (proposals.every((p) => p.length === 0)) return;
    const results = await ensure(proposals.flat());
    let offset = 0;
    chains.forEach((c, i) => {
      const n = (proposals[i] as Variant[]).length;
      if (n > 0) c.chain.settle(c.chain.absorb(results.slice(offset, offset + n)));
      offset += n;
    });
  }
}
