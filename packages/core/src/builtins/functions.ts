// The 19 built-in functions, their overloads and implementations (docs/semantics.md §5).
// Aggregates take a doubleVecList: any mix of doubles and doubleVecs, flattened before use.

import { DOUBLE, NOTHING, TIMESTAMP, VEC } from '../types.ts';
import { evaluationFailure, StopSignal } from '../runtime/errors.ts';
import { parseTimeString } from '../runtime/parse-time.ts';
import { formatDouble } from '../runtime/format-value-text.ts';
import { Timestamp, type Value } from '../runtime/values.ts';
import type { FunctionEntry, Overload } from './entry.ts';
import { flatten, toDouble, toVector } from './support.ts';

/**
 * What val() returns for an index outside the vector (docs/semantics.md §5.5, §15.3). The project's
 * first ruling said "an error", but the one real recording that reaches the case (batch-shipyard
 * #138: `lastsample = val($PendingTasks.GetSample(1), 0);` on a pool with no samples) failed on
 * the *next* line, so the service did not fail here; 0 is the value that formula's authors relied
 * on (`max(0, lastsample)`).
 */
export const VAL_OUT_OF_RANGE_VALUE = 0;

const LIST = [{ name: 'values', kind: 'list' as const }];

function aggregate(name: string, emptyResult: number | undefined, compute: (v: number[]) => number): Overload {
  const what = `${name}()`;
  const onVector = (v: number[], at: number): number => {
    if (v.length === 0) {
      if (emptyResult !== undefined) return emptyResult;
      throw evaluationFailure('AS3004', 'emptyList', { name }, at);
    }
    return compute(v);
  };
  return {
    params: LIST,
    variadic: true,
    returns: DOUBLE,
    label: `${name}(doubleVecList) -> double`,
    impl: (args, rt, at) => onVector(flatten(args, rt, at, what), at),
    // Two doubles flatten to [a, b] (support.ts), never empty.
    onTwoDoubles: (a, b) => compute([a, b]),
    onVector,
  };
}

/** A function with a scalar overload and a component-wise vector overload (lg, ceil, round, ...). */
function componentWise(name: string, f: (x: number) => number): Overload[] {
  const what = `${name}()`;
  return [
    {
      params: [{ name: 'x', kind: 'double' }],
      returns: DOUBLE,
      label: `${name}(double) -> double`,
      impl: (args, rt, at) => f(toDouble(args[0] as Value, rt, at, what)),
    },
    {
      params: LIST,
      variadic: true,
      returns: VEC,
      label: `${name}(doubleVecList) -> doubleVec`,
      impl: (args, rt, at) => flatten(args, rt, at, what).map(f),
    },
  ];
}

// Indexed loops: the aggregates run on every evaluation of a replay, and for-of costs more here.
function sum(v: number[]): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s;
}

function minOf(v: number[]): number {
  let m = Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (x < m || Number.isNaN(x)) m = x;
  }
  return m;
}

function maxOf(v: number[]): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (x > m || Number.isNaN(x)) m = x;
  }
  return m;
}

/** Sample standard deviation (n - 1); one value gives 0 (docs/semantics.md §5.3). */
function std(v: number[]): number {
  if (v.length < 2) return 0;
  const mean = sum(v) / v.length;
  let squares = 0;
  for (const x of v) squares += (x - mean) * (x - mean);
  return Math.sqrt(squares / (v.length - 1));
}

/** Round half away from zero (docs/semantics.md §5.6): round(2.5) = 3, round(-2.5) = -3. */
export function roundHalfAwayFromZero(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.floor(Math.abs(x) + 0.5);
  return x < 0 ? -r : r;
}

/** Nearest-rank percentile, p in 0-100 (docs/semantics.md §5.4): returns an element of v. */
function percentile(v: number[], p: number, at: number): number {
  if (v.length === 0) throw evaluationFailure('AS3004', 'percentileEmpty', {}, at);
  if (!(p >= 0 && p <= 100)) throw evaluationFailure('AS3004', 'percentileRange', { value: formatDouble(p) }, at);
  const sorted = [...v].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function fn(name: string, summary: string, docs: string, example: string, overloads: Overload[]): FunctionEntry {
  return { kind: 'function', name, summary, docs: `${summary}\n\n${docs}`.trim(), example, overloads };
}

const AGG_DOCS = 'Takes any mix of doubles and doubleVecs (a doubleVecList), flattened into one vector first.';

export const FUNCTIONS: readonly FunctionEntry[] = [
  fn(
    'avg',
    'Average of all values in the list.',
    `${AGG_DOCS} An empty list is an evaluation error.`,
    'x = avg($PendingTasks.GetSample(TimeInterval_Minute * 5), 0);',
    [aggregate('avg', undefined, (v) => sum(v) / v.length)],
  ),
  fn(
    'ceil',
    'Smallest integer greater than or equal to x; component-wise for a list.',
    'A single double selects the scalar overload; a doubleVec or several arguments select the component-wise one.',
    'x = ceil(2.1);',
    componentWise('ceil', Math.ceil),
  ),
  fn(
    'floor',
    'Largest integer less than or equal to x; component-wise for a list.',
    'A single double selects the scalar overload; a doubleVec or several arguments select the component-wise one.',
    'x = floor(2.9);',
    componentWise('floor', Math.floor),
  ),
  fn(
    'len',
    'Number of values in the list.',
    `${AGG_DOCS} An empty list gives 0.`,
    'x = len($PendingTasks.GetSample(10));',
    [aggregate('len', 0, (v) => v.length)],
  ),
  fn(
    'lg',
    'Log base 2; component-wise for a list.',
    'lg(0) is -infinity, lg of a negative number is NaN. A single double selects the scalar overload.',
    'x = lg(8);',
    componentWise('lg', Math.log2),
  ),
  fn(
    'ln',
    'Natural logarithm; component-wise for a list.',
    'ln(0) is -infinity, ln of a negative number is NaN. A single double selects the scalar overload.',
    'x = ln(10);',
    componentWise('ln', Math.log),
  ),
  fn(
    'log',
    'Log base 10; component-wise for a list.',
    'log(0) is -infinity, log of a negative number is NaN. A single double selects the scalar overload.',
    'x = log(1000);',
    componentWise('log', Math.log10),
  ),
  fn(
    'max',
    'Largest value in the list.',
    `${AGG_DOCS} An empty list is an evaluation error.`,
    'x = max(0, $PendingTasks.GetSample(1));',
    [aggregate('max', undefined, maxOf)],
  ),
  fn('min', 'Smallest value in the list.', `${AGG_DOCS} An empty list is an evaluation error.`, 'x = min(10, 4, 7);', [
    aggregate('min', undefined, minOf),
  ]),
  fn('norm', 'Two-norm (Euclidean length) of the list.', `${AGG_DOCS} An empty list gives 0.`, 'x = norm(3, 4);', [
    aggregate('norm', 0, (v) => Math.sqrt(sum(v.map((x) => x * x)))),
  ]),
  fn(
    'percentile',
    'The p-th percentile element of the vector v, p from 0 to 100.',
    'Nearest-rank: returns an element of v (the ceil(p/100 * n)-th smallest). p outside 0-100 or an empty v is an evaluation error.',
    'x = percentile($PendingTasks.GetSample(20), 90);',
    [
      {
        params: [
          { name: 'v', kind: 'doubleVec' },
          { name: 'p', kind: 'double' },
        ],
        returns: DOUBLE,
        label: 'percentile(doubleVec v, double p) -> double',
        impl: (args, rt, at) =>
          percentile(
            toVector(args[0] as Value, at, 'percentile()'),
            toDouble(args[1] as Value, rt, at, 'percentile()'),
            at,
          ),
      },
    ],
  ),
  fn(
    'rand',
    'A random value from 0 (inclusive) to 1 (exclusive).',
    'Deterministic for a given evaluation seed, so evaluations can be reproduced.',
    'x = rand();',
    [{ params: [], returns: DOUBLE, label: 'rand() -> double', impl: (_args, rt) => rt.random() }],
  ),
  fn(
    'range',
    'Difference between the largest and smallest values in the list.',
    `${AGG_DOCS} An empty list is an evaluation error.`,
    'x = range(1, 5, 3);',
    [aggregate('range', undefined, (v) => maxOf(v) - minOf(v))],
  ),
  fn(
    'round',
    'Nearest integer, halves away from zero; component-wise for a list.',
    'round(2.5) is 3 and round(-2.5) is -3. A single double selects the scalar overload.',
    'x = round(2.5);',
    componentWise('round', roundHalfAwayFromZero),
  ),
  fn(
    'std',
    'Sample standard deviation (n - 1) of the list.',
    `${AGG_DOCS} One value gives 0; an empty list is an evaluation error.`,
    'x = std(2, 4, 4, 4, 5, 5, 7, 9);',
    [aggregate('std', undefined, std)],
  ),
  fn(
    'stop',
    'Stops evaluating the formula.',
    'Evaluation ends successfully at stop(); assignments made before it stand and are applied.',
    '$TargetDedicatedNodes = 1; stop();',
    [
      {
        params: [],
        returns: NOTHING,
        label: 'stop()',
        impl: (_args, _rt, at) => {
          throw new StopSignal(at);
        },
      },
    ],
  ),
  fn(
    'sum',
    'Sum of all values in the list.',
    `${AGG_DOCS} An empty list gives 0.`,
    'x = sum($SucceededTasks.GetSample(10));',
    [aggregate('sum', 0, sum)],
  ),
  fn(
    'time',
    'The evaluation instant, or the instant a date-time string names.',
    'time() is the current time of the evaluation (UTC). time(s) parses RFC 1123 (`Mon, 06 Oct 2014 10:20:00 GMT`) or W3C-DTF/ISO 8601 ' +
      '(`2024-10-30T00:00:00.880011Z`) with at most 7 fractional-second digits; anything else is an evaluation error.',
    'lifespan = time() - time("Mon, 06 Oct 2014 10:20:00 GMT");',
    [
      { params: [], returns: TIMESTAMP, label: 'time() -> timestamp', impl: (_args, rt) => new Timestamp(rt.now) },
      {
        params: [{ name: 'dateTime', kind: 'string' }],
        returns: TIMESTAMP,
        label: 'time(string dateTime) -> timestamp',
        impl: (args, _rt, at) => {
          const s = args[0];
          if (typeof s !== 'string') throw evaluationFailure('AS3003', 'timeArgument', {}, at);
          const parsed = parseTimeString(s);
          if (!parsed.ok) throw evaluationFailure('AS3004', 'timeUnparsable', { text: s, reason: parsed.reason }, at);
          return new Timestamp(parsed.ms);
        },
      },
    ],
  ),
  fn(
    'val',
    'Element i of the vector v, counting from 0.',
    `i is truncated to an integer. An index outside the vector gives ${VAL_OUT_OF_RANGE_VALUE}: the service evaluates \`val($PendingTasks.GetSample(1), 0)\` without error on a pool that has no samples yet (batch-shipyard #138).`,
    'last = val($PendingTasks.GetSample(1), 0);',
    [
      {
        params: [
          { name: 'v', kind: 'doubleVec' },
          { name: 'i', kind: 'double' },
        ],
        returns: DOUBLE,
        label: 'val(doubleVec v, double i) -> double',
        impl: (args, rt, at) => {
          const v = toVector(args[0] as Value, at, 'val()');
          const i = Math.trunc(toDouble(args[1] as Value, rt, at, 'val()'));
          return i >= 0 && i < v.length ? (v[i] as number) : VAL_OUT_OF_RANGE_VALUE;
        },
      },
    ],
  ),
];
