// A tune search's result as plain data, which is also its JSON (`tune --format json`): what was
// searched, the baseline, the best variant meeting the constraint with its formula, the Pareto
// front, and every replayed variant's two figures. `summary` is exactly `replay --format json`'s.
// Built here from scored variants, both by a search and by a merge of shards (merge.ts). Pure.

import type { Axis } from './axis.ts';
import type { Shard, Strategy } from './plan.ts';
import {
  bestOf,
  paretoFront,
  compareParams,
  type DelayMeasure,
  type Objective,
  type Scored,
  type SummaryJson,
} from './rank.ts';
import type { SettingsJson } from './replay-summaries.ts';
import type { ParamValues } from './variant.ts';

export const TUNE_RESULT_VERSION = 1;

export interface ParamJson {
  name: string;
  from: number;
  to: number;
  step: number;
  /** How many values the range has. */
  values: number;
  /** The value the formula itself gives it (the baseline's). */
  formula: number;
}

/** What was searched; shards of one search have equal ones, and a merge checks that they do. */
export interface SearchJson {
  formula: { name: string; text: string };
  recording: string;
  /** The replay's settings as `replay --format json` prints them (mode, range, interval, prices...). */
  settings: SettingsJson;
  params: ParamJson[];
  objective: Objective;
  delay: DelayMeasure;
  maxWaitP95Seconds: number | null;
  strategy: Strategy;
  /** Variants in the grid (a double; beyond 2^53 approximate). */
  space: number;
  budget: number;
  seed: number;
  /** Sampler only: how many independent chains the search ran. */
  chains: number | null;
}

export interface PointJson {
  params: ParamValues;
  summary: SummaryJson;
}

export interface BestJson extends PointJson {
  formula: string;
}

/** A replayed variant's two figures (objective, and delay: wait p95 s or queued h). */
export interface VariantFigures {
  params: ParamValues;
  objective: number;
  delay: number | null;
}

export interface TuneResult {
  version: number;
  search: SearchJson;
  /** Only in a shard's result: which part of the search it ran. */
  shard?: Shard;
  baseline: PointJson;
  best: BestJson | null;
  front: PointJson[];
  /** Distinct variants replayed (the baseline not counted). */
  evaluated: number;
  /** Every replayed variant, in grid order. */
  variants: VariantFigures[];
}

export interface ScoredPoint extends Scored {
  summary: SummaryJson;
}

export function paramsJson(axes: readonly Axis[], formulaValues: readonly number[]): ParamJson[] {
  return axes.map((a, i) => ({
    name: a.name,
    from: a.from,
    to: a.to,
    step: a.step,
    values: a.count,
    formula: formulaValues[i] as number,
  }));
}

/**
 * The result of a search: best and front among `candidates` (every replayed variant, or in a merge
 * the shards' fronts and bests, which hold every variant that can be either), the figures of every
 * replayed variant, and `formulaOf` for the best variant's text.
 */
export function buildResult(
  search: SearchJson,
  shard: Shard | null,
  baseline: PointJson,
  candidates: readonly ScoredPoint[],
  variants: readonly VariantFigures[],
  formulaOf: (params: ParamValues) => string,
): TuneResult {
  const best = bestOf(candidates);
  const point = (p: ScoredPoint): PointJson => ({ params: p.params, summary: p.summary });
  return {
    version: TUNE_RESULT_VERSION,
    search,
    ...(shard === null ? {} : { shard }),
    baseline,
    best: best === undefined ? null : { params: best.params, formula: formulaOf(best.params), summary: best.summary },
    front: paretoFront(candidates).map(point),
    evaluated: variants.length,
    variants: [...variants].sort((a, b) => compareParams(a.params, b.params)),
  };
}

export function figuresOf(p: Scored): VariantFigures {
  return { params: p.params, objective: p.objective, delay: p.delay };
}
