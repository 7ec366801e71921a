// Context files end to end: the JSON-with-locations parser, every loader error with its path and
// line/column, defaults and overrides, contextToJson round trips, and the schema kept in step
// with the loader (its examples load, its property names are exactly the accepted keys).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undocumentedProperties } from '../../../test/support/json-schema.ts';
import {
  CONTEXT_FILE_KEYS,
  METRIC_KEYS,
  POOL_KEYS,
  contextToJson,
  formatContextError,
  loadContextFile,
  type ContextError,
} from '../src/context/context-file.ts';
import { registry } from '../src/builtins/registry.ts';
import { suggest } from '../src/text/suggest.ts';
import { jsonPath, parseJsonWithLocations } from '../src/context/json-locations.ts';
import { DEFAULT_AVAILABILITY_DELAY_MS, defaultPoolState, type EvaluationContext } from '../src/runtime/context.ts';

// The one list of metric names is the registry's.
const KNOWN_METRICS = registry.sampledMetricNames();
const options = { knownMetrics: KNOWN_METRICS };
const schema = JSON.parse(readFileSync(new URL('../context.schema.json', import.meta.url), 'utf8'));

const NOW = Date.UTC(2026, 0, 5, 10);
const ISSUE_EXAMPLE = `{
  "now": "2026-01-05T10:00:00Z",
  "availabilityDelay": "60s",
  "seed": 1,
  "pool": { "currentDedicatedNodes": 2, "currentLowPriorityNodes": 0,
            "targetDedicatedNodes": 2, "targetLowPriorityNodes": 0,
            "taskSlotsPerNode": 4, "usableNodeCount": 2 },
  "metrics": {
    "$PendingTasks": { "interval": "30s", "values": "0x20 5+1x39 _x3" },
    "$CPUPercent":   { "samples": [["2026-01-05T09:58:30Z", 41.5], ["2026-01-05T09:59:00Z", 44]] }
  }
}`;

function load(text: string, overrides?: { now?: number; seed?: number }) {
  return loadContextFile(text, { ...options, ...(overrides === undefined ? {} : { overrides }) });
}

function loaded(text: string, overrides?: { now?: number; seed?: number }): EvaluationContext {
  const r = load(text, overrides);
  if (!r.ok) throw new Error(r.errors.map((e) => formatContextError('test.json', e)).join('\n'));
  return r.context;
}

function errorsOf(text: string): ContextError[] {
  const r = load(text);
  expect(r.ok, 'expected the file to be refused').toBe(false);
  return r.ok ? [] : r.errors;
}

describe('parseJsonWithLocations', () => {
  it('records the location of every value and key by path', () => {
    const text = '{\n  "a": [1, {"b.c": true}],\r\n  "$d": null\r  }';
    const r = parseJsonWithLocations(text);
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ a: [1, { 'b.c': true }], $d: null });
    expect(r.locations.get('')).toEqual({ line: 1, column: 1, offset: 0 });
    expect(r.locations.get('a')).toMatchObject({ line: 2, column: 8 });
    expect(r.locations.get('a[0]')).toMatchObject({ line: 2, column: 9 });
    expect(r.locations.get('a[1]["b.c"]')).toMatchObject({ line: 2, column: 20 });
    expect(r.keyLocations.get('a')).toMatchObject({ line: 2, column: 3 });
    expect(r.locations.get('$d')).toMatchObject({ line: 3, column: 9 });
  });

  it('builds paths with dots, indices and quoted odd keys', () => {
    expect(jsonPath('', 'now')).toBe('now');
    expect(jsonPath('metrics', '$PendingTasks')).toBe('metrics.$PendingTasks');
    expect(jsonPath('a.samples', 3)).toBe('a.samples[3]');
    expect(jsonPath('', 'has space')).toBe('["has space"]');
  });

  it('decodes strings and numbers like JSON.parse', () => {
    const text = '{"s": "a\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00", "n": [-0.5e2, 0, 1E+2, 12.25]}';
    expect(parseJsonWithLocations(text).value).toEqual(JSON.parse(text));
  });

  it('keeps "__proto__" as plain data', () => {
    const r = parseJsonWithLocations('{"__proto__": {"x": 1}}');
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('skips a byte-order mark', () => {
    expect(parseJsonWithLocations('\uFEFF{"a": 1}')).toMatchObject({ value: { a: 1 }, errors: [] });
    expect(parseJsonWithLocations('\uFEFF{"a": 1}').locations.get('a')).toMatchObject({ line: 1, column: 7 });
  });

  it.each<[string, string, RegExp, number, number]>([
    ['empty', '', /unexpected end of input/, 1, 1],
    ['trailing comma in object', '{"a": 1,}', /trailing comma/, 1, 9],
    ['trailing comma in array', '[1, 2, ]', /trailing comma/, 1, 8],
    ['missing colon', '{"a" 1}', /expected ":"/, 1, 6],
    ['missing comma', '{"a": 1\n "b": 2}', /expected "," or "}"/, 2, 2],
    ['single quotes', "{'a': 1}", /property name in double quotes/, 1, 2],
    ['single-quoted value', '{"a": \'x\'}', /double quotes/, 1, 7],
    ['unquoted key', '{a: 1}', /property name in double quotes/, 1, 2],
    ['comment', '{\n// hi\n}', /property name/, 2, 1],
    ['leading zero', '[01]', /bad number "01"/, 1, 2],
    ['hex number', '[0x1F]', /bad number/, 1, 2],
    ['NaN', '[NaN]', /unexpected "N"/, 1, 2],
    ['unterminated string', '{"a": "x', /unterminated string/, 1, 9],
    ['line break in string', '{"a": "x\ny"}', /line break inside a string/, 1, 9],
    ['bad escape', '{"a": "\\x"}', /bad escape "\\x"/, 1, 8],
    ['bad unicode escape', '{"a": "\\u12g4"}', /4 hex digits/, 1, 8],
    ['garbage after value', '{} {}', /after the end of the JSON value/, 1, 4],
    ['unclosed object', '{"a": 1', /expected "," or "}".*end of input/, 1, 8],
    ['control character', '"a\u0001"', /control character/, 1, 3],
    ['deep nesting', '['.repeat(100_000), /nesting deeper than 512/, 1, 513],
  ])('reports %s with line and column, without throwing', (_name, text, message, line, column) => {
    const r = parseJsonWithLocations(text);
    expect(r.value).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(message);
    expect(r.errors[0]).toMatchObject({ line, column });
  });

  it('reports every duplicate key and keeps the first value', () => {
    const r = parseJsonWithLocations('{"a": 1, "b": {"c": 1, "c": 2}, "a": [3]}');
    expect(r.value).toEqual({ a: 1, b: { c: 1 } });
    expect(r.errors.map((e) => [e.message, e.path, e.column])).toEqual([
      ['duplicate key "c"', 'b.c', 24],
      ['duplicate key "a"', 'a', 33],
    ]);
    expect(r.locations.get('a')).toMatchObject({ column: 7 });
    expect([...r.locations.keys()].some((k) => k.includes('\u0000'))).toBe(false);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseJsonWithLocations(text);
        if (r.errors.length === 0) expect(r.value).toEqual(JSON.parse(text));
      }),
    );
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = parseJsonWithLocations(text);
        expect(r.errors).toEqual([]);
        expect(r.value).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('loadContextFile accepts', () => {
  it('the issue example', () => {
    const ctx = loaded(ISSUE_EXAMPLE);
    expect(ctx.now).toBe(NOW);
    expect(ctx.availabilityDelay).toBe(60_000);
    expect(ctx.seed).toBe(1);
    expect(ctx.pool).toEqual({
      currentDedicatedNodes: 2,
      currentLowPriorityNodes: 0,
      targetDedicatedNodes: 2,
      targetLowPriorityNodes: 0,
      taskSlotsPerNode: 4,
      usableNodeCount: 2,
    });
    const pending = ctx.metrics.get('$PendingTasks');
    // 65 slots ending at now; the last 4 are missing, so the newest sample is 4 intervals back.
    expect(pending?.times.length).toBe(61);
    expect(pending?.times[0]).toBe(NOW - 64 * 30_000);
    expect(pending?.times[60]).toBe(NOW - 4 * 30_000);
    expect(pending?.values[20]).toBe(0);
    expect(pending?.values[21]).toBe(5);
    expect(pending?.values[60]).toBe(44);
    const cpu = ctx.metrics.get('$CPUPercent');
    expect([...(cpu?.times ?? [])]).toEqual([NOW - 90_000, NOW - 60_000]);
    expect([...(cpu?.values ?? [])]).toEqual([41.5, 44]);
  });

  it('a file with only "now", using every default', () => {
    const ctx = loaded('{"now": "2026-01-05T10:00:00Z"}');
    expect(ctx).toEqual({
      now: NOW,
      availabilityDelay: DEFAULT_AVAILABILITY_DELAY_MS,
      seed: 1,
      pool: defaultPoolState(),
      metrics: new Map(),
    });
  });

  it('a partial pool, defaulting usableNodeCount to the current nodes', () => {
    const ctx = loaded(
      '{"now": "2026-01-05T10:00:00Z", "pool": {"currentDedicatedNodes": 3, "currentLowPriorityNodes": 2}}',
    );
    expect(ctx.pool).toEqual(defaultPoolState({ currentDedicatedNodes: 3, currentLowPriorityNodes: 2 }));
    expect(ctx.pool.usableNodeCount).toBe(5);
  });

  it('values with "start": the first slot sits at start, whatever now is', () => {
    const ctx = loaded(
      '{"now": "2026-01-05T10:00:00Z", "metrics": {"$ActiveTasks": {"start": "2026-01-05T09:00:00Z", "interval": "1m", "values": "1 _ 3"}}}',
    );
    const h = ctx.metrics.get('$ActiveTasks');
    expect([...(h?.times ?? [])]).toEqual([NOW - 3_600_000, NOW - 3_600_000 + 120_000]);
    expect([...(h?.values ?? [])]).toEqual([1, 3]);
  });

  it('values with the default 30 s interval', () => {
    const ctx = loaded('{"now": "2026-01-05T10:00:00Z", "metrics": {"$ActiveTasks": {"values": "1 2"}}}');
    expect([...(ctx.metrics.get('$ActiveTasks')?.times ?? [])]).toEqual([NOW - 30_000, NOW]);
  });

  it('unsorted samples, sorting them', () => {
    const ctx = loaded(`{"now": "2026-01-05T10:00:00Z", "metrics": {"$CPUPercent": {"samples": [
      ["2026-01-05T09:59:30Z", 3], ["2026-01-05T09:58:30Z", 1], ["2026-01-05T09:59:00+00:00", 2]]}}}`);
    const h = ctx.metrics.get('$CPUPercent');
    expect([...(h?.times ?? [])]).toEqual([NOW - 90_000, NOW - 60_000, NOW - 30_000]);
    expect([...(h?.values ?? [])]).toEqual([1, 2, 3]);
  });

  it('empty samples and all-missing values as empty histories', () => {
    const ctx = loaded(
      '{"now": "2026-01-05T10:00:00Z", "metrics": {"$CPUPercent": {"samples": []}, "$PendingTasks": {"values": "_x9"}}}',
    );
    expect(ctx.metrics.get('$CPUPercent')?.times.length).toBe(0);
    expect(ctx.metrics.get('$PendingTasks')?.times.length).toBe(0);
  });

  it('"$schema", availabilityDelay 0 and a negative seed', () => {
    const ctx = loaded(
      '{"$schema": "./context.schema.json", "now": "2026-01-05T10:00:00Z", "availabilityDelay": "0s", "seed": -7}',
    );
    expect(ctx.availabilityDelay).toBe(0);
    expect(ctx.seed).toBe(-7);
  });

  it('overrides of now and seed; values then end at the overriding now', () => {
    const later = NOW + 300_000;
    const ctx = loaded('{"now": "2026-01-05T10:00:00Z", "seed": 5, "metrics": {"$PendingTasks": {"values": "1 2"}}}', {
      now: later,
      seed: 9,
    });
    expect(ctx.now).toBe(later);
    expect(ctx.seed).toBe(9);
    expect(ctx.metrics.get('$PendingTasks')?.times[1]).toBe(later);
  });

  it('a file without "now" when the override gives it', () => {
    expect(loaded('{}', { now: NOW }).now).toBe(NOW);
  });
});

interface Expected {
  path: string;
  message: RegExp;
  line?: number;
  column?: number;
}

/** A one-line file whose "now" is valid, with `rest` appended as further members. */
const withNow = (rest: string) => `{"now": "2026-01-05T10:00:00Z", ${rest}}`;
// Column where `rest` starts in withNow(rest): after `{"now": "2026-01-05T10:00:00Z", `.
const R = 33;

describe('loadContextFile refuses', () => {
  it.each<[string, string, Expected[]]>([
    [
      'bad JSON',
      '{"now": "2026-01-05T10:00:00Z",\n  "seed": 1,\n}',
      [{ path: '', message: /trailing comma/, line: 3, column: 1 }],
    ],
    [
      'a non-object file',
      '[1]',
      [{ path: '', message: /expected the context file as an object, got an array/, line: 1, column: 1 }],
    ],
    [
      'a duplicate key',
      withNow('"seed": 1, "seed": 2'),
      [{ path: 'seed', message: /duplicate key "seed"/, line: 1, column: R + 11 }],
    ],
    ['a missing now', '{"seed": 1}', [{ path: '', message: /missing required "now"/, line: 1, column: 1 }]],
    [
      'now as a number',
      '{"now": 1767607200000}',
      [{ path: 'now', message: /ISO 8601 instant string.*got a number/, line: 1, column: 9 }],
    ],
    [
      'now without a zone',
      '{"now": "2026-01-05T10:00:00"}',
      [{ path: 'now', message: /zone.*required/, line: 1, column: 9 }],
    ],
    [
      'an unknown top-level key',
      withNow('"sed": 1'),
      [{ path: 'sed', message: /unknown key "sed"; did you mean "seed"\?/, line: 1, column: R }],
    ],
    [
      'an unknown key without a near match',
      withNow('"formula": "x"'),
      [{ path: 'formula', message: /unknown key "formula"; expected one of: \$schema, now/ }],
    ],
    ['a $schema that is not a string', withNow('"$schema": 1'), [{ path: '$schema', message: /expected a string/ }]],
    [
      'availabilityDelay as a plain number',
      withNow('"availabilityDelay": 60'),
      [{ path: 'availabilityDelay', message: /plain number is ambiguous/, line: 1, column: R + 21 }],
    ],
    [
      'a bad availabilityDelay',
      withNow('"availabilityDelay": "60"'),
      [{ path: 'availabilityDelay', message: /no unit/ }],
    ],
    [
      'a negative availabilityDelay',
      withNow('"availabilityDelay": "-1s"'),
      [{ path: 'availabilityDelay', message: /negative/ }],
    ],
    ['a fractional seed', withNow('"seed": 1.5'), [{ path: 'seed', message: /expected an integer, got 1.5/ }]],
    ['a string seed', withNow('"seed": "1"'), [{ path: 'seed', message: /expected an integer, got a string/ }]],
    ['pool as an array', withNow('"pool": []'), [{ path: 'pool', message: /pool state as an object, got an array/ }]],
    [
      'an unknown pool key',
      withNow('"pool": {"dedicatedNodes": 1, "taskSlotPerNode": 2}'),
      [
        {
          path: 'pool.dedicatedNodes',
          message: /unknown key "dedicatedNodes"; expected one of: currentDedicatedNodes/,
          column: R + 9,
        },
        { path: 'pool.taskSlotPerNode', message: /did you mean "taskSlotsPerNode"\?/, column: R + 30 },
      ],
    ],
    [
      'bad pool numbers',
      withNow(
        '"pool": {"currentDedicatedNodes": -1, "targetDedicatedNodes": 1.5, "taskSlotsPerNode": 0, "usableNodeCount": null}',
      ),
      [
        { path: 'pool.currentDedicatedNodes', message: /non-negative whole number, got -1/ },
        { path: 'pool.targetDedicatedNodes', message: /non-negative whole number, got 1.5/ },
        { path: 'pool.taskSlotsPerNode', message: /at least 1, got 0/ },
        { path: 'pool.usableNodeCount', message: /got null/ },
      ],
    ],
    [
      'a huge pool number',
      withNow('"pool": {"currentDedicatedNodes": 1e400}'),
      [{ path: 'pool.currentDedicatedNodes', message: /got Infinity/ }],
    ],
    ['metrics as an array', withNow('"metrics": []'), [{ path: 'metrics', message: /object of metric histories/ }]],
    [
      'an unknown metric with a case slip',
      withNow('"metrics": {"$pendingtasks": {"values": "1"}}'),
      [
        {
          path: 'metrics.$pendingtasks',
          message: /unknown metric "\$pendingtasks"; did you mean "\$PendingTasks"\?/,
          line: 1,
          column: R + 12,
        },
      ],
    ],
    [
      'an unknown metric without $',
      withNow('"metrics": {"CPUPercent": {"values": "1"}}'),
      [{ path: 'metrics.CPUPercent', message: /did you mean "\$CPUPercent"\?/ }],
    ],
    [
      'an unknown metric with a transposition',
      withNow('"metrics": {"$CPUPrecent": {"values": "1"}}'),
      [{ path: 'metrics.$CPUPrecent', message: /did you mean "\$CPUPercent"\?/ }],
    ],
    [
      'an unknown metric far from any',
      withNow('"metrics": {"$Foo": {"values": "1"}}'),
      [
        {
          path: 'metrics.$Foo',
          message: /unknown metric "\$Foo"; metrics are the sampled service variables: \$CPUPercent/,
        },
      ],
    ],
    [
      'a formula variable as a metric',
      withNow('"metrics": {"$TargetDedicatedNodes": {"values": "1"}}'),
      [{ path: 'metrics.$TargetDedicatedNodes', message: /unknown metric/ }],
    ],
    [
      'a metric that is not an object',
      withNow('"metrics": {"$CPUPercent": "1 2 3"}'),
      [{ path: 'metrics.$CPUPercent', message: /metric history.*as an object, got a string/ }],
    ],
    [
      'a metric with neither values nor samples',
      withNow('"metrics": {"$CPUPercent": {"interval": "30s"}}'),
      [{ path: 'metrics.$CPUPercent', message: /needs "values".*or "samples"/ }],
    ],
    [
      'a metric with both values and samples',
      withNow('"metrics": {"$CPUPercent": {"values": "1", "samples": []}}'),
      [{ path: 'metrics.$CPUPercent.samples', message: /either "values" or "samples", not both/ }],
    ],
    [
      'an unknown metric key',
      withNow('"metrics": {"$CPUPercent": {"value": "1"}}'),
      [{ path: 'metrics.$CPUPercent.value', message: /did you mean "values"\?/ }],
    ],
    [
      'values as an array',
      withNow('"metrics": {"$CPUPercent": {"values": [1, 2]}}'),
      [{ path: 'metrics.$CPUPercent.values', message: /series notation.*got an array/ }],
    ],
    [
      'bad series items, each located',
      withNow('"metrics": {"$PendingTasks": {"values": "0x20 5+x3 1 zz"}}'),
      [
        { path: 'metrics.$PendingTasks.values', message: /"5\+x3" is not a series item/, line: 1, column: R + 41 + 5 },
        { path: 'metrics.$PendingTasks.values', message: /"zz" is not a series item/, line: 1, column: R + 41 + 12 },
      ],
    ],
    [
      'an oversized series',
      withNow('"metrics": {"$PendingTasks": {"values": "0x5000000"}}'),
      [{ path: 'metrics.$PendingTasks.values', message: /more than 5,000,000/ }],
    ],
    [
      'a bad interval',
      withNow('"metrics": {"$PendingTasks": {"values": "1", "interval": 30}}'),
      [{ path: 'metrics.$PendingTasks.interval', message: /plain number is ambiguous/ }],
    ],
    [
      'a zero interval',
      withNow('"metrics": {"$PendingTasks": {"values": "1", "interval": "0s"}}'),
      [{ path: 'metrics.$PendingTasks.interval', message: /longer than zero/ }],
    ],
    [
      'a bad start',
      withNow('"metrics": {"$PendingTasks": {"values": "1", "start": "09:00"}}'),
      [{ path: 'metrics.$PendingTasks.start', message: /not an ISO 8601 instant/ }],
    ],
    [
      'interval and start with samples',
      withNow('"metrics": {"$CPUPercent": {"samples": [], "interval": "30s", "start": "2026-01-05T09:00:00Z"}}'),
      [
        { path: 'metrics.$CPUPercent.interval', message: /applies only to "values"/ },
        { path: 'metrics.$CPUPercent.start', message: /applies only to "values"/ },
      ],
    ],
    [
      'samples as an object',
      withNow('"metrics": {"$CPUPercent": {"samples": {}}}'),
      [{ path: 'metrics.$CPUPercent.samples', message: /array of \[time, value\] pairs, got an object/ }],
    ],
    [
      'samples that are not pairs',
      withNow('"metrics": {"$CPUPercent": {"samples": [1, ["2026-01-05T09:59:00Z"], ["2026-01-05T09:59:00Z", 1, 2]]}}'),
      [
        { path: 'metrics.$CPUPercent.samples[0]', message: /\[time, value\] pair.*got a number/ },
        { path: 'metrics.$CPUPercent.samples[1]', message: /got an array of 1/ },
        { path: 'metrics.$CPUPercent.samples[2]', message: /got an array of 3/ },
      ],
    ],
    [
      'a sample with a bad time and a bad value',
      withNow(
        '"metrics": {"$CPUPercent": {"samples": [[1767607200000, 1], ["2026-01-05T09:59:00Z", "44"], ["2026-01-05T09:59:00Z", null]]}}',
      ),
      [
        { path: 'metrics.$CPUPercent.samples[0][0]', message: /ISO 8601 instant string/ },
        { path: 'metrics.$CPUPercent.samples[1][1]', message: /expected a number, got a string/ },
        { path: 'metrics.$CPUPercent.samples[2][1]', message: /expected a number, got null/ },
      ],
    ],
    [
      'duplicate sample times',
      withNow(
        '"metrics": {"$CPUPercent": {"samples": [["2026-01-05T09:59:00Z", 1], ["2026-01-05T09:58:00Z", 2], ["2026-01-05T10:59:00+01:00", 3]]}}',
      ),
      [
        {
          path: 'metrics.$CPUPercent.samples[2][0]',
          message: /duplicate sample time 2026-01-05T09:59:00Z \(also at metrics.\$CPUPercent.samples\[0\]\)/,
        },
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(expected.map((e) => e.path));
    expected.forEach((want, i) => {
      const got = errors[i];
      expect(got?.message).toMatch(want.message);
      if (want.line !== undefined) expect(got?.line).toBe(want.line);
      if (want.column !== undefined) expect(got?.column).toBe(want.column);
      // Every error from a parsed file knows where it is.
      expect(got?.line).toBeTypeOf('number');
    });
  });

  it('collects every error in one pass, across sections', () => {
    const errors = errorsOf(`{
  "now": "soon",
  "availabilityDelay": "1 minute",
  "pool": { "taskSlotsPerNode": 0 },
  "metrics": {
    "$PendingTask": { "values": "1 2 x" },
    "$CPUPercent": { "samples": [["2026-01-05T09:59:00Z", 1], ["2026-01-05T09:59:00Z", 2]] }
  },
  "extra": true
}`);
    // Reported in file order, whatever order they were found in.
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ['now', 2],
      ['availabilityDelay', 3],
      ['pool.taskSlotsPerNode', 4],
      ['metrics.$PendingTask', 6],
      ['metrics.$PendingTask.values', 6],
      ['metrics.$CPUPercent.samples[1][0]', 7],
      ['extra', 9],
    ]);
    expect(errors[3]?.message).toMatch(/did you mean "\$PendingTasks"/);
    expect(errors[4]?.column).toBe(38); // the "x" inside the string
  });

  it('caps the samples of all metrics together', () => {
    const half = '"values": "0x2999999"';
    const errors = errorsOf(withNow(`"metrics": {"$CPUPercent": {${half}}, "$PendingTasks": {${half}}}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'metrics', message: expect.stringMatching(/6000000 samples in all/) });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = load(text);
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('suggest', () => {
  it.each<[string, string | undefined]>([
    ['$pendingtasks', '$PendingTasks'],
    ['PendingTasks', '$PendingTasks'],
    ['$PendingTask', '$PendingTasks'],
    ['$CPUPrecent', '$CPUPercent'],
    ['$Foo', undefined],
    ['$TargetDedicatedNodes', undefined],
  ])('%s -> %s', (name, want) => expect(suggest(name, KNOWN_METRICS)).toBe(want));
});

describe('formatContextError', () => {
  it.each<[ContextError, string]>([
    [
      { path: 'metrics.$PendingTasks.values', message: 'bad', line: 3, column: 7 },
      'ctx.json:3:7: metrics.$PendingTasks.values: bad',
    ],
    [{ path: '', message: 'trailing comma', line: 2, column: 1 }, 'ctx.json:2:1: trailing comma'],
    [{ path: 'now', message: 'missing' }, 'ctx.json: now: missing'],
  ])('%j', (e, text) => expect(formatContextError('ctx.json', e)).toBe(text));
});

describe('contextToJson', () => {
  it('writes the issue example in samples form, and it loads back equal', () => {
    const ctx = loaded(ISSUE_EXAMPLE);
    const json = contextToJson(ctx);
    expect(json.now).toBe('2026-01-05T10:00:00Z');
    expect(json.availabilityDelay).toBe('1m');
    expect(json.metrics.$CPUPercent).toEqual({
      samples: [
        ['2026-01-05T09:58:30Z', 41.5],
        ['2026-01-05T09:59:00Z', 44],
      ],
    });
    expect(json.metrics.$PendingTasks?.samples).toHaveLength(61);
    expect(loaded(JSON.stringify(json))).toEqual(ctx);
  });

  it('round-trips arbitrary contexts', () => {
    const time = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) });
    const count = fc.nat({ max: 1000 });
    // JSON writes -0 as 0, so the generated values are normalised the same way (v + 0).
    const value = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
    const history = fc.uniqueArray(fc.tuple(time, value), { selector: (s) => s[0], maxLength: 20 }).map((samples) => {
      const sorted = [...samples].sort((a, b) => a[0] - b[0]);
      return { times: Float64Array.from(sorted, (s) => s[0]), values: Float64Array.from(sorted, (s) => s[1]) };
    });
    const context = fc.record({
      now: time,
      availabilityDelay: fc.nat({ max: 10 * 86_400_000 }),
      seed: fc.integer(),
      pool: fc.record({
        currentDedicatedNodes: count,
        currentLowPriorityNodes: count,
        targetDedicatedNodes: count,
        targetLowPriorityNodes: count,
        taskSlotsPerNode: fc.integer({ min: 1, max: 256 }),
        usableNodeCount: count,
      }),
      metrics: fc.dictionary(fc.constantFrom(...KNOWN_METRICS), history).map((d) => new Map(Object.entries(d))),
    });
    fc.assert(
      fc.property(context, (ctx) => {
        const back = loaded(JSON.stringify(contextToJson(ctx)));
        expect(back).toEqual(ctx);
      }),
    );
  });
});

describe('context.schema.json', () => {
  it('is draft 2020-12 and closed at every level', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.metrics.additionalProperties).toBe(false);
    expect(schema.$defs.pool.additionalProperties).toBe(false);
    expect(schema.$defs.metric.additionalProperties).toBe(false);
  });

  it('has examples, each of which loads', () => {
    expect(schema.examples.length).toBeGreaterThanOrEqual(2);
    for (const example of schema.examples) {
      const r = load(JSON.stringify(example));
      expect(r.ok ? [] : r.errors).toEqual([]);
    }
  });

  it('names exactly the keys the loader accepts', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONTEXT_FILE_KEYS].sort());
    expect(schema.required).toEqual(['now']);
    expect(Object.keys(schema.$defs.pool.properties).sort()).toEqual([...POOL_KEYS].sort());
    expect(Object.keys(schema.$defs.metric.properties).sort()).toEqual([...METRIC_KEYS].sort());
    expect(Object.keys(schema.properties.metrics.properties).sort()).toEqual([...KNOWN_METRICS].sort());
  });

  it('describes every property', () => {
    expect(undocumentedProperties(schema)).toEqual([]);
  });

  it('each key the schema names is accepted by the loader', () => {
    // One file that uses every top-level, pool and metric key (values form and samples form).
    const file = {
      $schema: 'x',
      now: '2026-01-05T10:00:00Z',
      availabilityDelay: '30s',
      seed: 2,
      pool: Object.fromEntries(Object.keys(schema.$defs.pool.properties).map((k) => [k, 1])),
      metrics: {
        $PendingTasks: { values: '1', interval: '30s', start: '2026-01-05T09:00:00Z' },
        $CPUPercent: { samples: [['2026-01-05T09:00:00Z', 1]] },
      },
    };
    expect(load(JSON.stringify(file)).ok).toBe(true);
  });
});
