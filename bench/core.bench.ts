// Core benchmarks (run by `npm run bench`): time to check an 8 KB, 100-statement formula, beside
// its anchors in the same run (one pass over the same characters, and the lexer alone), and
// evaluations per second of the docs' Example 2 against 30 days of 30-second samples.
// Prints figures; asserts nothing (targets are judged by reading them, never by a timed test).

import {
  analyzeFormula,
  compileFormula,
  historyFromSamples,
  lex,
  makeContext,
  MAX_FORMULA_LENGTH,
  upperBound,
} from '@autoscale/core';
import { percentile } from './stats.ts';

export const EXAMPLE_2 = `// Docs, Example 2: task-based adjustment
$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);
$tasks = $samples < 70 ? max(0,$PendingTasks.GetSample(1)) : max( $PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 15)));
$targetVMs = $tasks > 0? $tasks:max(0, $TargetDedicatedNodes/2);
$TargetDedicatedNodes = max(0, min($targetVMs, 20));
$NodeDeallocationOption = taskcompletion;`;

/** A realistic formula of exactly 100 statements, padded with comments to just under 8192 characters. */
export function largeFormula(): string {
  const statements: string[] = [];
  for (let i = 0; statements.length < 99; i++) {
    statements.push(`$samples${i} = $PendingTasks.GetSamplePercent(TimeInterval_Minute * ${5 + (i % 10)});`);
    statements.push(
      `$tasks${i} = $samples${i} < 70 ? 0 : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 5)));`,
    );
    statements.push(`cap${i} = time().hour < 18 ? ${10 + i} : ${i};`);
  }
  statements.length = 99;
  statements.push('$TargetDedicatedNodes = max(0, min($tasks0, cap0));');
  let text = statements.join('\n');
  const pad = MAX_FORMULA_LENGTH - text.length - 4;
  if (pad > 0) text = `// ${'-'.repeat(pad)}\n${text}`;
  return text;
}

/**
 * The physical floor the check is compared with: one pass over the formula's characters, each
 * classified by a table lookup, counting where a token could start. Any tokenizer does at least this.
 */
export function floorScan(text: string): number {
  let starts = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? (CHARACTER_KIND[c] as number) : 0;
    if (kind !== previous || kind === 3) starts++;
    previous = kind;
  }
  return starts;
}

/** 0 space or other, 1 name character, 2 digit or '.', 3 punctuation (each its own token). */
const CHARACTER_KIND = new Uint8Array(128).map((_, c) => {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) return 1;
  if (/[0-9.]/.test(ch)) return 2;
  return /[-+*/<>=!&|?:()[\],;"']/.test(ch) ? 3 : 0;
});

/** Median milliseconds of `run` over `count` calls, after `warmup` calls. */
function medianTime(run: () => unknown, warmup: number, count: number): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

export function benchCheck(): {
  medianMs: number;
  p95Ms: number;
  chars: number;
  statements: number;
  /** The anchors, timed in the same run: the floor (one classifying pass over the characters) and the lexer alone. */
  floorMedianMs: number;
  lexMedianMs: number;
} {
  const text = largeFormula();
  let sink = 0;
  const check = medianTime(() => analyzeFormula(text), 300, 2000);
  const floor = medianTime(
    () => {
      sink += floorScan(text);
    },
    300,
    2000,
  );
  const lexed = medianTime(() => lex(text), 300, 2000);
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return {
    medianMs: check.median,
    p95Ms: check.p95,
    chars: text.length,
    statements: analyzeFormula(text).formula.statements.length,
    floorMedianMs: floor.median,
    lexMedianMs: lexed.median,
  };
}

/**
 * The anchor: Example 2 written by hand in TypeScript over the same typed arrays, with the same
 * semantics (window (now - 15 min, now - delay] found by core's upperBound, a complete window is
 * 30 samples, GetSample's default 70% requirement, NaN-propagating max/min). What a compiler could
 * at best reach.
 */
function example2ByHand(times: Float64Array, values: Float64Array, now: number, delay: number, target: number): number {
  const lastVisible = upperBound(times, now - delay);
  const from = upperBound(times, now - 900_000);
  const to = Math.max(from, lastVisible);
  const percent = Math.min(100, ((to - from) / 30) * 100);
  const last = lastVisible > 0 ? (values[lastVisible - 1] as number) : Number.NaN;
  let tasks: number;
  if (percent < 70) tasks = lastVisible > 0 ? maxOf2(0, last) : 0;
  else {
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i] as number;
    tasks = maxOf2(last, sum / (to - from));
  }
  const vms = tasks > 0 ? tasks : maxOf2(0, target / 2);
  return maxOf2(0, vms < 20 || Number.isNaN(vms) ? vms : 20);
}

/** max(a, b) as the formula's max: NaN wins (as in Math.max). */
function maxOf2(a: number, b: number): number {
  return Math.max(a, b);
}

export function benchEvaluate(): {
  perSecond: number;
  perSecondWithResults: number;
  /** The hand-written anchor's evaluations per second, on the same instants. */
  handWrittenPerSecond: number;
  samples: number;
  evaluations: number;
} {
  const day = 86_400_000;
  const end = Date.parse('2026-01-31T00:00:00Z');
  const start = end - 30 * day;
  const samples: Array<[number, number]> = [];
  for (let t = start; t <= end; t += 30_000)
    samples.push([t, Math.max(0, Math.round(20 * Math.sin(t / 3_600_000) + 10))]);
  const history = historyFromSamples(samples);
  const context = makeContext({
    now: start,
    pool: { targetDedicatedNodes: 4 },
    metrics: new Map([['$PendingTasks', history]]),
  });
  const formula = compileFormula(EXAMPLE_2);
  const evaluations = 300_000;
  const step = (end - start - day) / evaluations;
  const instant = (i: number): number => start + day + i * step;
  // The anchor must compute what the evaluator does, or the comparison means nothing.
  for (let i = 0; i < evaluations; i += 997) {
    context.now = instant(i);
    const byHand = example2ByHand(history.times, history.values, context.now, context.availabilityDelay, 4);
    const evaluated = formula.evaluate(context).targets.dedicated;
    if (byHand !== evaluated && !(Number.isNaN(byHand) && Number.isNaN(evaluated)))
      throw new Error(`the anchor disagrees at ${context.now}: ${byHand} against ${evaluated}`);
  }
  const perSecond = (body: () => number): number => {
    const t0 = performance.now();
    const sink = body();
    const seconds = (performance.now() - t0) / 1000;
    if (Number.isNaN(sink)) throw new Error('unreachable');
    return evaluations / seconds;
  };
  const run = (withResults: boolean): number =>
    perSecond(() => {
      let sink = 0;
      for (let i = 0; i < evaluations; i++) {
        context.now = instant(i);
        const r = formula.evaluate(context);
        sink += withResults ? r.results.length : r.targets.dedicated;
      }
      return sink;
    });
  const byHand = (): number =>
    perSecond(() => {
      let sink = 0;
      for (let i = 0; i < evaluations; i++)
        sink += example2ByHand(history.times, history.values, instant(i), context.availabilityDelay, 4);
      return sink;
    });
  // Best of three rounds each, taking turns, after a warm-up of each.
  run(false);
  run(true);
  byHand();
  const rounds = [0, 1, 2].map(() => [run(false), run(true), byHand()] as const);
  return {
    perSecond: Math.max(...rounds.map((r) => r[0])),
    perSecondWithResults: Math.max(...rounds.map((r) => r[1])),
    handWrittenPerSecond: Math.max(...rounds.map((r) => r[2])),
    samples: samples.length,
    evaluations,
  };
}
