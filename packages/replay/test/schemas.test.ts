// The committed JSON Schemas are what the code generates (regenerate with
// scripts/write-schemas.ts), and every variable name the replay model, the closed loop and the
// importers use is one core's registry knows, as the kind of column they use it for.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '@autoscale/core';
import {
  AZURE_MONITOR_MAPPINGS,
  MODEL_COLUMNS,
  recordingMetaSchema,
  recordingRowSchema,
  resolveColumn,
} from '@autoscale/replay';
import { SIMULATED_METRICS } from '../src/replay/closed-loop.ts';
import { REST_POLL_VARIABLES } from '../src/import/rest-poll.ts';

const committed = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8'));

describe('recording schemas', () => {
  it('the committed files are up to date', () => {
    expect(committed('recording-meta.schema.json')).toEqual(recordingMetaSchema());
    expect(committed('recording-row.schema.json')).toEqual(recordingRowSchema());
  });

  it('the committed schemas name the documented metadata fields and recordable columns (RECORDING-FORMAT.md)', () => {
    const meta = Object.keys((committed('recording-meta.schema.json') as { properties: object }).properties);
    expect(meta).toEqual([
      '$schema',
      'poolId',
      'taskSlotsPerNode',
      'initialTargetDedicatedNodes',
      'initialTargetLowPriorityNodes',
      'evaluationInterval',
      'allocationLatency',
      'maxDedicatedNodes',
      'maxLowPriorityNodes',
    ]);
    const row = Object.keys((committed('recording-row.schema.json') as { properties: object }).properties);
    // Sampled metrics and node counts (with the retired spelling $CurrentDedicated), never the targets the formula
    // sets.
    expect(row).toEqual(
      expect.arrayContaining([
        'timestamp',
        '$PendingTasks',
        '$CPUPercent',
        '$CurrentDedicated',
        '$CurrentDedicatedNodes',
        '$CurrentLowPriorityNodes',
        '$PreemptedNodeCount',
      ]),
    );
    expect(row).not.toContain('$TargetDedicatedNodes');
    expect(row).not.toContain('$NodeDeallocationOption');
    expect(row).toHaveLength(22);
  });
});

describe('names the replay uses are registry variables', () => {
  it.each([
    ['model columns', MODEL_COLUMNS],
    ['simulated metrics', SIMULATED_METRICS],
    ['REST poll variables', REST_POLL_VARIABLES],
    ['Azure Monitor variables', [...AZURE_MONITOR_MAPPINGS.values()].map((m) => m.variable)],
  ])('%s', (_, names) => {
    for (const name of names) {
      const r = resolveColumn(name);
      expect(r.ok, name).toBe(true);
      expect(r.ok && r.column.name, name).toBe(name);
    }
  });

  it('the simulated metrics are sampled variables', () => {
    for (const name of SIMULATED_METRICS) expect(registry.variable(name)?.sampled).toBe(true);
  });
});
