// The programmatic helpers for users' own suites: evaluateWithSeries builds the same context the
// runner builds (checked against core directly), reports bad input as messages, and valuesOf
// reads results as the results string reports them.

import { describe, expect, it } from 'vitest';
import { compileFormula, formatTimestamp, makeContext, parseSeries, seriesToHistory } from '@autoscale/core';
import { evaluateWithSeries, valuesOf } from '@autoscale/testing';

const FORMULA =
  'n = len($PendingTasks.GetSample(TimeInterval_Minute * 10, 0));\nv = $PendingTasks.GetSample(TimeInterval_Minute, 0);\n$TargetDedicatedNodes = avg(v) / 2 + $CurrentDedicatedNodes;\n$NodeDeallocationOption = taskcompletion;\nt = time();';
const AT = Date.UTC(2026, 0, 5, 10);

describe('evaluateWithSeries', () => {
  it('places each series with its last sample at `at` and evaluates in that context', () => {
    const r = evaluateWithSeries(FORMULA, {
      at: '2026-01-05T10:00:00Z',
      series: { $PendingTasks: '0x10 5+1x9' },
      interval: '1m',
      availabilityDelay: '0s',
      pool: { currentDedicatedNodes: 2 },
      seed: 3,
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const parsed = parseSeries('0x10 5+1x9');
    if (!parsed.ok) throw new Error('bad notation');
    const history = seriesToHistory(parsed.values, { end: AT, intervalMs: 60_000 });
    const expected = compileFormula(FORMULA).evaluate(
      makeContext({
        now: AT,
        availabilityDelay: 0,
        seed: 3,
        pool: { currentDedicatedNodes: 2 },
        metrics: new Map([['$PendingTasks', history]]),
      }),
    );
    expect(r.result.results).toBe(expected.results);
    // Worked by hand: 10 samples in the last 10 minutes, the last one is 14, 14 / 2 + 2 nodes.
    expect(r.result.error).toBeNull();
    expect(r.result.results).toBe(
      '$TargetDedicatedNodes=9;$TargetLowPriorityNodes=0;$NodeDeallocationOption=taskcompletion;n=10;t=2026-01-05T10:00:00.000Z;v=[14]',
    );
    expect(r.context.metrics.get('$PendingTasks')).toEqual(history);
  });

  it('takes a compiled formula and milliseconds, with core defaults for the rest', () => {
    const compiled = compileFormula(
      '$TargetDedicatedNodes = len($PendingTasks.GetSample(TimeInterval_Minute * 5, 0)); r = rand();',
    );
    const r = evaluateWithSeries(compiled, { at: AT, series: { $PendingTasks: '1x20' } });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.context.availabilityDelay).toBe(30_000);
    expect(r.context.seed).toBe(1);
    expect(r.context.pool).toEqual(makeContext({ now: AT }).pool);
    expect(r.result.results).toBe(
      compiled.evaluate({
        ...r.context,
        metrics: new Map([['$PendingTasks', seriesToHistory(Array(21).fill(1), { end: AT, intervalMs: 30_000 })]]),
      }).results,
    );
    // The default 30-s delay hides the sample at `at`; seed 1's first rand() value.
    expect(r.result.results).toBe(
      '$TargetDedicatedNodes=9;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;r=0.484565',
    );
  });

  it('reports bad input as messages', () => {
    expect(
      evaluateWithSeries(FORMULA, {
        at: 'tomorrow',
        series: { $Pending: '1', $PendingTasks: '1 x' },
        interval: '0s',
        availabilityDelay: '5',
      }),
    ).toEqual({
      ok: false,
      errors: [
        'at: "tomorrow" is not an ISO 8601 instant like "2026-01-05T10:00:00Z"',
        'interval: must be longer than zero',
        'availabilityDelay: "5" has no unit (a plain number is ambiguous); write e.g. "5s" or "5ms"',
        'series: unknown metric "$Pending"',
        'series.$PendingTasks: "x" is not a series item; expected a number, "axn", "a+bxn", "a-bxn", "_" or "_xn"',
      ],
    });
  });
});

describe('valuesOf', () => {
  it('gives targets truncated, the deallocation keyword, numbers, vectors and printed text', () => {
    const r = evaluateWithSeries(FORMULA, {
      at: '2026-01-05T10:00:00Z',
      series: { $PendingTasks: '3x30' },
      availabilityDelay: '0s',
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.result.targets.dedicated).toBe(1.5);
    expect(valuesOf(r.result)).toEqual({
      $TargetDedicatedNodes: 1,
      $TargetLowPriorityNodes: 0,
      $NodeDeallocationOption: 'taskcompletion',
      n: 20,
      v: [3, 3],
      t: formatTimestamp(AT),
    });
  });

  it('keeps a variable named __proto__ as a plain key', () => {
    const r = evaluateWithSeries('__proto__ = 4;', { at: AT });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(Object.keys(valuesOf(r.result))).toContain('__proto__');
    expect(Object.getPrototypeOf(valuesOf(r.result))).toBe(Object.prototype);
  });
});
