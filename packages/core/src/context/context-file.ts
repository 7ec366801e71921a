// Evaluation context files: validates the JSON (see packages/core/context.schema.json) into an
// EvaluationContext, reporting every mistake with its JSON path and line/column, and writes a
// context back out (samples form) so contexts round-trip. Never throws on user input.

import { suggest } from '../text/suggest.ts';
import {
  DEFAULT_AVAILABILITY_DELAY_MS,
  SAMPLE_PERIOD_MS,
  defaultPoolState,
  type EvaluationContext,
  type MetricHistory,
  type PoolState,
} from '../runtime/context.ts';
import { formatDuration, formatInstant, parseDuration, parseInstant } from './duration.ts';
import {
  jsonPath,
  parseJson,
  parseJsonWithLocations,
  type JsonLocation,
  type JsonObject,
  type JsonValue,
} from './json-locations.ts';
import { MAX_SERIES_SAMPLES, parseSeries, seriesToHistory } from './series-notation.ts';

export interface ContextError {
  /** JSON path of the offending value, e.g. `metrics.$PendingTasks.values`; empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

export interface LoadContextOptions {
  /** The sampled service variables a file may give histories for (from the built-in registry). */
  knownMetrics: readonly string[];
  /** Values that win over the file's (e.g. from command-line flags); with `now` here the file may omit it. */
  overrides?: { now?: number; seed?: number };
}

export type LoadContextResult = { ok: true; context: EvaluationContext } | { ok: false; errors: ContextError[] };

/** The file format as written by contextToJson. */
export interface ContextFileJson {
  now: string;
  availabilityDelay: string;
  seed: number;
  pool: PoolState;
  metrics: Record<string, { samples: Array<[string, number]> }>;
}

/** Keys accepted at the top level. `$schema` is allowed (and ignored) so editors can find the schema. */
export const CONTEXT_FILE_KEYS = ['$schema', 'now', 'availabilityDelay', 'seed', 'pool', 'metrics'] as const;
export const POOL_KEYS = [
  'currentDedicatedNodes',
  'currentLowPriorityNodes',
  'targetDedicatedNodes',
  'targetLowPriorityNodes',
  'taskSlotsPerNode',
  'usableNodeCount',
] as const satisfies ReadonlyArray<keyof PoolState>;
export const METRIC_KEYS = ['values', 'interval', 'start', 'samples'] as const;
/** Spacing of `values` samples when no `interval` is given: the service's sample period. */
export const DEFAULT_SERIES_INTERVAL_MS = SAMPLE_PERIOD_MS;

/** Collects errors, attaching line/column from the parsed file's location maps. */
class Reporter {
  readonly errors: ContextError[] = [];
  readonly locations: Map<string, JsonLocation>;
  readonly keyLocations: Map<string, JsonLocation>;

  constructor(locations: Map<string, JsonLocation>, keyLocations: Map<string, JsonLocation>) {
    this.locations = locations;
    this.keyLocations = keyLocations;
  }

  /** Reports at the value of `path` (or at `at` when given, e.g. a key or a spot inside a string). */
  error(path: string, message: string, at?: JsonLocation): void {
    const loc = at ?? this.locations.get(path);
    this.errors.push(loc === undefined ? { path, message } : { path, message, line: loc.line, column: loc.column });
  }

  /** Reports at the key of member `path`, for problems with the name rather than the value. */
  keyError(path: string, message: string): void {
    this.error(path, message, this.keyLocations.get(path) ?? this.locations.get(path));
  }
}

/** Parses and validates a context file. Every problem is reported, not only the first. */
export function loadContextFile(text: string, options: LoadContextOptions): LoadContextResult {
  // Most files have no mistake: parse and read them without recording where every value sits,
  // which would cost many times the file's size for long sample lists. Only a file with a mistake
  // is parsed again with locations (the same validation then finds the same problems), so that
  // each one is reported at its line and column.
  const plain = parseJson(text);
  if (plain.value !== undefined && plain.errors.length === 0) {
    const unlocated = new Reporter(new Map(), new Map());
    const context = readContext(plain.value, options, unlocated);
    if (unlocated.errors.length === 0 && context !== undefined) return { ok: true, context };
  }
  // A text parseJson refused was parsed with locations already.
  const parsed = plain.locations.size > 0 || plain.errors.length > 0 ? plain : parseJsonWithLocations(text);
  const report = new Reporter(parsed.locations, parsed.keyLocations);
  for (const e of parsed.errors) report.error(e.path ?? '', e.message, e);
  if (parsed.value === undefined) return { ok: false, errors: report.errors };
  const context = readContext(parsed.value, options, report);
  if (report.errors.length > 0 || context === undefined) return { ok: false, errors: inFileOrder(report.errors) };
  return { ok: true, context };
}

/** Sorts errors as they appear in the file (a stable sort; errors without a location go last). */
function inFileOrder(errors: ContextError[]): ContextError[] {
  const key = (e: ContextError): [number, number] => [e.line ?? Number.POSITIVE_INFINITY, e.column ?? 0];
  return errors.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}

function readContext(root: JsonValue, options: LoadContextOptions, report: Reporter): EvaluationContext | undefined {
  const obj = expectObject(root, '', 'the context file', report);
  if (obj === undefined) return undefined;
  checkKeys(obj, '', CONTEXT_FILE_KEYS, report);
  if (obj.$schema !== undefined && typeof obj.$schema !== 'string')
    report.error('$schema', `expected a string (the schema's URI), got ${typeName(obj.$schema)}`);
  const fileNow = readNow(obj, options, report);
  const now = options.overrides?.now ?? fileNow;
  const availabilityDelay =
    obj.availabilityDelay === undefined
      ? DEFAULT_AVAILABILITY_DELAY_MS
      : readDuration(obj.availabilityDelay, 'availabilityDelay', report);
  const fileSeed =
    obj.seed === undefined ? 1 : readInteger(obj.seed, 'seed', Number.MIN_SAFE_INTEGER, 'an integer', report);
  const pool = obj.pool === undefined ? defaultPoolState() : readPool(obj.pool, report);
  const metrics =
    obj.metrics === undefined
      ? new Map<string, MetricHistory>()
      : readMetrics(obj.metrics, now, options.knownMetrics, report);
  if (
    now === undefined ||
    availabilityDelay === undefined ||
    fileSeed === undefined ||
    pool === undefined ||
    metrics === undefined
  )
    return undefined;
  return { now, availabilityDelay, seed: options.overrides?.seed ?? fileSeed, pool, metrics };
}

function readNow(obj: JsonObject, options: LoadContextOptions, report: Reporter): number | undefined {
  if (obj.now === undefined) {
    if (options.overrides?.now === undefined)
      report.error('', 'missing required "now" (the evaluation instant, e.g. "2026-01-05T10:00:00Z")');
    return undefined;
  }
  return readInstant(obj.now, 'now', report);
}

function readPool(value: JsonValue, report: Reporter): PoolState | undefined {
  const obj = expectObject(value, 'pool', 'the pool state', report);
  if (obj === undefined) return undefined;
  checkKeys(obj, 'pool', POOL_KEYS, report);
  const pool: Partial<PoolState> = {};
  let ok = true;
  for (const key of POOL_KEYS) {
    const field = obj[key];
    if (field === undefined) continue;
    // A node needs at least one task slot; every other field counts nodes and may be zero.
    const n =
      key === 'taskSlotsPerNode'
        ? readInteger(field, `pool.${key}`, 1, 'a whole number of at least 1', report)
        : readInteger(field, `pool.${key}`, 0, 'a non-negative whole number', report);
    if (n === undefined) ok = false;
    else pool[key] = n;
  }
  return ok ? defaultPoolState(pool) : undefined;
}

function readMetrics(
  value: JsonValue,
  now: number | undefined,
  knownMetrics: readonly string[],
  report: Reporter,
): Map<string, MetricHistory> | undefined {
  const obj = expectObject(value, 'metrics', 'an object of metric histories by name', report);
  if (obj === undefined) return undefined;
  const metrics = new Map<string, MetricHistory>();
  let ok = true;
  let total = 0;
  for (const [name, spec] of Object.entries(obj)) {
    const path = jsonPath('metrics', name);
    if (!knownMetrics.includes(name)) {
      report.keyError(path, unknownMetricMessage(name, knownMetrics));
      ok = false;
    }
    // Read even an unknown metric's body, so its own mistakes are reported in the same run.
    const history = readMetric(spec, path, now, report);
    if (history === undefined) ok = false;
    else {
      metrics.set(name, history);
      total += history.times.length;
    }
  }
  if (total > MAX_SERIES_SAMPLES) {
    report.error(
      'metrics',
      `the metrics hold ${total} samples in all, more than the limit of ${MAX_SERIES_SAMPLES.toLocaleString('en-US')}`,
    );
    ok = false;
  }
  return ok ? metrics : undefined;
}

function unknownMetricMessage(name: string, knownMetrics: readonly string[]): string {
  const suggestion = suggest(name, knownMetrics);
  if (suggestion !== undefined) return `unknown metric "${name}"; did you mean "${suggestion}"?`;
  return `unknown metric "${name}"; metrics are the sampled service variables: ${knownMetrics.join(' ')}`;
}

/** One metric: either `values` (series notation, with optional `interval` and `start`) or `samples`. */
function readMetric(
  value: JsonValue,
  path: string,
  now: number | undefined,
  report: Reporter,
): MetricHistory | undefined {
  const obj = expectObject(value, path, 'a metric history ({ "values": ... } or { "samples": ... })', report);
  if (obj === undefined) return undefined;
  const unknownKeys = checkKeys(obj, path, METRIC_KEYS, report);
  if (obj.values !== undefined && obj.samples !== undefined) {
    report.keyError(jsonPath(path, 'samples'), 'give either "values" or "samples", not both');
    return undefined;
  }
  if (obj.samples !== undefined) {
    let ok = true;
    for (const key of ['interval', 'start'] as const) {
      if (obj[key] !== undefined) {
        report.keyError(jsonPath(path, key), `"${key}" applies only to "values"; "samples" carry their own times`);
        ok = false;
      }
    }
    const history = readSamples(obj.samples, jsonPath(path, 'samples'), report);
    return ok ? history : undefined;
  }
  if (obj.values === undefined) {
    // An unknown key here is most likely the misspelt "values" or "samples": one error is enough.
    if (unknownKeys === 0)
      report.error(path, 'a metric needs "values" (series notation) or "samples" ([time, value] pairs)');
    return undefined;
  }
  return readValues(obj, path, now, report);
}

function readValues(
  obj: JsonObject,
  path: string,
  now: number | undefined,
  report: Reporter,
): MetricHistory | undefined {
  const interval =
    obj.interval === undefined
      ? DEFAULT_SERIES_INTERVAL_MS
      : readDuration(obj.interval, jsonPath(path, 'interval'), report);
  if (interval === 0) {
    report.error(jsonPath(path, 'interval'), 'the interval must be longer than zero');
    return undefined;
  }
  const start = obj.start === undefined ? undefined : readInstant(obj.start, jsonPath(path, 'start'), report);
  const values = readSeries(obj.values, jsonPath(path, 'values'), report);
  if (values === undefined || interval === undefined || (obj.start !== undefined && start === undefined))
    return undefined;
  // Without `start` the last slot sits at `now`; if `now` is invalid that is already reported.
  if (start !== undefined) return seriesToHistory(values, { start, intervalMs: interval });
  if (now === undefined) return undefined;
  return seriesToHistory(values, { end: now, intervalMs: interval });
}

function readSeries(value: JsonValue | undefined, path: string, report: Reporter): Array<number | null> | undefined {
  if (typeof value !== 'string') {
    report.error(path, `expected a string in series notation (e.g. "0x20 5+1x39 _x3"), got ${typeName(value)}`);
    return undefined;
  }
  const result = parseSeries(value);
  if (result.ok) return result.values;
  const loc = report.locations.get(path);
  for (const e of result.errors) {
    // Best effort: exact unless escapes precede the item in the JSON string (+1 for the quote).
    const at =
      loc === undefined
        ? undefined
        : { line: loc.line, column: loc.column + 1 + e.offset, offset: loc.offset + 1 + e.offset };
    report.error(path, e.message, at);
  }
  return undefined;
}

/**
 * `samples`: [ISO time, number] pairs in any order; they are sorted, and a repeated time is an
 * error. Read straight into the history's arrays, with no object per sample and a sample's path
 * built only to report it: a file may hold hundreds of thousands of them.
 */
function readSamples(value: JsonValue, path: string, report: Reporter): MetricHistory | undefined {
  if (!Array.isArray(value)) {
    report.error(path, `expected an array of [time, value] pairs, got ${typeName(value)}`);
    return undefined;
  }
  const times = new Float64Array(value.length);
  const values = new Float64Array(value.length);
  let ok = true;
  let inOrder = true;
  for (let i = 0; i < value.length; i++) {
    if (!readSample(value[i] ?? null, path, i, report, times, values)) ok = false;
    else if (i > 0 && (times[i] as number) < (times[i - 1] as number)) inOrder = false;
  }
  if (!ok) return undefined;
  // Where each sorted sample came from (its index in the file), for a duplicate's message.
  const order = inOrder
    ? undefined
    : Array.from(times.keys()).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const history =
    order === undefined
      ? { times, values }
      : {
          times: Float64Array.from(order, (i) => times[i] as number),
          values: Float64Array.from(order, (i) => values[i] as number),
        };
  for (let i = 1; i < history.times.length; i++) {
    if (history.times[i] !== history.times[i - 1]) continue;
    const at = order?.[i] ?? i;
    const previous = order?.[i - 1] ?? i - 1;
    report.error(
      jsonPath(jsonPath(path, at), 0),
      `duplicate sample time ${formatInstant(history.times[i] as number)} (also at ${jsonPath(path, previous)})`,
    );
    ok = false;
  }
  return ok ? history : undefined;
}

/**
 * Reads `samples[index]` into times[index] and values[index]; reports and returns false when it is not a [time, value]
 * pair.
 */
function readSample(
  pair: JsonValue,
  path: string,
  index: number,
  report: Reporter,
  times: Float64Array,
  values: Float64Array,
): boolean {
  if (!Array.isArray(pair) || pair.length !== 2) {
    const got = Array.isArray(pair) ? `an array of ${pair.length}` : typeName(pair);
    report.error(jsonPath(path, index), `expected a [time, value] pair like ["2026-01-05T09:59:00Z", 44], got ${got}`);
    return false;
  }
  const time = readInstant(pair[0] ?? null, () => jsonPath(jsonPath(path, index), 0), report);
  const v = pair[1] ?? null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    report.error(
      jsonPath(jsonPath(path, index), 1),
      typeof v === 'number' ? 'the value is too large' : `expected a number, got ${typeName(v)}`,
    );
    return false;
  }
  if (time === undefined) return false;
  times[index] = time;
  values[index] = v;
  return true;
}

// ---- Field readers: each reports its own error and returns undefined on failure. ----

function expectObject(value: JsonValue, path: string, what: string, report: Reporter): JsonObject | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  report.error(path, `expected ${what} as an object, got ${typeName(value)}`);
  return undefined;
}

/** `path` may be given as a function: a sample's path is built only when there is something to report. */
function readInstant(value: JsonValue, path: string | (() => string), report: Reporter): number | undefined {
  const where = (): string => (typeof path === 'string' ? path : path());
  if (typeof value !== 'string') {
    report.error(where(), `expected an ISO 8601 instant string like "2026-01-05T10:00:00Z", got ${typeName(value)}`);
    return undefined;
  }
  const r = parseInstant(value);
  if (r.ok) return r.ms;
  report.error(where(), r.reason);
  return undefined;
}

function readDuration(value: JsonValue, path: string, report: Reporter): number | undefined {
  if (typeof value !== 'string') {
    const hint = typeof value === 'number' ? ' (a plain number is ambiguous; write e.g. "30s")' : '';
    report.error(path, `expected a duration string like "30s", got ${typeName(value)}${hint}`);
    return undefined;
  }
  const r = parseDuration(value);
  if (r.ok) return r.ms;
  report.error(path, r.reason);
  return undefined;
}

function readInteger(value: JsonValue, path: string, min: number, what: string, report: Reporter): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  report.error(path, `expected ${what}, got ${typeof value === 'number' ? String(value) : typeName(value)}`);
  return undefined;
}

/** Reports each key of `obj` that is not in `allowed`; returns how many there were. */
function checkKeys(obj: JsonObject, path: string, allowed: readonly string[], report: Reporter): number {
  let unknown = 0;
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    unknown++;
    const suggestion = suggest(key, allowed);
    const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : `expected one of: ${allowed.join(', ')}`;
    report.keyError(jsonPath(path, key), `unknown key "${key}"; ${hint}`);
  }
  return unknown;
}

function typeName(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `file:line:col: path: message`; the line/column and the path are left out when unknown or empty. */
export function formatContextError(file: string, e: ContextError): string {
  const where = e.line === undefined ? file : `${file}:${e.line}:${e.column ?? 1}`;
  return e.path === '' ? `${where}: ${e.message}` : `${where}: ${e.path}: ${e.message}`;
}

/**
 * Writes a context as a context-file object (every field explicit, histories as samples) that
 * loadContextFile reads back to an equal context. Times must be whole milliseconds and values
 * finite, as they are in any context loadContextFile produced.
 */
export function contextToJson(ctx: EvaluationContext): ContextFileJson {
  const metrics: ContextFileJson['metrics'] = {};
  for (const [name, history] of ctx.metrics) {
    const samples: Array<[string, number]> = [];
    for (const [i, t] of history.times.entries()) samples.push([formatInstant(t), history.values[i] ?? Number.NaN]);
    Object.defineProperty(metrics, name, { value: { samples }, enumerable: true, writable: true, configurable: true });
  }
  return {
    now: formatInstant(ctx.now),
    availabilityDelay: formatDuration(ctx.availabilityDelay),
    seed: ctx.seed,
    pool: { ...ctx.pool },
    metrics,
  };
}
