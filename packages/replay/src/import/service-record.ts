// One record of a service history, whatever its shape, read as a ServiceEvaluation: a
// PoolAutoScaleEvent diagnostic record (the storage account's envelope with the event in
// `properties`, or the bare event), a Log Analytics row (AzureDiagnostics flattens the event into
// columns such as `results_s`), or a pool object from `az batch pool show` (core's readPoolRun
// reads its autoScaleRun). IMPORTERS.md documents the fields and which spellings are guesses.

import { parseInstant, readPoolRun } from '@autoscale/core';
import { isPlainObject } from '../recording/jsonl.ts';
import type { ServiceEvaluation } from './service-history-model.ts';

export type RecordOutcome =
  | { kind: 'evaluation'; evaluation: ServiceEvaluation }
  /** A diagnostic record of another event (PoolResizeStartEvent, TaskCompleteEvent, ...). */
  | { kind: 'other' }
  /** A pool snapshot without an autoScaleRun. */
  | { kind: 'no-run' }
  | { kind: 'error'; message: string };

const AUTOSCALE_EVENT = 'poolautoscaleevent';
/** Keys only a pool object has (data plane or management plane, at the top or under `properties`). */
const POOL_KEYS = ['autoScaleRun', 'enableAutoScale', 'autoScaleFormula', 'allocationState', 'vmSize'];

/**
 * A key as compared here: without case (the Log Analytics column names are not documented, so
 * camelCase and PascalCase are both accepted), without Log Analytics' type suffix (`_s` string,
 * `_d` number, `_t` datetime, `_b` boolean, `_g` guid) and without a `properties_` prefix, with
 * `.` read as `_` (`error.code`, `error_code_s` and `error_code` are one field).
 */
export function fieldKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/\./g, '_')
    .replace(/^properties_/, '')
    .replace(/_[sdtbg]$/, '');
}

/** An object's fields by fieldKey; an empty value never hides a filled one of the same key. */
function fields(value: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) {
    const k = fieldKey(key);
    const had = out.get(k);
    if (!out.has(k) || had === null || had === '') out.set(k, v);
  }
  return out;
}

/**
 * An instant as the service and Azure Monitor write it: ISO 8601 with up to 7 fractional digits
 * (truncated to the millisecond, as core's readPoolRun does). Without a zone it is UTC: Azure's
 * logs are ("All times are in UTC", Batch diagnostics documentation).
 */
export function serviceInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.trim().replace(/(\.\d{3})\d+/, '$1');
  if (!/(?:[Zz]|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  const r = parseInstant(text);
  return r.ok ? r.ms : undefined;
}

export function readServiceRecord(value: unknown): RecordOutcome {
  if (!isPlainObject(value))
    return { kind: 'error', message: `expected a JSON object (a diagnostic record or a pool), got ${describe(value)}` };
  const top = fields(value);
  const operation = top.get('operationname');
  // A diagnostic record's event may have pool keys too (PoolResizeStartEvent's enableAutoScale).
  if (operation === undefined && isPool(value)) return readPool(value);
  let body = top;
  const properties = value.properties;
  if (operation !== undefined && properties !== undefined) {
    // The storage account's envelope; some exports hold `properties` as JSON text.
    const parsed = typeof properties === 'string' ? parseObject(properties) : properties;
    if (!isPlainObject(parsed))
      return { kind: 'error', message: `"properties" must hold the event as an object, got ${describe(properties)}` };
    body = fields(parsed);
  }
  if (operation !== undefined) {
    if (typeof operation !== 'string') return { kind: 'error', message: `"operationName" must be a string` };
    if (operation.toLowerCase() !== AUTOSCALE_EVENT) return { kind: 'other' };
  } else if (!body.has('results') && !body.has('formula')) {
    return {
      kind: 'error',
      message: `not a PoolAutoScaleEvent record, a Log Analytics row of one, or a pool from \`az batch pool show\` (its keys: ${Object.keys(value).slice(0, 8).join(', ') || 'none'})`,
    };
  }
  return readEvent(body, top);
}

function readEvent(body: Map<string, unknown>, top: Map<string, unknown>): RecordOutcome {
  // The event's own timestamp is when the service evaluated; the record's time is when it was logged.
  const stamp = [body.get('timestamp'), top.get('time'), top.get('timegenerated')].find(filled);
  if (stamp === undefined)
    return {
      kind: 'error',
      message: 'no timestamp: a PoolAutoScaleEvent has "timestamp" (or its record "time" / "TimeGenerated")',
    };
  const time = serviceInstant(stamp);
  if (time === undefined)
    return { kind: 'error', message: `timestamp ${JSON.stringify(stamp)} is not an ISO 8601 instant` };
  const results = body.get('results');
  if (results !== null && results !== undefined && typeof results !== 'string')
    return { kind: 'error', message: `"results" must be a string, got ${describe(results)}` };
  if (results === undefined) return { kind: 'error', message: 'no "results": a PoolAutoScaleEvent has them' };
  const error = readError(body);
  if (typeof error === 'string') return { kind: 'error', message: error };
  const evaluation: ServiceEvaluation = { time, results: results ?? '', error };
  const formula = body.get('formula');
  if (typeof formula === 'string' && formula !== '') evaluation.formula = formula;
  const pool = body.get('id') ?? body.get('poolid');
  if (typeof pool === 'string' && pool !== '') evaluation.poolId = pool;
  return { kind: 'evaluation', evaluation };
}

/**
 * The event's error: an object `{code, message, values}` (code "" on success, as the documented
 * sample shows), or its flattened columns (`error_code`, `error_message`, `error_values`).
 */
function readError(body: Map<string, unknown>): ServiceEvaluation['error'] | string {
  let raw = body.get('error');
  if (typeof raw === 'string' && raw.trim().startsWith('{')) raw = parseObject(raw);
  const parts = isPlainObject(raw)
    ? fields(raw)
    : new Map<string, unknown>([
        ['code', body.get('error_code')],
        ['message', body.get('error_message')],
        ['values', body.get('error_values')],
      ]);
  const code = parts.get('code');
  if (code === undefined || code === null || code === '') return null;
  if (typeof code !== 'string') return `the error's code must be a string, got ${describe(code)}`;
  const message = parts.get('message');
  return { code, message: errorDetail(parts.get('values')) ?? (typeof message === 'string' ? message : '') };
}

/** The values' texts joined as core's serviceErrorDetail joins them ("Line 1, Col 24: ..."), or undefined. */
function errorDetail(values: unknown): string | undefined {
  const list = typeof values === 'string' && values.trim().startsWith('[') ? parseJson(values) : values;
  if (!Array.isArray(list)) return undefined;
  const texts = list.flatMap((v) => {
    const value = isPlainObject(v) ? fields(v).get('value') : undefined;
    return typeof value === 'string' ? [value] : [];
  });
  return texts.length > 0 ? texts.join('; ') : undefined;
}

function isPool(value: Record<string, unknown>): boolean {
  const props = isPlainObject(value.properties) ? value.properties : undefined;
  return POOL_KEYS.some((k) => k in value || (props !== undefined && k in props));
}

/**
 * A pool from `az batch pool show` (data plane: `autoScaleRun { timestamp, results, error }`), read
 * by core's readPoolRun; a management-plane pool's run says `evaluationTime` instead.
 */
function readPool(pool: Record<string, unknown>): RecordOutcome {
  const run = readPoolRun(JSON.stringify(pool))?.recorded;
  if (run === undefined) return { kind: 'no-run' };
  const props = isPlainObject(pool.properties) ? pool.properties : undefined;
  const rawRun = (pool.autoScaleRun ?? props?.autoScaleRun) as Record<string, unknown>;
  const time = run.evaluatedAt ?? serviceInstant(rawRun.evaluationTime);
  if (time === undefined) {
    const stamp = rawRun.timestamp ?? rawRun.evaluationTime;
    return {
      kind: 'error',
      message:
        stamp === undefined
          ? 'autoScaleRun has no timestamp'
          : `autoScaleRun.timestamp ${JSON.stringify(stamp)} is not an ISO 8601 instant`,
    };
  }
  const rawError = isPlainObject(rawRun.error) ? rawRun.error : undefined;
  const error =
    run.error === null || run.error.code === ''
      ? null
      : { code: run.error.code, message: errorDetail(rawError?.values ?? rawError?.details) ?? run.error.message };
  const evaluation: ServiceEvaluation = { time, results: run.results, error };
  const formula = pool.autoScaleFormula ?? props?.autoScaleFormula ?? armFormula(props);
  if (typeof formula === 'string' && formula !== '') evaluation.formula = formula;
  // A management-plane pool's `id` is its resource id; its `name` is the pool's id.
  const id = props !== undefined && typeof pool.name === 'string' ? pool.name : pool.id;
  if (typeof id === 'string' && id !== '') evaluation.poolId = id;
  return { kind: 'evaluation', evaluation };
}

function armFormula(props: Record<string, unknown> | undefined): unknown {
  const scale = props?.scaleSettings;
  const auto = isPlainObject(scale) ? scale.autoScale : undefined;
  return isPlainObject(auto) ? auto.formula : undefined;
}

function filled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseObject(text: string): unknown {
  const v = parseJson(text);
  return isPlainObject(v) ? v : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}
