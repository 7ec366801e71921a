// A tune search in Node: reads the recording, replays the formula as written (the baseline), runs
// the plan (plan.ts) with every variant replayed by the one replay (replay-summaries.ts), on this
// thread or on worker threads, and builds the result (result.ts). Problems come back as printable
// lines; nothing here knows a command line.

import { prepareFormula } from '../replay/formulas.ts';
import type { ReplayFileRequest } from '../replay/replay-file.ts';
import type { FormulaSource } from '../replay/types.ts';
import { keptColumns, loadRecording } from './load.ts';
import { planSize, runSearch, samplerShape, spaceSize, type Shard } from './plan.ts';
import { delayMeasure, score, type Criteria, type Objective, type Scored } from './rank.ts';
import { replaySummaries } from './replay-summaries.ts';
import { buildResult, figuresOf, paramsJson, type ScoredPoint, type SearchJson, type TuneResult } from './result.ts';
import type { TuneSpace } from './space.ts';
import { variantKey, variantParams, variantText, type ParamValues, type Variant } from './variant.ts';
import { LocalReplayer, WorkerReplayer, type Replayer } from './worker-pool.ts';

export interface TuneRequest {
  /** The formula as written; its name is the summaries' `formula`. */
  formula: FormulaSource;
  space: TuneSpace;
  recording: string;
  replay: ReplayFileRequest;
  objective: Objective;
  /** Closed loop only; null for no constraint. */
  maxWaitP95Seconds: number | null;
  budget: number;
  seed: number;
  shard: Shard | null;
  /** Worker threads at most; 1 replays on this thread. */
  jobs: number;
  /**
   * Workers start only for a search expected to take longer than this on one thread (the
   * baseline's replay time x the variants planned): starting them costs about half a second.
   * Default WORKER_THRESHOLD_MS; 0 always starts them (tests).
   */
  workerThresholdMs?: number;
  /** Variants replayed so far of at most `total` (the plan's size; a sampler may stop early). */
  onProgress?: (done: number, total: number) => void;
}

/** A search expected to take less than this on one thread stays on it. */
export const WORKER_THRESHOLD_MS = 2000;

export type TuneOutcome = { ok: true; result: TuneResult } | { ok: false; errors: string[] };

export async function tuneFormula(request: TuneRequest): Promise<TuneOutcome> {
  const { formula, space } = request;
  if (request.budget < 1) return { ok: false, errors: ['the budget must be at least one variant'] };
  if (request.maxWaitP95Seconds !== null && request.replay.mode !== 'closed')
    return { ok: false, errors: ['a constraint on task wait needs the closed loop: the open loop has no task waits'] };
  const keep = keptColumns(prepareFormula(formula));
  const load = await loadRecording(request.recording, request.replay, keep);
  if (!load.ok) return load;
  const started = performance.now();
  const base = replaySummaries(load.loaded, [formula]);
  const baselineMs = performance.now() - started;
  if (!base.ok) return base;
  const settings = base.settings;
  if (request.objective === 'cost' && settings.priceDedicated === null && settings.priceLowPriority === null)
    return { ok: false, errors: ['the cost objective needs a price per node-hour, dedicated or low-priority'] };

  const { axes, parameters } = space;
  const options = { budget: request.budget, seed: request.seed, shard: request.shard };
  const plan = planSize(axes, options);
  const search: SearchJson = {
    formula: { name: formula.name, text: formula.text },
    recording: request.recording,
    settings,
    params: paramsJson(
      axes,
      parameters.map((p) => p.value),
    ),
    objective: request.objective,
    delay: delayMeasure(request.replay.mode),
    maxWaitP95Seconds: request.maxWaitP95Seconds,
    strategy: plan.strategy,
    space: spaceSize(axes),
    budget: request.budget,
    seed: request.seed,
    chains: plan.strategy === 'sampler' ? samplerShape(request.budget).chains : null,
  };
  const criteria: Criteria = {
    objective: request.objective,
    delay: search.delay,
    maxWaitP95Seconds: request.maxWaitP95Seconds,
  };
  const formulaValues: ParamValues = {};
  parameters.forEach((p) => {
    formulaValues[p.name] = p.value;
  });
  const baseline = { params: formulaValues, summary: base.summaries[0] as ScoredPoint['summary'] };

  // Workers pay off only for a long enough search with batches to share; the result is the same either way.
  const long = baselineMs * plan.planned > (request.workerThresholdMs ?? WORKER_THRESHOLD_MS);
  const workers = long ? Math.min(request.jobs, Math.ceil(plan.planned / 4)) : 1;
  const replayer: Replayer =
    workers > 1
      ? new WorkerReplayer({ path: request.recording, request: request.replay, keep }, workers)
      : new LocalReplayer(load.loaded);
  const points = new Map<string, ScoredPoint>();
  // Each replayed variant's axis indexes by its values, for the best variant's text.
  const indexes = new Map<string, Variant>();
  let done = 0;
  request.onProgress?.(0, plan.planned);
  let failure: string[] | undefined;
  try {
    await runSearch(axes, options, async (variants: Variant[]): Promise<Scored[]> => {
      const sources = variants.map((v) => ({
        name: formula.name,
        text: variantText(formula.text, parameters, axes, v),
      }));
      const replayed = await replayer.replay(sources, (n) => {
        done += n;
        request.onProgress?.(done, plan.planned);
      });
      // A replay that read the recording once cannot fail on a variant; this is a worker's failure.
      if (!replayed.ok) {
        failure = replayed.errors;
        throw new Error(replayed.errors.join('\n'));
      }
      return variants.map((v, i) => {
        const summary = replayed.summaries[i] as ScoredPoint['summary'];
        const point: ScoredPoint = { ...score(criteria, variantParams(axes, v), summary), summary };
        points.set(variantKey(v), point);
        indexes.set(Object.values(point.params).join(','), v);
        return point;
      });
    });
  } catch (err) {
    if (failure === undefined) throw err;
    return { ok: false, errors: failure };
  } finally {
    await replayer.close();
  }
  request.onProgress?.(plan.planned, plan.planned);
  const all = [...points.values()];
  const textOf = (params: ParamValues): string =>
    variantText(formula.text, parameters, axes, indexes.get(Object.values(params).join(',')) as Variant);
  return { ok: true, result: buildResult(search, request.shard, baseline, all, all.map(figuresOf), textOf) };
}
