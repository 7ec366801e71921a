// The evaluation context model: everything an evaluation depends on besides the formula. One
// model for `autoscale eval`, formula unit tests, the replay and the playground. Times are
// milliseconds since the Unix epoch (UTC); durations are milliseconds.

/** One metric's history as columnar arrays, sorted by time (oldest first); gaps are simply absent. */
export interface MetricHistory {
  /** Sample timestamps, ascending. */
  times: Float64Array;
  /** Sample values, parallel to `times`. */
  values: Float64Array;
}

export interface PoolState {
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  /** The pool's current targets: the initial values of the target variables. */
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  taskSlotsPerNode: number;
  usableNodeCount: number;
}

export interface EvaluationContext {
  /** The evaluation instant (what `time()` returns). */
  now: number;
  /** A sample at time t is visible to an evaluation at `now` only if t + availabilityDelay <= now. */
  availabilityDelay: number;
  /** Seed of `rand()`; the same seed gives the same sequence. */
  seed: number;
  pool: PoolState;
  /** Histories by service variable name (full names, e.g. "$PendingTasks"); absent means empty. */
  metrics: ReadonlyMap<string, MetricHistory>;
}

/**
 * Default availability delay. The one recorded evaluation of a window (a real pool, 15-minute
 * window) reported 29 of 30 samples (96.6667%), which a 30 s delay reproduces; see docs/semantics.md §7.2.
 */
export const DEFAULT_AVAILABILITY_DELAY_MS = 30_000;
/** Samples are taken every 30 seconds. */
export const SAMPLE_PERIOD_MS = 30_000;

export const EMPTY_HISTORY: MetricHistory = { times: new Float64Array(0), values: new Float64Array(0) };

export function defaultPoolState(overrides: Partial<PoolState> = {}): PoolState {
  const pool: PoolState = {
    currentDedicatedNodes: 0,
    currentLowPriorityNodes: 0,
    targetDedicatedNodes: 0,
    targetLowPriorityNodes: 0,
    taskSlotsPerNode: 1,
    usableNodeCount: Number.NaN,
    ...overrides,
  };
  // Usable nodes default to every current node (the service does not document the variable; docs/semantics.md §4.6).
  if (Number.isNaN(pool.usableNodeCount))
    pool.usableNodeCount = pool.currentDedicatedNodes + pool.currentLowPriorityNodes;
  return pool;
}

export function makeContext(
  init: Partial<Omit<EvaluationContext, 'pool'>> & { now: number; pool?: Partial<PoolState> },
): EvaluationContext {
  return {
    now: init.now,
    availabilityDelay: init.availabilityDelay ?? DEFAULT_AVAILABILITY_DELAY_MS,
    seed: init.seed ?? 1,
    pool: defaultPoolState(init.pool),
    metrics: init.metrics ?? new Map(),
  };
}

/** Builds a history from (time, value) pairs in any order; later duplicates of a time win. */
export function historyFromSamples(samples: ReadonlyArray<readonly [number, number]>): MetricHistory {
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  const times: number[] = [];
  const values: number[] = [];
  for (const [t, v] of sorted) {
    if (times.length > 0 && times[times.length - 1] === t) {
      values[values.length - 1] = v;
    } else {
      times.push(t);
      values.push(v);
    }
  }
  return { times: Float64Array.from(times), values: Float64Array.from(values) };
}
