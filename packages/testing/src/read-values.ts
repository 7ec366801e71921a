// Readers for the values inside a test file: instants (with the file's optional utcOffset),
// durations, pool state, series and expectations. Each reports its own mistakes at the YAML node
// and returns undefined on failure. Notation, durations and instants are parsed by core.

import { isScalar, isSeq, Scalar, type Node } from 'yaml';
import {
  DIAGNOSTIC_CODES,
  parseDuration,
  parseInstant,
  parseSeries,
  POOL_KEYS,
  registry,
  RESULT_VARIABLES,
  SERVICE_ERROR_MESSAGES,
  suggest,
  type PoolState,
} from '@autoscale/core';
import {
  EXPECT_ERROR_KEYS,
  SERIES_KEYS,
  type ExpectedError,
  type ExpectedValue,
  type Expectation,
  type FormulaUnderTest,
} from './model.ts';
import { describeNode, type YamlSource } from './yaml-reader.ts';

/**
 * An instant. With a `utcOffset` in force, a local time written without a zone
 * (`2026-01-05T09:00:00`) is read at that offset; an instant naming its own zone is unaffected.
 */
export function readInstant(
  src: YamlSource,
  node: Node | null,
  path: string,
  utcOffset: string | undefined,
): number | undefined {
  const text = src.text(node, path, 'an ISO 8601 instant like 2026-01-05T10:00:00Z');
  if (text === undefined) return undefined;
  const r = parseInstant(text);
  if (r.ok) return r.ms;
  if (utcOffset !== undefined) {
    const local = parseInstant(`${text}${utcOffset}`);
    if (local.ok) return local.ms;
    // A local time that is wrong in itself (no such date): that, not the missing zone the offset supplies.
    if (r.reason.includes('zone')) {
      src.error(node, path, local.reason.replace(`"${text}${utcOffset}"`, `"${text}"`));
      return undefined;
    }
  }
  const hint =
    utcOffset === undefined && r.reason.includes('zone')
      ? ', or set "utcOffset" to read zone-less times in a local offset'
      : '';
  src.error(node, path, `${r.reason}${hint}`);
  return undefined;
}

/** A duration (`30s`, `15m`, `PT1M`); `positive` refuses zero. */
export function readDuration(src: YamlSource, node: Node | null, path: string, positive: boolean): number | undefined {
  const text = src.text(node, path, 'a duration like "30s"');
  if (text === undefined) return undefined;
  const r = parseDuration(text);
  if (!r.ok) {
    src.error(node, path, r.reason);
    return undefined;
  }
  if (positive && r.ms === 0) {
    src.error(node, path, 'must be longer than zero');
    return undefined;
  }
  return r.ms;
}

/** `utcOffset`: "Z" or "+HH:MM" / "-HH:MM", validated by reading an instant with it. */
export function readUtcOffset(src: YamlSource, node: Node | null, path: string): string | undefined {
  const text = src.text(node, path, 'a zone offset like "+01:00", "-05:00" or "Z"');
  if (text === undefined) return undefined;
  if (/^(?:Z|[+-]\d{2}:\d{2})$/.test(text) && parseInstant(`2026-01-05T00:00:00${text}`).ok) return text;
  src.error(
    node,
    path,
    `"${text}" is not a zone offset; write "+HH:MM", "-HH:MM" or "Z" (a fixed offset: daylight saving time is not applied)`,
  );
  return undefined;
}

export function readSeed(src: YamlSource, node: Node | null, path: string): number | undefined {
  return src.integer(node, path, Number.MIN_SAFE_INTEGER, 'an integer (the seed of rand())');
}

/** Pool fields, as in an evaluation context file (core's POOL_KEYS). */
export function readPool(src: YamlSource, node: Node | null, path: string): Partial<PoolState> | undefined {
  const members = src.members(node, path, 'the pool state');
  if (members === undefined) return undefined;
  const pool: Partial<PoolState> = {};
  let ok = true;
  for (const m of src.known(members, POOL_KEYS)) {
    const key = m.key as (typeof POOL_KEYS)[number];
    // A node needs at least one task slot; every other field counts nodes and may be zero.
    const n =
      key === 'taskSlotsPerNode'
        ? src.integer(m.value, m.path, 1, 'a whole number of at least 1')
        : src.integer(m.value, m.path, 0, 'a non-negative whole number');
    if (n === undefined) ok = false;
    else pool[key] = n;
  }
  return ok && members.every((m) => (POOL_KEYS as readonly string[]).includes(m.key)) ? pool : undefined;
}

/** One metric's series before it is placed in time (placement needs the test's instants). */
export interface SeriesSpec {
  values: Array<number | null>;
  /** Explicit `interval` of this series; else the test's or the file's. */
  interval: number | undefined;
  /** Explicit instant of the first sample, or of the last one. */
  start: number | undefined;
  end: number | undefined;
}

/** `series`: metric name to a notation string, or to `{ values, interval, start | end }`. */
export function readSeriesMap(
  src: YamlSource,
  node: Node | null,
  path: string,
  utcOffset: string | undefined,
): Map<string, SeriesSpec> | undefined {
  // `series:` with nothing after it, like `series: {}`, gives no metric any samples.
  if (isScalar(node) && node.value === null) return new Map();
  const members = src.members(node, path, 'a map of metric name to series');
  if (members === undefined) return undefined;
  const known = registry.sampledMetricNames();
  const out = new Map<string, SeriesSpec>();
  let ok = true;
  for (const m of members) {
    if (!known.includes(m.key)) {
      const near = suggest(m.key, known);
      src.error(
        m.keyNode,
        m.path,
        near !== undefined
          ? `unknown metric "${m.key}"; did you mean "${near}"?`
          : `unknown metric "${m.key}"; series are for the sampled service variables: ${known.join(' ')}`,
      );
      ok = false;
      continue;
    }
    const spec = readSeries(src, m.value, m.path, utcOffset);
    if (spec === undefined) ok = false;
    else out.set(m.key, spec);
  }
  return ok ? out : undefined;
}

function readSeries(
  src: YamlSource,
  node: Node | null,
  path: string,
  utcOffset: string | undefined,
): SeriesSpec | undefined {
  if (isScalar(node)) {
    const values = readNotation(src, node, path);
    return values === undefined ? undefined : { values, interval: undefined, start: undefined, end: undefined };
  }
  const members = src.members(
    node,
    path,
    'a series: a notation string like "0x20 5+1x39", or { values, interval, start | end }',
  );
  if (members === undefined) return undefined;
  const known = src.known(members, SERIES_KEYS);
  const get = (key: string) => known.find((m) => m.key === key);
  const valuesMember = get('values');
  if (valuesMember === undefined) {
    if (known.length === members.length) src.error(node, path, 'a series object needs "values" (series notation)');
    return undefined;
  }
  const startMember = get('start');
  const endMember = get('end');
  if (startMember !== undefined && endMember !== undefined) {
    src.error(
      endMember.keyNode,
      endMember.path,
      'give either "start" (time of the first sample) or "end" (time of the last), not both',
    );
    return undefined;
  }
  const intervalMember = get('interval');
  const values = readNotation(src, valuesMember.value, valuesMember.path);
  const interval =
    intervalMember === undefined ? undefined : readDuration(src, intervalMember.value, intervalMember.path, true);
  const start =
    startMember === undefined ? undefined : readInstant(src, startMember.value, startMember.path, utcOffset);
  const end = endMember === undefined ? undefined : readInstant(src, endMember.value, endMember.path, utcOffset);
  const failed =
    values === undefined ||
    (intervalMember !== undefined && interval === undefined) ||
    (startMember !== undefined && start === undefined) ||
    (endMember !== undefined && end === undefined);
  if (failed || known.length !== members.length) return undefined;
  return { values, interval, start, end };
}

/** Series notation, parsed by core; each bad item is reported at its own column where it can be found. */
function readNotation(src: YamlSource, node: Node | null, path: string): Array<number | null> | undefined {
  const text = src.text(node, path, 'a series in notation like "0x20 5+1x39 _x3"');
  if (text === undefined) return undefined;
  const r = parseSeries(text);
  if (r.ok) return r.values;
  const start = node?.range?.[0];
  // Exact for plain and (escape-free) quoted one-line scalars; other forms point at the node.
  const shift =
    isScalar(node) && node.type === Scalar.PLAIN
      ? 0
      : isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
        ? 1
        : undefined;
  for (const e of r.errors) {
    if (start !== undefined && shift !== undefined && !text.includes('\n'))
      src.errorAt(start + shift + e.offset, path, e.message);
    else src.error(node, path, e.message);
  }
  return undefined;
}

/** `expect`: variable name to expected value, each variable one the formula assigns. */
export function readExpect(
  src: YamlSource,
  node: Node | null,
  path: string,
  formula: FormulaUnderTest | undefined,
): Expectation[] | undefined {
  const members = src.members(node, path, 'a map of variable name to expected value');
  if (members === undefined) return undefined;
  const out: Expectation[] = [];
  let ok = true;
  for (const m of members) {
    const name = expectedName(src, m.keyNode, m.key, m.path, formula);
    const value = readExpectedValue(src, m.value, m.path);
    const location = src.location(m.keyNode);
    if (name === undefined || value === undefined || location === undefined) ok = false;
    else out.push({ written: m.key, name, value, location });
  }
  return ok ? out : undefined;
}

/** The results name of an expected variable, or undefined (reported) when the formula never assigns it. */
function expectedName(
  src: YamlSource,
  keyNode: Node,
  written: string,
  path: string,
  formula: FormulaUnderTest | undefined,
): string | undefined {
  const service = registry.variable(written);
  if (service !== undefined && !(RESULT_VARIABLES as readonly string[]).includes(service.name)) {
    src.error(
      keyNode,
      path,
      `${written} is a service variable the formula only reads; expect the formula's outputs (${RESULT_VARIABLES.join(', ')}) or its own variables`,
    );
    return undefined;
  }
  const name = service?.name ?? written;
  // Without a usable formula (already reported) the name cannot be checked, only the value.
  if (formula === undefined || formula.assigned.has(name)) return name;
  const near = suggest(written, formula.assigned);
  const assigned = [...formula.assigned].join(', ') || 'nothing';
  src.error(
    keyNode,
    path,
    `the formula never assigns ${written}${near !== undefined ? `; did you mean ${near}?` : ''} (it assigns: ${assigned})`,
  );
  return undefined;
}

function readExpectedValue(src: YamlSource, node: Node | null, path: string): ExpectedValue | undefined {
  if (isSeq(node)) {
    const values: number[] = [];
    for (const item of src.items(node, path, 'a vector') ?? []) {
      if (isScalar(item.node) && typeof item.node.value === 'number' && Number.isFinite(item.node.value))
        values.push(item.node.value);
      else {
        src.error(item.node, item.path, `vector elements must be finite numbers, got ${describeNode(item.node)}`);
        return undefined;
      }
    }
    return { kind: 'vector', values };
  }
  if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value))
    return { kind: 'number', value: node.value };
  if (isScalar(node) && typeof node.value === 'string') return { kind: 'text', value: node.value };
  const hint =
    isScalar(node) && typeof node.value === 'boolean'
      ? ' (the formula language has no booleans: conditions are 1 or 0)'
      : '';
  src.error(
    node,
    path,
    `expected a number, a text (e.g. taskcompletion) or a list of numbers, got ${describeNode(node)}${hint}`,
  );
  return undefined;
}

/** Error codes an `expect_error.code` may name: the service's codes and core's runtime diagnostic codes. */
export function knownErrorCodes(): string[] {
  const runtime = Object.entries(DIAGNOSTIC_CODES)
    .filter(([, info]) => info.layer === 'runtime')
    .map(([code]) => code);
  return [...Object.keys(SERVICE_ERROR_MESSAGES), ...runtime];
}

/** `expect_error`: a `code` and/or a `message` substring. */
export function readExpectError(src: YamlSource, node: Node | null, path: string): ExpectedError | undefined {
  const members = src.members(node, path, 'the expected error ({ code, message })');
  if (members === undefined) return undefined;
  const known = src.known(members, EXPECT_ERROR_KEYS);
  const location = src.location(node);
  const out: ExpectedError = { location: location ?? { line: 1, column: 1 } };
  let ok = known.length === members.length;
  for (const m of known) {
    const text = src.text(
      m.value,
      m.path,
      m.key === 'code' ? 'an error code like InsufficientSampleData' : 'a part of the error message',
    );
    if (text === undefined) ok = false;
    else if (m.key === 'code') {
      const codes = knownErrorCodes();
      if (codes.includes(text)) out.code = text;
      else {
        const near = suggest(text, codes);
        src.error(
          m.value,
          m.path,
          `unknown error code "${text}"; ${near !== undefined ? `did you mean "${near}"?` : `expected one of: ${codes.join(', ')}`}`,
        );
        ok = false;
      }
    } else out.message = text;
  }
  if (ok && members.length === 0) {
    src.error(node, path, 'say which error: give "code", "message" or both');
    ok = false;
  }
  return ok ? out : undefined;
}
