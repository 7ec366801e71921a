// Pool metadata of a recording: what a replay needs besides the metrics (task slots per node,
// starting targets, evaluation interval, allocation latency, quotas). One table, META_FIELDS,
// drives validation, the `# key: value` header lines, the side file and the JSON Schema, so the
// documented defaults and the checks cannot drift apart.

import { formatDuration, parseDuration } from '@autoscale/core';
import { suggest } from '@autoscale/core';
import { MAX_EVALUATION_INTERVAL_MS, MIN_EVALUATION_INTERVAL_MS } from '../replay/schedule.ts';

/** Metadata as given (every field optional); the replay resolves the defaults (see MODEL.md). */
export interface RecordingMeta {
  poolId?: string;
  taskSlotsPerNode?: number;
  initialTargetDedicatedNodes?: number;
  initialTargetLowPriorityNodes?: number;
  evaluationInterval?: number;
  allocationLatency?: number;
  maxDedicatedNodes?: number;
  maxLowPriorityNodes?: number;
}

export type MetaKey = keyof RecordingMeta;

interface MetaField {
  key: MetaKey;
  type: 'string' | 'integer' | 'duration';
  min?: number;
  max?: number;
  description: string;
}

/** Batch allows at most 256 task slots per node. */
export const MAX_TASK_SLOTS_PER_NODE = 256;

export const META_FIELDS: readonly MetaField[] = [
  {
    key: 'poolId',
    type: 'string',
    description: 'Name of the recorded pool, shown in reports. Default: the file name.',
  },
  {
    key: 'taskSlotsPerNode',
    type: 'integer',
    min: 1,
    max: MAX_TASK_SLOTS_PER_NODE,
    description: 'Task slots per node ($TaskSlotsPerNode). Default 1.',
  },
  {
    key: 'initialTargetDedicatedNodes',
    type: 'integer',
    min: 0,
    description:
      "The pool's $TargetDedicatedNodes before the first evaluation. Default: the first recorded $CurrentDedicatedNodes at the replay's start, else 0.",
  },
  {
    key: 'initialTargetLowPriorityNodes',
    type: 'integer',
    min: 0,
    description:
      "The pool's $TargetLowPriorityNodes before the first evaluation. Default: the first recorded $CurrentLowPriorityNodes at the replay's start, else 0.",
  },
  {
    key: 'evaluationInterval',
    type: 'duration',
    min: MIN_EVALUATION_INTERVAL_MS,
    max: MAX_EVALUATION_INTERVAL_MS,
    description:
      'Autoscale evaluation interval, 5m to 168h as the service enforces (an interval given to the replay wins). Default 15m.',
  },
  {
    key: 'allocationLatency',
    type: 'duration',
    min: 0,
    description:
      'Time from a target increase to the new nodes counting in the pool (a latency given to the replay wins). Default 4m.',
  },
  {
    key: 'maxDedicatedNodes',
    type: 'integer',
    min: 0,
    description: 'Quota: the most dedicated nodes the pool can get. Default: no limit.',
  },
  {
    key: 'maxLowPriorityNodes',
    type: 'integer',
    min: 0,
    description: 'Quota: the most low-priority nodes the pool can get. Default: no limit.',
  },
];

const FIELD_BY_KEY = new Map(META_FIELDS.map((f) => [f.key as string, f]));

export function isMetaKey(key: string): boolean {
  return FIELD_BY_KEY.has(key);
}

export interface MetaProblem {
  key: string;
  message: string;
}

/** Checks one value (JSON from a side file or a JSONL meta line, or header text) and stores it. */
export function setMetaField(
  meta: RecordingMeta,
  key: string,
  value: unknown,
  fromText: boolean,
): MetaProblem | undefined {
  const field = FIELD_BY_KEY.get(key);
  if (field === undefined) {
    const close = suggest(
      key,
      META_FIELDS.map((f) => f.key),
    );
    return {
      key,
      message: `unknown metadata key "${key}"${close ? `; did you mean "${close}"?` : `; keys are ${META_FIELDS.map((f) => f.key).join(', ')}`}`,
    };
  }
  const v =
    fromText && field.type === 'integer' && typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value.trim())
      ? Number(value.trim())
      : value;
  switch (field.type) {
    case 'string':
      if (typeof v !== 'string' || v.trim() === '') return { key, message: `${key} must be a non-empty string` };
      meta.poolId = v.trim();
      return undefined;
    case 'integer': {
      const range =
        field.max === undefined
          ? `a whole number >= ${field.min ?? 0}`
          : `a whole number from ${field.min ?? 0} to ${field.max}`;
      if (
        typeof v !== 'number' ||
        !Number.isSafeInteger(v) ||
        v < (field.min ?? 0) ||
        (field.max !== undefined && v > field.max)
      ) {
        return { key, message: `${key} must be ${range}, got ${describe(value)}` };
      }
      (meta as Record<string, number>)[key] = v;
      return undefined;
    }
    case 'duration': {
      if (typeof v !== 'string')
        return { key, message: `${key} must be a duration string like "15m", got ${describe(value)}` };
      const d = parseDuration(v.trim());
      if (!d.ok) return { key, message: `${key}: ${d.reason}` };
      if (d.ms < (field.min ?? 0) || (field.max !== undefined && d.ms > field.max)) {
        return {
          key,
          message: `${key} must be between ${formatDuration(field.min ?? 0)} and ${formatDuration(field.max ?? Number.MAX_SAFE_INTEGER)}, got ${v.trim()}`,
        };
      }
      (meta as Record<string, number>)[key] = d.ms;
      return undefined;
    }
    default: {
      const never: never = field.type;
      throw new Error(`unknown metadata type ${String(never)}`);
    }
  }
}

/** Validates a whole metadata object (side file or JSONL `meta` line). */
export function readMetaObject(value: unknown): { meta: RecordingMeta; problems: MetaProblem[] } {
  const meta: RecordingMeta = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { meta, problems: [{ key: '', message: `metadata must be a JSON object, got ${describe(value)}` }] };
  const problems: MetaProblem[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema') continue;
    const p = setMetaField(meta, key, v, false);
    if (p) problems.push(p);
  }
  return { meta, problems };
}

/** `# key: value` before a CSV header: metadata when `key` is one identifier, otherwise a comment. */
export function parseMetaLine(text: string): { key: string; value: string } | undefined {
  const m = /^#\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*$/.exec(text);
  return m === null ? undefined : { key: m[1] as string, value: m[2] as string };
}

/** Merges a side file's metadata into a header's; a key set in both places is a problem. */
export function mergeMeta(header: RecordingMeta, side: RecordingMeta): { meta: RecordingMeta; clashes: string[] } {
  const clashes = Object.keys(side).filter((k) => Object.hasOwn(header, k));
  return { meta: { ...header, ...side }, clashes };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}
