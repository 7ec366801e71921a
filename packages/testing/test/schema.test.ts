// test-file.schema.json is user documentation and must not drift from the loader: it names
// exactly the keys the loader accepts at each level, describes every property, lists the metrics
// and error codes the loader knows, and its examples load and pass.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { undocumentedProperties } from '../../../test/support/json-schema.ts';
import { POOL_KEYS, registry } from '@autoscale/core';
import {
  DEFAULTS_KEYS,
  EXPECT_ERROR_KEYS,
  knownErrorCodes,
  parseTestFile,
  runTestFile,
  SERIES_KEYS,
  STEP_KEYS,
  TEST_FILE_KEYS,
  TEST_KEYS,
} from '@autoscale/testing';
import { REPO_ROOT } from './support.ts';

const schema = JSON.parse(readFileSync(new URL('../test-file.schema.json', import.meta.url), 'utf8'));
const defs = schema.$defs;
const keys = (o: { properties: object }): string[] => Object.keys(o.properties).sort();
const seriesObject = defs.seriesValue.oneOf.find((v: { type?: string }) => v.type === 'object');

describe('test-file.schema.json', () => {
  it('is draft 2020-12 and closed at every level', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const node of [
      schema,
      defs.defaults,
      defs.test,
      defs.step,
      defs.pool,
      defs.series,
      seriesObject,
      defs.expectError,
    ])
      expect(node.additionalProperties).toBe(false);
  });

  it('names exactly the keys the loader accepts at each level', () => {
    expect(keys(schema)).toEqual([...TEST_FILE_KEYS].sort());
    expect(keys(defs.defaults)).toEqual([...DEFAULTS_KEYS].sort());
    expect(keys(defs.test)).toEqual([...TEST_KEYS].sort());
    expect(keys(defs.step)).toEqual([...STEP_KEYS].sort());
    expect(keys(seriesObject)).toEqual([...SERIES_KEYS].sort());
    expect(keys(defs.expectError)).toEqual([...EXPECT_ERROR_KEYS].sort());
    expect(keys(defs.pool)).toEqual([...POOL_KEYS].sort());
    expect(keys(defs.series)).toEqual(registry.sampledMetricNames().sort());
    expect([...defs.expectError.properties.code.enum].sort()).toEqual(knownErrorCodes().sort());
  });

  it('describes every property', () => {
    expect(undocumentedProperties(schema)).toEqual([]);
    for (const [name, def] of Object.entries(defs))
      expect(typeof (def as { description?: unknown }).description, name).toBe('string');
  });

  it('each key the schema names is accepted by the loader, at every level', () => {
    // One file that uses every key of every level (both series forms, both expectation forms).
    const text = [
      '$schema: ../test-file.schema.json',
      'formula: ../formulas/pending-tasks.autoscale',
      'defaults:',
      ...Object.keys(defs.defaults.properties).map((k) => `  ${k}: ${VALUES[k]}`),
      'tests:',
      `  - { ${Object.keys(defs.test.properties)
        .filter((k) => !['steps', 'expect_error', 'at'].includes(k))
        .map((k) => `${k}: ${VALUES[k]}`)
        .join(', ')} }`,
      '  - name: steps',
      '    steps:',
      `      - { ${Object.keys(defs.step.properties)
        .filter((k) => k !== 'expect_error')
        .map((k) => `${k}: ${VALUES[k]}`)
        .join(', ')} }`,
      '      - { at: +1m, expect_error: { code: InsufficientSampleData, message: wanted } }',
      '  - { name: bad, at: 2026-01-05T10:00:00Z, expect_error: { code: AS3002 } }',
    ].join('\n');
    const r = parseTestFile(text, 'examples/tests/all-keys.autoscale-test.yaml', { cwd: REPO_ROOT });
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('has examples, each of which loads and passes', () => {
    expect(schema.examples.length).toBeGreaterThanOrEqual(2);
    for (const example of schema.examples) {
      const r = parseTestFile(JSON.stringify(example), 'examples/tests/example.autoscale-test.yaml', {
        cwd: REPO_ROOT,
      });
      expect(r.ok ? [] : r.errors).toEqual([]);
      if (r.ok)
        expect(runTestFile(r.testFile).tests.map((t) => [t.test.name, t.passed])).toEqual(
          r.testFile.tests.map((t) => [t.name, true]),
        );
    }
  });
});

/** A valid value for each key, by name. */
const VALUES: Record<string, string> = {
  name: 'all keys',
  at: '2026-01-05T10:00:00',
  interval: '30s',
  availabilityDelay: '30s',
  seed: '3',
  utcOffset: '"+00:00"',
  pool: `{ ${POOL_KEYS.map((k) => `${k}: 1`).join(', ')} }`,
  series: `{ $PendingTasks: "5x20", $ActiveTasks: { ${SERIES_KEYS.filter((k) => k !== 'end')
    .map((k) => `${k}: ${k === 'values' ? '"1x3"' : k === 'interval' ? '1m' : '2026-01-05T09:00:00Z'}`)
    .join(', ')} }, $RunningTasks: { values: "2", end: 2026-01-05T09:00:00Z } }`,
  expect: '{ $TargetDedicatedNodes: 5, $NodeDeallocationOption: taskcompletion, pendingTaskSamples: 5 }',
};
