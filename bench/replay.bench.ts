// Replay benchmark (run by `npm run bench`): a pool-year of 30-second samples (1,051,200 rows,
// timestamp + 8 metric columns) written to a temporary CSV, replayed open loop with a 5-minute
// interval, with the docs' Example 2 formula. Each measurement runs in a fresh child process so
// its peak RSS is its own, and the rounds take turns (best of ROUNDS) so that a busy machine
// slows all of them alike:
// - the anchor: a minimal byte-level read of the file into Float64Array columns
//   (replay-baseline.ts), the physical limit the others are judged against;
// - the project's reader alone (readRecording, the columns the formula needs);
// - the replay as the CLI does it, per report format: replayFile (read on the main thread,
//   evaluations on a worker as batches arrive), then the report's chunks written to /dev/null
//   (`--format text`, `json`, `csv`);
// - text and JSON again for Example 2 with `$now = time()` added, whose results strings are all
//   different: the bench's recording repeats its daily cycle, and most consecutive evaluations
//   repeat their results, which the replay keeps once (EvaluationLog); this pair measures JSON
//   without that help.
// The children run with Node's module compile cache, as the installed command does
// (bin/autoscale.js), filled by a warm-up run. Prints figures; asserts nothing (targets: reader
// <= 1.5x the anchor; replay <= 2x the anchor with peak memory <= 2x the columns' own size;
// --format json <= 1.25x the text report).

import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  columnsToKeep,
  prepareFormula,
  readRecording,
  replayFile,
  reportChunks,
  type ReportChunksFormat,
} from '@autoscale/replay';
import { EXAMPLE_2 } from './core.bench.ts';
import { readBaseline } from './replay-baseline.ts';
import { median, peakRssMb } from './stats.ts';

export const YEAR_ROWS = 365 * 2880;
const START = Date.parse('2025-01-01T00:00:00Z');
// Five: single runs on a shared 2-core machine vary by 10-30%, and the ratios compare the best ones.
const ROUNDS = 5;
const HEADER =
  'timestamp,$ActiveTasks,$RunningTasks,$PendingTasks,$SucceededTasks,$FailedTasks,$CPUPercent,$CurrentDedicatedNodes,$CurrentLowPriorityNodes';

/** The formula replayed: the Azure docs' Example 2, as in core's evaluation benchmark. */
export const BENCH_FORMULA = EXAMPLE_2;
/** Example 2 with a variable that differs at every evaluation, and so does its results string. */
const NEVER_REPEATING = `${EXAMPLE_2}\n$now = time();`;

/** Writes the pool-year (or its first `rows`): daily and weekly cycles, a few missing CPU samples. */
export async function writeYear(path: string, rows = YEAR_ROWS): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const t = START + i * 30_000;
    const hour = (i / 120) % 24;
    const weekend = Math.floor(i / 2880 + 3) % 7 >= 5;
    const load = weekend ? 4 : Math.round(40 * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 14)) + 5);
    const running = Math.min(load, 60);
    const nodes = Math.ceil(running / 4) + 1;
    const cpu = i % 997 === 0 ? '' : Math.min(100, (running / (nodes * 4)) * 90 + (i % 7)).toFixed(1);
    buffer += `${new Date(t).toISOString().replace('.000Z', 'Z')},${load - running},${running},${load},${i % 3},${i % 50 === 0 ? 1 : 0},${cpu},${nodes},${i % 5}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(buffer, () => resolve()).on('error', reject));
}

type Mode = 'baseline' | 'read' | ReportChunksFormat | 'text-unique' | 'json-unique';
const MODES: readonly Mode[] = ['baseline', 'read', 'text', 'json', 'csv', 'text-unique', 'json-unique'];

interface ChildFigures {
  ms: number;
  /** Peak RSS of the whole process (every thread). */
  rssMb: number;
  /** RSS when the measurement started (modules loaded): what the process costs before any work. */
  startRssMb: number;
  rows: number;
  evaluations: number;
  /** How many evaluations repeated the results string of the one before. */
  repeatedResults: number;
}

/** In the child: one measurement; prints one JSON line. */
async function child(mode: Mode, path: string): Promise<void> {
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const t0 = performance.now();
  let rows = 0;
  let evaluations = 0;
  let repeatedResults = 0;
  const unique = mode === 'text-unique' || mode === 'json-unique';
  const format: ReportChunksFormat | undefined =
    mode === 'text-unique'
      ? 'text'
      : mode === 'json-unique'
        ? 'json'
        : mode === 'baseline' || mode === 'read'
          ? undefined
          : mode;
  const formulas = [{ name: 'bench', text: unique ? NEVER_REPEATING : BENCH_FORMULA }];
  if (mode === 'baseline') rows = readBaseline(path).rows;
  else if (mode === 'read') {
    const r = await readRecording(path, { keep: columnsToKeep(formulas.map(prepareFormula)) });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    rows = r.value.times.length;
  } else if (format !== undefined) {
    // As `autoscale replay --format MODE`: results strings only where the report shows them.
    const r = await replayFile(
      path,
      formulas,
      { mode: 'open', interval: 5 * 60_000 },
      { buildResults: format !== 'text' },
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const out = openSync('/dev/null', 'w');
    try {
      for (const chunk of reportChunks(format, [r.replay], false)) writeSync(out, chunk);
    } finally {
      closeSync(out);
    }
    const timeline = r.replay.formulas[0]?.timeline ?? [];
    evaluations = timeline.length;
    for (let i = 1; i < timeline.length; i++) if (timeline[i]?.results === timeline[i - 1]?.results) repeatedResults++;
  }
  const figures: ChildFigures = {
    ms: performance.now() - t0,
    rssMb: peakRssMb(),
    startRssMb,
    rows,
    evaluations,
    repeatedResults,
  };
  console.log(JSON.stringify(figures));
}

function measure(mode: Mode, path: string, cache: string): ChildFigures {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode, path], {
    encoding: 'utf8',
    env: { ...process.env, NODE_COMPILE_CACHE: cache },
  });
  if (r.status !== 0) throw new Error(`bench child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ChildFigures;
}

export interface ReplayBenchFigures {
  rows: number;
  evaluations: number;
  /** The anchor: the minimal byte-level read (replay-baseline.ts). */
  baselineMs: number;
  baselineRssMb: number;
  /** The project's reader, and its time over the anchor's. */
  readMs: number;
  readRssMb: number;
  readRatio: number;
  /** The replay with the text report, its time over the anchor's, and over the reader's (`ratio`). */
  replayMs: number;
  replayRatio: number;
  ratio: number;
  /**
   * The text replay's peak RSS: the median of the rounds, and their largest (on a loaded machine the
   * collector lags and the same replay peaks 10-15% higher).
   */
  replayRssMb: number;
  replayRssMaxMb: number;
  /** The replay process's RSS before it read anything (Node, the sources, the modules). */
  replayStartRssMb: number;
  /** Kept columns (timestamps included) and their own size: rows x columns x 8 bytes. */
  keptColumns: number;
  columnsMb: number;
  /** --format json and csv: time, and time over the text report's. */
  jsonMs: number;
  jsonRatio: number;
  jsonRssMb: number;
  csvMs: number;
  csvRatio: number;
  csvRssMb: number;
  /** Share of the JSON replay's evaluations that repeated the results before them. */
  repeatedShare: number;
  /** Text and JSON with results that never repeat, and the JSON's time over that text's. */
  textUniqueMs: number;
  jsonUniqueMs: number;
  jsonUniqueRatio: number;
}

/** Columns the replay keeps from the file (the formula's and the model's), plus the timestamps. */
function keptColumns(path: string): number {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(4096);
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const header = (head.subarray(0, length).toString('utf8').split('\n')[0] as string).split(',');
  const keep = columnsToKeep([prepareFormula({ name: 'bench', text: BENCH_FORMULA })]);
  return header.slice(1).filter(keep).length + 1;
}

/** Best of ROUNDS runs of each measurement, every run in its own process, the rounds taking turns. */
export async function benchReplay(): Promise<ReplayBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
  const path = join(dir, 'pool-year.csv');
  const cache = join(dir, 'compile-cache');
  try {
    await writeYear(path);
    // Fills the compile cache (the main thread's modules and the worker's) before any measurement.
    const warm = join(dir, 'warm-up.csv');
    await writeYear(warm, 2880);
    measure('text', warm, cache);
    const runs = new Map<Mode, ChildFigures[]>(MODES.map((m) => [m, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const mode of MODES) runs.get(mode)?.push(measure(mode, path, cache));
    const best = (mode: Mode): ChildFigures => (runs.get(mode) ?? []).reduce((a, b) => (b.ms < a.ms ? b : a));
    const peak = (mode: Mode): number => Math.max(...(runs.get(mode) ?? []).map((r) => r.rssMb));
    const [baseline, read, text, json, csv, textUnique, jsonUnique] = MODES.map(best) as [
      ChildFigures,
      ChildFigures,
      ChildFigures,
      ChildFigures,
      ChildFigures,
      ChildFigures,
      ChildFigures,
    ];
    const columns = keptColumns(path);
    return {
      rows: read.rows,
      evaluations: text.evaluations,
      baselineMs: baseline.ms,
      baselineRssMb: peak('baseline'),
      readMs: read.ms,
      readRssMb: peak('read'),
      readRatio: read.ms / baseline.ms,
      replayMs: text.ms,
      replayRatio: text.ms / baseline.ms,
      ratio: text.ms / read.ms,
      replayRssMb: median((runs.get('text') ?? []).map((r) => r.rssMb)),
      replayRssMaxMb: peak('text'),
      replayStartRssMb: Math.max(...(runs.get('text') ?? []).map((r) => r.startRssMb)),
      keptColumns: columns,
      columnsMb: (read.rows * columns * 8) / 2 ** 20,
      jsonMs: json.ms,
      jsonRatio: json.ms / text.ms,
      jsonRssMb: peak('json'),
      csvMs: csv.ms,
      csvRatio: csv.ms / text.ms,
      csvRssMb: peak('csv'),
      repeatedShare: json.repeatedResults / Math.max(1, json.evaluations),
      textUniqueMs: textUnique.ms,
      jsonUniqueMs: jsonUnique.ms,
      jsonUniqueRatio: jsonUnique.ms / textUnique.ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (
  process.argv[1] === fileURLToPath(import.meta.url) &&
  process.argv[2] !== undefined &&
  process.argv[3] !== undefined
) {
  await child(process.argv[2] as Mode, process.argv[3]);
}
