// The service history importer on files shaped like the real thing (fixtures/service-history/):
// PoolAutoScaleEvent records as a storage account keeps them (JSON Lines of the documented
// envelope), a Log Analytics CSV export, the Log Analytics query API's JSON, `az batch pool show`
// snapshots (a JSON array, a folder of files) with repeats and an error run; merging files,
// deduplication, and every kind of bad input with its file:line, and the bound on a file's size.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRecordingError, readServiceHistory, type ServiceHistory } from '@autoscale/replay';
import { TempFiles, must } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());

const FIXTURES = join(import.meta.dirname, 'fixtures/service-history');
const fixture = (name: string): string => join(FIXTURES, name);
const at = (iso: string): number => Date.parse(iso);
const RES = (n: number): string =>
  `$TargetDedicatedNodes=${n};$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue`;

function read(...paths: string[]): ServiceHistory {
  const r = readServiceHistory(paths);
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  return r.value;
}

/** The errors of reading `paths`, formatted as the command prints them. */
function problems(...paths: string[]): string[] {
  const r = readServiceHistory(paths);
  if (r.ok) throw new Error('expected the read to fail');
  return r.errors.map(formatRecordingError);
}

const envelope = (operationName: string, properties: unknown, time = '2026-01-05T00:02:00.5698778Z') => ({
  Tenant: '65298bc2729a4c93b11c00ad7e660501',
  time,
  resourceId: '/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.BATCH/BATCHACCOUNTS/ACCT/',
  category: 'ServiceLog',
  operationName,
  operationVersion: '2017-06-01',
  properties,
});
const event = (timestamp: string, results: string, extra: Record<string, unknown> = {}) => ({
  id: 'render-farm',
  timestamp,
  formula: '$TargetDedicatedNodes = 3;',
  results,
  error: { code: '', message: '', values: [] },
  ...extra,
});

describe('PoolAutoScaleEvent diagnostic records', () => {
  it('reads JSON Lines as a storage account keeps them: the event in "properties", other events skipped', () => {
    const h = read(fixture('events.jsonl'));
    expect(h.evaluations.map((e) => e.time)).toEqual(
      [
        '2026-01-05T00:02:00.123Z',
        '2026-01-05T00:07:00.456Z',
        '2026-01-05T00:12:00.789Z',
        // 7 fractional digits, truncated to the millisecond.
        '2026-01-05T00:17:00.012Z',
        '2026-01-05T00:22:00.345Z',
        '2026-01-05T00:27:00.678Z',
        '2026-01-05T00:45:00.000Z',
      ].map(at),
    );
    expect(h.evaluations[0]).toEqual({
      time: at('2026-01-05T00:02:00.123Z'),
      results: RES(3),
      // The documented success: code "" in an error object.
      error: null,
      formula: '$TargetDedicatedNodes=max($PendingTasks.GetSample(1));',
      poolId: 'render-farm',
    });
    expect(h.evaluations[3]?.results).toBe(RES(6));
    expect(h.otherEvents).toBe(1); // the PoolResizeStartEvent, whose body has enableAutoScale like a pool's
    expect(h.withoutRun).toBe(0);
    expect(h.records).toBe(7);
    expect(h.files).toEqual([fixture('events.jsonl')]);
  });

  it("takes the error's detail from its values, as the service's own Message value", () => {
    const error = {
      code: 'InsufficientSampleData',
      message: 'Autoscale evaluation failed due to insufficient sample data',
      values: [
        {
          name: 'Message',
          value: 'Line 15, Col 44: Insufficient data from data set: $RunningTasks wanted 70%, received 50%',
        },
      ],
    };
    const path = files.write(
      'error.jsonl',
      `${JSON.stringify(envelope('PoolAutoScaleEvent', event('2020-09-21T18:59:56.204Z', RES(2), { error })))}\n`,
    );
    expect(must(read(path).evaluations[0]).error).toEqual({
      code: 'InsufficientSampleData',
      message: 'Line 15, Col 44: Insufficient data from data set: $RunningTasks wanted 70%, received 50%',
    });
  });

  it('reads a JSON array of records, the pre-2018 {"records": [...]} blob, bare events and JSON text in "properties"', () => {
    const records = [
      envelope('PoolAutoScaleEvent', event('2026-01-05T00:02:00Z', RES(3))),
      envelope('PoolAutoScaleEvent', JSON.stringify(event('2026-01-05T00:07:00Z', RES(4)))),
    ];
    const times = [at('2026-01-05T00:02:00Z'), at('2026-01-05T00:07:00Z')];
    expect(read(files.write('array.json', JSON.stringify(records, null, 2))).evaluations.map((e) => e.time)).toEqual(
      times,
    );
    expect(read(files.write('old.json', JSON.stringify({ records }))).evaluations.map((e) => e.results)).toEqual([
      RES(3),
      RES(4),
    ]);
    // The event body exactly as the "Pool autoscale event" reference prints it.
    const bare = files.write('bare.json', JSON.stringify(event('2020-09-21T23:41:36.750Z', RES(10)), null, 4));
    expect(read(bare).evaluations).toEqual([
      {
        time: at('2020-09-21T23:41:36.750Z'),
        results: RES(10),
        error: null,
        formula: '$TargetDedicatedNodes = 3;',
        poolId: 'render-farm',
      },
    ]);
  });

  it('accepts PascalCase spellings of the fields, which no public schema pins down', () => {
    const path = files.write(
      'pascal.jsonl',
      `${JSON.stringify({ Time: '2026-01-05T00:02:00Z', OperationName: 'PoolAutoScaleEvent', Properties: {}, Id: 'p', Timestamp: '2026-01-05T00:01:59Z', Results: RES(1), Error: { Code: 'X', Message: 'boom' } })}\n`,
    );
    expect(read(path).evaluations).toEqual([
      { time: at('2026-01-05T00:01:59Z'), results: RES(1), error: { code: 'X', message: 'boom' }, poolId: 'p' },
    ]);
  });
});

describe('Log Analytics exports', () => {
  it('reads the CSV export: "[UTC]" headers, type-suffixed columns, a formula over two lines, zone-less UTC', () => {
    const h = read(fixture('log-analytics.csv'));
    expect(h.evaluations.map((e) => e.time)).toEqual(
      [
        '2026-01-05T00:02:00.123Z',
        '2026-01-05T00:07:00.456Z', // written "2026-01-05 00:07:00.456": Azure's logs are UTC
        '2026-01-05T00:12:00.789Z',
        '2026-01-05T00:17:00.012Z',
        '2026-01-05T00:22:00.345Z',
      ].map(at),
    );
    expect(h.evaluations[3]).toEqual({
      time: at('2026-01-05T00:17:00.012Z'),
      results: RES(6),
      error: null,
      formula: '// latest, as the target\n$TargetDedicatedNodes = max($PendingTasks.GetSample(1));',
      poolId: 'render-farm',
    });
    expect(h.otherEvents).toBe(1);
  });

  it('reads the query API\'s JSON {"tables": [{"columns", "rows"}]}, with the error in flattened columns', () => {
    const doc = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'OperationName', type: 'string' },
            { name: 'id_s', type: 'string' },
            { name: 'results_s', type: 'string' },
            { name: 'error_code_s', type: 'string' },
            { name: 'error_message_s', type: 'string' },
          ],
          rows: [
            ['2026-01-05T00:05:00.5Z', 'PoolAutoScaleEvent', 'p', RES(2), 'InsufficientSampleData', 'not enough'],
            ['2026-01-05T00:10:00Z', 'PoolAutoScaleEvent', 'p', RES(4), '', ''],
            ['2026-01-05T00:10:01Z', 'PoolResizeStartEvent', 'p', null, null, null],
          ],
        },
      ],
    };
    const h = read(files.write('query.json', JSON.stringify(doc)));
    // Without the event's timestamp column, the record's TimeGenerated is the instant.
    expect(h.evaluations).toEqual([
      {
        time: at('2026-01-05T00:05:00.500Z'),
        results: RES(2),
        error: { code: 'InsufficientSampleData', message: 'not enough' },
        poolId: 'p',
      },
      { time: at('2026-01-05T00:10:00Z'), results: RES(4), error: null, poolId: 'p' },
    ]);
    expect(h.otherEvents).toBe(1);
  });
});

describe('az batch pool show snapshots', () => {
  it('reads a JSON array of pools: repeated runs once, the error run with its detail, pools without a run skipped', () => {
    const h = read(fixture('pool-show.json'));
    expect(h.records).toBe(6);
    expect(h.duplicates).toBe(2);
    expect(h.withoutRun).toBe(1);
    expect(h.evaluations.map((e) => [e.time, e.results])).toEqual([
      // az prints 6 fractional digits and +00:00; the REST API 7 digits and Z.
      [at('2026-01-05T00:02:00.123Z'), RES(2)],
      [at('2026-01-05T00:10:00.200Z'), RES(3)],
      [at('2026-01-05T00:20:00.300Z'), RES(5)],
      [at('2026-01-05T00:25:00.400Z'), RES(7)],
    ]);
    expect(h.evaluations[0]?.error).toEqual({
      code: 'InsufficientSampleData',
      message: 'Line 2, Col 53: Insufficient data from data set: $PendingTasks wanted 70%, received 40%',
    });
    expect(h.evaluations[0]?.formula).toBe(readFileSync(fixture('window.autoscale'), 'utf8'));
    expect(h.evaluations[0]?.poolId).toBe('render-farm');
  });

  it('reads a folder of *.json snapshots (one pool each) and JSON Lines of pools', () => {
    const dir = join(files.dir, 'snapshots');
    mkdirSync(dir);
    const pools = JSON.parse(readFileSync(fixture('pool-show.json'), 'utf8')) as unknown[];
    for (const [i, p] of pools.entries())
      files.write(`snapshots/pool-${String(i).padStart(2, '0')}.json`, JSON.stringify(p, null, 2));
    files.write('snapshots/notes.txt', 'not read: only *.json files are');
    const h = read(dir);
    expect(h.evaluations).toHaveLength(4);
    expect(h.duplicates).toBe(2);
    expect(h.files).toHaveLength(7);
    const lines = files.write('pools.jsonl', `${pools.map((p) => JSON.stringify(p)).join('\n')}\n`);
    expect(read(lines).evaluations).toEqual(h.evaluations);
  });

  it("reads a management-plane pool's run (evaluationTime, the formula under scaleSettings)", () => {
    const arm = {
      id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct/pools/render-farm',
      name: 'render-farm',
      type: 'Microsoft.Batch/batchAccounts/pools',
      properties: {
        scaleSettings: { autoScale: { formula: '$TargetDedicatedNodes = 1;', evaluationInterval: 'PT5M' } },
        autoScaleRun: { evaluationTime: '2026-01-05T00:05:00.1234567Z', results: RES(1) },
      },
    };
    expect(read(files.write('arm.json', JSON.stringify(arm))).evaluations).toEqual([
      {
        time: at('2026-01-05T00:05:00.123Z'),
        results: RES(1),
        error: null,
        formula: '$TargetDedicatedNodes = 1;',
        poolId: 'render-farm',
      },
    ]);
  });
});

describe('several files', () => {
  it('merges them in time order and reads an evaluation found in both once', () => {
    const h = read(fixture('log-analytics.csv'), fixture('events.jsonl'));
    expect(h.evaluations).toHaveLength(7);
    expect(h.records).toBe(12);
    expect(h.duplicates).toBe(5);
    // The first file's copy is kept, formula included.
    expect(h.evaluations[0]?.formula).toContain('// latest, as the target');
    expect(h.evaluations.map((e) => e.time)).toEqual([...h.evaluations.map((e) => e.time)].sort((a, b) => a - b));
  });

  it('refuses two different evaluations of one pool at one instant, naming both places', () => {
    const one = files.write(
      'one.jsonl',
      `${JSON.stringify(envelope('PoolAutoScaleEvent', event('2026-01-05T00:02:00Z', RES(3))))}\n`,
    );
    const two = files.write(
      'two.jsonl',
      `\n${JSON.stringify(envelope('PoolAutoScaleEvent', event('2026-01-05T00:02:00Z', RES(4))))}\n`,
    );
    expect(problems(one, two)).toEqual([
      `${two}:2: pool "render-farm" has two different evaluations at 2026-01-05T00:02:00Z: "${RES(4)}" here, "${RES(3)}" at ${one}:1`,
    ]);
  });
});

describe('bad input', () => {
  const line = (value: unknown): string => JSON.stringify(value);

  it('a .json file that is not JSON', () => {
    expect(problems(files.write('notes.json', 'hello, world\n'))).toEqual([
      `${files.dir}/notes.json: not JSON: expected diagnostic records or pools as JSON Lines, a JSON array or one document`,
    ]);
  });

  it('a JSON Lines line that is not JSON, and a broken document, with line and column', () => {
    const path = files.write(
      'broken.jsonl',
      `${line(envelope('PoolAutoScaleEvent', event('2026-01-05T00:02:00Z', RES(3))))}\n{"time": \n`,
    );
    expect(must(problems(path)[0])).toMatch(new RegExp(`^${path}:2: not valid JSON: `));
    const doc = files.write('broken.json', '[\n  {"id": "p",\n   "timestamp": }\n]\n');
    expect(must(problems(doc)[0])).toMatch(new RegExp(`^${doc}:3:\\d+: not valid JSON: `));
  });

  it('an event without a timestamp, or with one that is not an instant', () => {
    const path = files.write(
      'no-time.jsonl',
      [
        line({ operationName: 'PoolAutoScaleEvent', properties: { id: 'p', results: RES(1) } }),
        line(envelope('PoolAutoScaleEvent', event('yesterday', RES(1)))),
      ].join('\n'),
    );
    expect(problems(path)).toEqual([
      `${path}:1: no timestamp: a PoolAutoScaleEvent has "timestamp" (or its record "time" / "TimeGenerated")`,
      `${path}:2: timestamp "yesterday" is not an ISO 8601 instant`,
    ]);
  });

  it('a record of an unknown shape, an event without results, and a snapshot whose run has no timestamp', () => {
    const path = files.write(
      'shapes.json',
      `[\n${[
        line({ name: 'week', value: 3 }),
        line(envelope('PoolAutoScaleEvent', { id: 'p', timestamp: '2026-01-05T00:00:00Z', formula: 'x' })),
        line({ id: 'p', enableAutoScale: true, autoScaleRun: { results: RES(1) } }),
        '42',
      ].join(',\n')}\n]\n`,
    );
    expect(problems(path)).toEqual([
      `${path}:2: not a PoolAutoScaleEvent record, a Log Analytics row of one, or a pool from \`az batch pool show\` (its keys: name, value)`,
      `${path}:3: no "results": a PoolAutoScaleEvent has them`,
      `${path}:4: autoScaleRun has no timestamp`,
      `${path}:5: expected a JSON object (a diagnostic record or a pool), got 42`,
    ]);
  });

  it('a query result whose rows do not fit its columns, and a bad record inside {"records": [...]}', () => {
    const tables = files.write(
      'bad-tables.json',
      JSON.stringify({
        tables: [{ columns: [{ name: 'TimeGenerated' }, { name: 'results_s' }], rows: [['2026-01-05T00:00:00Z']] }],
      }),
    );
    expect(problems(tables)).toEqual([`${tables}:1: tables[0].rows[0]: expected an array of 2 values, one per column`]);
    const records = files.write(
      'bad-records.json',
      JSON.stringify({ records: [envelope('PoolAutoScaleEvent', { id: 'p', timestamp: '2026-01-05T00:00:00Z' })] }),
    );
    expect(problems(records)).toEqual([`${records}:1: records[0]: no "results": a PoolAutoScaleEvent has them`]);
  });

  it('CSV: no results column, a quote never closed, a row with too few cells', () => {
    const noResults = files.write(
      'no-results.csv',
      'TimeGenerated [UTC],OperationName\n2026-01-05T00:00:00Z,PoolAutoScaleEvent\n',
    );
    expect(must(problems(noResults)[0])).toMatch(
      new RegExp(`^${noResults}:1: no results column \\(got TimeGenerated, OperationName\\)`),
    );
    const unclosed = files.write('unclosed.csv', `timestamp_t,results_s\n2026-01-05T00:00:00Z,"${RES(1)}\n\n`);
    expect(problems(unclosed)).toEqual([`${unclosed}:2: a quoted cell is never closed (a \`"\` is missing)`]);
    const short = files.write('short.csv', `timestamp_t,results_s,error_code_s\n2026-01-05T00:00:00Z,"${RES(1)}"\n`);
    expect(problems(short)).toEqual([`${short}:2: expected 3 cells (one per column of the header), got 2`]);
  });

  it('an empty file, a missing file, a folder without *.json, and files with no evaluation at all', () => {
    const empty = files.write('empty.jsonl', '\n\n');
    expect(problems(empty)).toEqual([`${empty}: the file is empty`]);
    expect(problems(join(files.dir, 'missing.json'))).toEqual([
      `${files.dir}/missing.json: cannot read: no such file or directory`,
    ]);
    const dir = join(files.dir, 'nothing');
    mkdirSync(dir);
    expect(problems(dir)).toEqual([`${dir}: no *.json files in this directory`]);
    const others = files.write('others.jsonl', `${line(envelope('TaskCompleteEvent', { id: 't' }))}\n`);
    expect(problems(others)).toEqual([
      `${others}: no PoolAutoScaleEvent records and no pool with an autoScaleRun (only 1 record of other events)`,
    ]);
  });

  it('a file over its bound is refused before it is read, saying how to raise the bound', () => {
    const saved = process.env.AUTOSCALE_MAX_SERVICE_HISTORY_BYTES;
    process.env.AUTOSCALE_MAX_SERVICE_HISTORY_BYTES = '1000';
    try {
      expect(problems(fixture('events.jsonl'))).toEqual([
        `${fixture('events.jsonl')}: cannot read: larger than the 1,000 bytes a service history file may have; set AUTOSCALE_MAX_SERVICE_HISTORY_BYTES (in bytes) to raise the bound`,
      ]);
    } finally {
      if (saved === undefined) delete process.env.AUTOSCALE_MAX_SERVICE_HISTORY_BYTES;
      else process.env.AUTOSCALE_MAX_SERVICE_HISTORY_BYTES = saved;
    }
    expect(read(fixture('events.jsonl')).evaluations).toHaveLength(7);
  });
});
