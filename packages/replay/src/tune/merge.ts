// Merges the results of a sharded tune search into the result the unsharded search gives: every
// shard must belong to the same search (equal `search` and baseline), and the shards 1..N must all
// be there once. The best variant and the front of the union are the best and front of the shards'
// bests and fronts (a variant beaten within its shard is beaten in the union), with the same rules
// (rank.ts), so nothing is replayed again. Problems are neutral sentences naming the files. Pure.

import { score, type Criteria, type SummaryJson } from './rank.ts';
import { buildResult, TUNE_RESULT_VERSION, type ScoredPoint, type TuneResult, type VariantFigures } from './result.ts';
import type { ParamValues } from './variant.ts';

export interface ShardFile {
  file: string;
  value: unknown;
}

export type MergeOutcome = { ok: true; result: TuneResult } | { ok: false; errors: string[] };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Enough of a tune result's shape to merge it; the rest is the search's own output. */
function shapeProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'it is not a JSON object';
  if (v.version !== TUNE_RESULT_VERSION) return `it is not a tune result of version ${TUNE_RESULT_VERSION}`;
  for (const key of ['search', 'baseline'] as const) if (!isObject(v[key])) return `it has no "${key}" object`;
  for (const key of ['front', 'variants'] as const) if (!Array.isArray(v[key])) return `it has no "${key}" list`;
  if (v.best !== null && !isObject(v.best)) return 'its "best" is neither an object nor null';
  const shard = v.shard;
  if (shard === undefined) return 'it was not run as a shard (only the shards of one search are merged)';
  if (!isObject(shard) || !Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count))
    return 'its "shard" is not {index, count}';
  return undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function paramsKey(p: ParamValues): string {
  return Object.values(p).join(',');
}

export function mergeShards(files: readonly ShardFile[]): MergeOutcome {
  const errors: string[] = [];
  for (const f of files) {
    const problem = shapeProblem(f.value);
    if (problem !== undefined) errors.push(`${f.file}: not the result of a tune shard: ${problem}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (files.length === 0) return { ok: false, errors: ['no shard results to merge'] };
  const shards = files.map((f) => ({
    file: f.file,
    result: f.value as TuneResult & { shard: { index: number; count: number } },
  }));
  const first = shards[0] as (typeof shards)[number];
  const count = first.result.shard.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const { index, count: n } = s.result.shard;
    if (n !== count) errors.push(`${s.file} is shard ${index} of ${n}, but ${first.file} is one of ${count}`);
    else if (seen.has(index)) errors.push(`${seen.get(index)} and ${s.file} are both shard ${index} of ${count}`);
    else seen.set(index, s.file);
    if (!deepEqual(s.result.search, first.result.search)) {
      const keys = Object.keys(first.result.search).filter(
        (k) =>
          !deepEqual(
            (s.result.search as unknown as Record<string, unknown>)[k],
            (first.result.search as unknown as Record<string, unknown>)[k],
          ),
      );
      errors.push(
        `${s.file} is a shard of another search than ${first.file} (they differ in: ${keys.join(', ') || 'their search'})`,
      );
    } else if (!deepEqual(s.result.baseline, first.result.baseline))
      errors.push(`${s.file} replayed the formula as written differently from ${first.file} (another recording?)`);
  }
  for (let i = 1; i <= count; i++)
    if (!seen.has(i) && errors.length === 0) errors.push(`shard ${i} of ${count} is missing`);
  if (errors.length > 0) return { ok: false, errors };

  const { search } = first.result;
  const criteria: Criteria = {
    objective: search.objective,
    delay: search.delay,
    maxWaitP95Seconds: search.maxWaitP95Seconds,
  };
  const candidates = new Map<string, ScoredPoint>();
  const formulas = new Map<string, string>();
  const variants = new Map<string, VariantFigures>();
  for (const { result } of shards) {
    const add = (params: ParamValues, summary: SummaryJson): void => {
      candidates.set(paramsKey(params), { ...score(criteria, params, summary), summary });
    };
    for (const p of result.front) add(p.params, p.summary);
    if (result.best !== null) {
      add(result.best.params, result.best.summary);
      formulas.set(paramsKey(result.best.params), result.best.formula);
    }
    for (const v of result.variants) variants.set(paramsKey(v.params), v);
  }
  return {
    ok: true,
    result: buildResult(
      search,
      null,
      first.result.baseline,
      [...candidates.values()],
      [...variants.values()],
      (params) => formulas.get(paramsKey(params)) as string,
    ),
  };
}
