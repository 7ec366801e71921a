// The built-in registry: complete as documented (19 functions, 5 methods, 7 members, 10 constants,
// 4 keywords, the service variables), every entry documented, and every example parses, checks
// without errors and evaluates without error against a context with full histories.

import { describe, expect, it } from 'vitest';
import {
  analyzeFormula,
  compileFormula,
  historyFromSamples,
  makeContext,
  registry,
  type MetricHistory,
} from '@autoscale/core';

const now = Date.parse('2026-01-05T10:00:00Z');
const full: MetricHistory = historyFromSamples(
  Array.from({ length: 240 }, (_, i) => [now - i * 30_000, 1 + (i % 5)] as [number, number]),
);
const context = makeContext({
  now,
  availabilityDelay: 0,
  metrics: new Map(registry.sampledMetricNames().map((n) => [n, full])),
});

describe('registry', () => {
  it('has the documented built-ins', () => {
    expect(registry.functions.map((f) => f.name).sort()).toEqual([
      'avg',
      'ceil',
      'floor',
      'len',
      'lg',
      'ln',
      'log',
      'max',
      'min',
      'norm',
      'percentile',
      'rand',
      'range',
      'round',
      'std',
      'stop',
      'sum',
      'time',
      'val',
    ]);
    expect(registry.methods.map((m) => m.name)).toEqual([
      'GetSample',
      'GetSamplePercent',
      'GetSamplePeriod',
      'Count',
      'HistoryBeginTime',
    ]);
    expect(registry.members.map((m) => m.name)).toEqual([
      'year',
      'month',
      'day',
      'weekday',
      'hour',
      'minute',
      'second',
    ]);
    expect(registry.constants).toHaveLength(10);
    expect(registry.keywords.map((k) => k.name)).toEqual(['requeue', 'terminate', 'taskcompletion', 'retaineddata']);
    expect(registry.sampledMetricNames()).toHaveLength(17);
    expect(registry.variables.filter((v) => v.access === 'readwrite').map((v) => v.name)).toEqual([
      '$TargetDedicatedNodes',
      '$TargetLowPriorityNodes',
      '$NodeDeallocationOption',
    ]);
    expect(registry.variable('$TargetDedicated')?.name).toBe('$TargetDedicatedNodes');
    expect(registry.variable('$CurrentDedicated')?.name).toBe('$CurrentDedicatedNodes');
    expect(
      registry.variables.filter((v) => !v.sampled && v.access === 'read').every((v) => v.poolField !== undefined),
    ).toBe(true);
  });

  for (const entry of registry.all()) {
    it(`${entry.kind} ${entry.name} is documented and its example works`, () => {
      expect(entry.summary.length).toBeGreaterThan(10);
      expect(entry.summary).not.toContain('\n');
      expect(entry.docs.length).toBeGreaterThanOrEqual(entry.summary.length);
      const errors = analyzeFormula(entry.example).diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
      const result = compileFormula(entry.example).evaluate(context);
      expect(result.error).toBeNull();
    });
  }

  it('labels every overload with its name', () => {
    for (const f of [...registry.functions, ...registry.methods])
      for (const o of f.overloads) expect(o.label.startsWith(`${f.name}(`)).toBe(true);
  });
});
