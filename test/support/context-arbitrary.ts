// fast-check generators of evaluation contexts: random instants, delays, seeds, pool states and
// sampled-metric histories with gaps, shared by the property tests of the evaluator.

import fc from 'fast-check';
import { historyFromSamples, makeContext, registry, type EvaluationContext, type MetricHistory } from '@autoscale/core';

export const historyArb: fc.Arbitrary<(now: number) => MetricHistory> = fc
  .array(
    fc.option(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 })), {
      nil: null,
    }),
    { maxLength: 80 },
  )
  .map(
    (values) => (now: number) =>
      historyFromSamples(
        values.flatMap((v, i) => (v === null ? [] : [[now - (values.length - 1 - i) * 30_000, v] as [number, number]])),
      ),
  );

const metricNames = registry.sampledMetricNames();

export const contextArb: fc.Arbitrary<EvaluationContext> = fc
  .record({
    now: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
    delay: fc.constantFrom(0, 30_000, 60_000, 90_000),
    seed: fc.integer(),
    pool: fc.record({
      currentDedicatedNodes: fc.nat(100),
      currentLowPriorityNodes: fc.nat(100),
      targetDedicatedNodes: fc.nat(100),
      targetLowPriorityNodes: fc.nat(100),
      taskSlotsPerNode: fc.integer({ min: 1, max: 8 }),
    }),
    histories: fc.array(fc.tuple(fc.constantFrom(...metricNames), historyArb), { maxLength: 4 }),
  })
  .map(({ now, delay, seed, pool, histories }) =>
    makeContext({
      now,
      availabilityDelay: delay,
      seed,
      pool,
      metrics: new Map(histories.map(([name, make]) => [name, make(now)])),
    }),
  );
