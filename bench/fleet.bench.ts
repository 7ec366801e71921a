// Fleet benchmark (run by `npm run bench`): how `autoscale replay` and `autoscale tune` scale, each
// measured as a user runs it, the command spawned (the published one, packages/cli/bin/autoscale.js,
// once `npm run build` has made it; else the sources), with the module compile cache warm:
// - a fleet: 100 pool-weeks (seeded, each its own pool: 20,160 rows of 30-s samples, the replay
//   benchmark's 9 columns) replayed with the docs' Example 2 in one command, `--jobs 1` against
//   `--jobs 2`: parallel efficiency T(jobs 1) / (2 x T(jobs 2)) (target >= 80% on two cores),
//   beside the machine's own: two `--jobs 1` processes, half the fleet each, at once;
// - one pool, 1, 3, 6 and 12 months (the replay benchmark's pool-year and its first months),
//   every 5 min: time and peak RSS against rows, and the straight line through them;
// - `autoscale tune` of the pending-tasks example's cap on the example week, open loop, 50 to 500
//   variants on two threads: time and peak RSS against variants, and the line through them.
// Peak RSS is the spawned command's own (every thread), reported by a preloaded module as it
// exits. Runs alternate between the cases compared and each figure is the best of its runs, so that
// a machine busy with other work slows all alike. Prints figures; asserts nothing.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_2 } from './core.bench.ts';
import { writeYear, YEAR_ROWS } from './replay.bench.ts';
import { median } from './stats.ts';
import { random } from '../test/e2e/support/year-recording.ts';
import { LAUNCHER } from './startup.bench.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES_BIN = join(ROOT, 'packages/cli/src/bin.ts');
const BUNDLE = join(ROOT, 'packages/cli/dist/cli.cjs');

export const FLEET_POOLS = 100;
export const WEEK_ROWS = 7 * 2880;
const MONTH_ROWS = YEAR_ROWS / 12;
const MONTHS = [1, 3, 6, 12] as const;
const VARIANTS = [50, 100, 250, 500] as const;
const FLEET_ROUNDS = 7;
const YEAR_ROUNDS = 3;
const TUNE_ROUNDS = 3;
const HEADER =
  'timestamp,$ActiveTasks,$RunningTasks,$PendingTasks,$SucceededTasks,$FailedTasks,$CPUPercent,$CurrentDedicatedNodes,$CurrentLowPriorityNodes';
const WEEK_START = Date.parse('2025-01-06T00:00:00Z');

/**
 * Pool `pool`'s week: the replay benchmark's columns and daily rhythm, with the pool's own size,
 * working hours and noise, random bursts of pending tasks and a few missing CPU samples.
 */
export async function writePoolWeek(path: string, pool: number): Promise<void> {
  const next = random(0x5eed + pool);
  const size = 10 + Math.floor(next() * 50);
  const shift = next() * 6;
  const out = createWriteStream(path);
  let text = `${HEADER}\n`;
  let burst = 0;
  for (let i = 0; i < WEEK_ROWS; i++) {
    const hour = (i / 120 + shift) % 24;
    const weekend = Math.floor(i / 2880) >= 5;
    if (burst > 0) burst -= 1;
    else if (next() < 0.0005) burst = Math.floor(next() * 240);
    const daily = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 14));
    const load = Math.round((weekend ? 0.1 : 1) * size * daily + (burst > 0 ? size / 2 : 0) + next() * 4);
    const running = Math.min(load, size);
    const nodes = Math.ceil(running / 4) + 1;
    const cpu = next() < 0.001 ? '' : Math.min(100, (running / (nodes * 4)) * 90 + next() * 8).toFixed(1);
    text += `${new Date(WEEK_START + i * 30_000).toISOString().replace('.000Z', 'Z')},${load - running},${running},${load},${i % 3},${next() < 0.02 ? 1 : 0},${cpu},${nodes},${i % 5}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

/** How the command is run: the published bundle when built, else the sources. */
interface Command {
  kind: 'built' | 'sources';
  args: string[];
  env: NodeJS.ProcessEnv;
  rssFile: string;
}

function command(dir: string): Command {
  // Reports the whole process's peak RSS (every thread) as it exits, from the main thread only.
  const preload = join(dir, 'peak-rss.cjs');
  const rssFile = join(dir, 'peak-rss.txt');
  writeFileSync(
    preload,
    // VmHWM in kB (starts afresh at exec, unlike maxRSS, which a child inherits from this process).
    `if (require('node:worker_threads').isMainThread) process.on('exit', () => { const fs = require('node:fs'); let kb; try { kb = /VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]; } catch { kb = process.resourceUsage().maxRSS; } fs.writeFileSync(${JSON.stringify(rssFile)}, String(kb)); });\n`,
  );
  const built = existsSync(BUNDLE);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_COMPILE_CACHE: join(dir, 'compile-cache'),
    // As a user runs the published command: without this repository's development condition.
    NODE_OPTIONS: `${built ? '' : '--conditions=autoscale-source '}--require ${preload}`,
  };
  return { kind: built ? 'built' : 'sources', args: [built ? LAUNCHER : SOURCES_BIN], env, rssFile };
}

interface Run {
  ms: number;
  rssMb: number;
  stdout: string;
}

function run(cmd: Command, args: readonly string[], cwd: string): Run {
  rmSync(cmd.rssFile, { force: true });
  const start = performance.now();
  const r = spawnSync(process.execPath, [...cmd.args, ...args], {
    cwd,
    env: cmd.env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`autoscale ${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMb: Number(readFileSync(cmd.rssFile, 'utf8')) / 1024, stdout: r.stdout };
}

/** Wall time of the commands run at once, each its own process, until the last exits. */
async function runTogether(cmd: Command, argsList: readonly string[][], cwd: string): Promise<number> {
  const start = performance.now();
  await Promise.all(
    argsList.map(
      (args) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [...cmd.args, ...args], { cwd, env: cmd.env, stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`autoscale ${args[0]} exited ${code}`)),
          );
        }),
    ),
  );
  return performance.now() - start;
}

const best = (runs: readonly Run[]): Run => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const peak = (runs: readonly Run[]): number => Math.max(...runs.map((r) => r.rssMb));
/** Evaluations per formula of the first replay a text report describes. */
const evaluations = (report: string): number =>
  Number(/: ([\d,]+) evaluations every/.exec(report)?.[1]?.replace(/,/g, ''));

/** The least-squares line y = fixed + slope x, and how far the points stray from it (largest relative gap). */
export interface LineFit {
  fixed: number;
  slope: number;
  maxDeviation: number;
}

export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    sxx += ((xs[i] as number) - mx) ** 2;
  }
  const slope = sxy / sxx;
  const fixed = my - slope * mx;
  const maxDeviation = Math.max(
    ...xs.map((x, i) => Math.abs(fixed + slope * x - (ys[i] as number)) / (ys[i] as number)),
  );
  return { fixed, slope, maxDeviation };
}

export interface FleetFigures {
  pools: number;
  rowsPerPool: number;
  evaluationsPerPool: number;
  /** Best of the rounds, and the efficiency from them: T(jobs 1) / (2 x T(jobs 2)). */
  jobs1Ms: number;
  jobs2Ms: number;
  efficiency: number;
  /**
   * The median of the rounds' own efficiencies (each round's --jobs 1 and --jobs 2 run one after
   * the other): how much the machine's other work moved the figure.
   */
  medianEfficiency: number;
  /**
   * The machine's own ceiling: two independent `--jobs 1` processes, half the fleet each, run at
   * once (no threads, nothing shared): best wall time, and T(jobs 1) / (2 x that).
   */
  halvesMs: number;
  machineEfficiency: number;
  jobs1RssMb: number;
  jobs2RssMb: number;
  /** Whether --jobs 1 and --jobs 2 printed the same report. */
  sameReport: boolean;
  rounds: number;
}

export interface YearPoint {
  months: number;
  rows: number;
  evaluations: number;
  ms: number;
  rssMb: number;
  msPerMillionRows: number;
}

export interface TunePoint {
  variants: number;
  ms: number;
  rssMb: number;
  perSecond: number;
}

export interface FleetBenchFigures {
  command: 'built' | 'sources';
  cores: number;
  fleet: FleetFigures;
  year: YearPoint[];
  /** Time (ms) and peak RSS (MB) against rows in millions. */
  yearTime: LineFit;
  yearRss: LineFit;
  tuneRecordingRows: number;
  tune: TunePoint[];
  /** Time (ms) and peak RSS (MB) against variants. */
  tuneTime: LineFit;
  tuneRss: LineFit;
  wallSeconds: number;
}

async function benchFleetReplay(cmd: Command, dir: string, formula: string): Promise<FleetFigures> {
  const recordings: string[] = [];
  for (let pool = 0; pool < FLEET_POOLS; pool++) {
    const name = `pool-${String(pool).padStart(3, '0')}.csv`;
    await writePoolWeek(join(dir, name), pool);
    recordings.push('-r', name);
  }
  const args = (jobs: number): string[] => ['replay', formula, ...recordings, '--jobs', String(jobs)];
  // Fills the compile cache, the workers' modules too.
  run(cmd, ['replay', formula, ...recordings.slice(0, 4), '--jobs', '2'], dir);
  const half = recordings.length / 2;
  const halves = [
    ['replay', formula, ...recordings.slice(0, half), '--jobs', '1'],
    ['replay', formula, ...recordings.slice(half), '--jobs', '1'],
  ];
  const one: Run[] = [];
  const two: Run[] = [];
  const together: number[] = [];
  for (let round = 0; round < FLEET_ROUNDS; round++) {
    // Taking turns, in another order every other round.
    if (round % 2 === 0) one.push(run(cmd, args(1), dir));
    two.push(run(cmd, args(2), dir));
    together.push(await runTogether(cmd, halves, dir));
    if (round % 2 === 1) one.push(run(cmd, args(1), dir));
  }
  const [b1, b2] = [best(one), best(two)];
  return {
    pools: FLEET_POOLS,
    rowsPerPool: WEEK_ROWS,
    evaluationsPerPool: evaluations(b1.stdout),
    jobs1Ms: b1.ms,
    jobs2Ms: b2.ms,
    efficiency: b1.ms / (2 * b2.ms),
    medianEfficiency: median(one.map((r, i) => r.ms / (2 * (two[i] as Run).ms))),
    halvesMs: Math.min(...together),
    machineEfficiency: b1.ms / (2 * Math.min(...together)),
    jobs1RssMb: peak(one),
    jobs2RssMb: peak(two),
    sameReport: [...one, ...two].every((r) => r.stdout === b1.stdout),
    rounds: FLEET_ROUNDS,
  };
}

async function benchYear(cmd: Command, dir: string, formula: string): Promise<YearPoint[]> {
  const files = new Map<number, string>();
  for (const months of MONTHS) {
    const file = `months-${months}.csv`;
    await writeYear(join(dir, file), months * MONTH_ROWS);
    files.set(months, file);
  }
  const args = (months: number): string[] => ['replay', formula, '-r', files.get(months) as string, '--interval', '5m'];
  const runs = new Map<number, Run[]>(MONTHS.map((m) => [m, []]));
  for (let round = 0; round < YEAR_ROUNDS; round++)
    for (const months of round % 2 === 0 ? MONTHS : [...MONTHS].reverse())
      runs.get(months)?.push(run(cmd, args(months), dir));
  return MONTHS.map((months) => {
    const all = runs.get(months) ?? [];
    const b = best(all);
    const rows = months * MONTH_ROWS;
    return {
      months,
      rows,
      evaluations: evaluations(b.stdout),
      ms: b.ms,
      rssMb: peak(all),
      msPerMillionRows: b.ms / (rows / 1e6),
    };
  });
}

function benchTuneScaling(cmd: Command, dir: string): TunePoint[] {
  const formula = join(ROOT, 'examples/formulas/pending-tasks.autoscale');
  const recording = join(ROOT, 'examples/recordings/week.csv');
  const args = (variants: number): string[] => [
    'tune',
    formula,
    '-r',
    recording,
    '--param',
    `maxNumberOfVMs=1..${variants}`,
    '--budget',
    String(variants),
    '--jobs',
    '2',
  ];
  const runs = new Map<number, Run[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < TUNE_ROUNDS; round++)
    for (const variants of round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse())
      runs.get(variants)?.push(run(cmd, args(variants), dir));
  return VARIANTS.map((variants) => {
    const all = runs.get(variants) ?? [];
    const b = best(all);
    return { variants, ms: b.ms, rssMb: peak(all), perSecond: (variants / b.ms) * 1000 };
  });
}

export async function benchFleet(): Promise<FleetBenchFigures> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-fleet-'));
  try {
    const cmd = command(dir);
    const formula = 'example-2.autoscale';
    writeFileSync(join(dir, formula), `${EXAMPLE_2}\n`);
    const fleet = await benchFleetReplay(cmd, dir, formula);
    const year = await benchYear(cmd, dir, formula);
    const tune = benchTuneScaling(cmd, dir);
    const millions = year.map((p) => p.rows / 1e6);
    const variants = tune.map((p) => p.variants);
    return {
      command: cmd.kind,
      cores: availableParallelism(),
      fleet,
      year,
      yearTime: fitLine(
        millions,
        year.map((p) => p.ms),
      ),
      yearRss: fitLine(
        millions,
        year.map((p) => p.rssMb),
      ),
      tuneRecordingRows:
        readFileSync(join(ROOT, 'examples/recordings/week.csv'), 'utf8').trimEnd().split('\n').length - 1,
      tune,
      tuneTime: fitLine(
        variants,
        tune.map((p) => p.ms),
      ),
      tuneRss: fitLine(
        variants,
        tune.map((p) => p.rssMb),
      ),
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 2): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (x: number): string => `${fmt(x * 100, 0)}%`;

/** The figures as `npm run bench` prints them, each with its anchor and target. */
export function fleetReport(f: FleetBenchFigures): string {
  const { fleet, year, tune } = f;
  const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;
  const y = last(year);
  const t = last(tune);
  return [
    `fleet: ${fleet.pools} pool-weeks (${fmt(fleet.pools * fleet.rowsPerPool, 0)} rows of 30-s samples, ${fmt(fleet.pools * fleet.evaluationsPerPool, 0)} evaluations of docs Example 2) in one \`autoscale replay\` (${f.command}): ` +
      `--jobs 1 ${fmt(fleet.jobs1Ms / 1000)} s (${fmt(fleet.jobs1RssMb, 0)} MB), --jobs 2 ${fmt(fleet.jobs2Ms / 1000)} s (${fmt(fleet.jobs2RssMb, 0)} MB); ` +
      `parallel efficiency ${pct(fleet.efficiency)} (median of the rounds: ${pct(fleet.medianEfficiency)})${fleet.sameReport ? '' : '; THE REPORTS DIFFER'}; ` +
      `the machine's own, two --jobs 1 processes of ${fleet.pools / 2} pool-weeks at once: ${fmt(fleet.halvesMs / 1000)} s, ${pct(fleet.machineEfficiency)}` +
      `   (anchor: --jobs 1, ${f.cores} cores; target: >= 80%)`,
    `replay of one pool by length, every 5 min: ${year.map((p) => `${p.months} mo (${fmt(p.rows / 1e6)} M rows) ${fmt(p.ms / 1000)} s, ${fmt(p.rssMb, 0)} MB`).join('; ')}; ` +
      `time ${fmt(f.yearTime.fixed / 1000)} s + ${fmt(f.yearTime.slope / 1000)} s per million rows (off the line by <= ${pct(f.yearTime.maxDeviation)}), ` +
      `peak RSS ${fmt(f.yearRss.fixed, 0)} MB + ${fmt(f.yearRss.slope, 0)} MB per million rows (<= ${pct(f.yearRss.maxDeviation)}); the year: ${fmt(y.msPerMillionRows / 1000)} s per million rows` +
      '   (anchor: the fixed cost, start-up and one evaluation run; target: linear in rows, the year < 5 s and < 1 GB)',
    `tune of pending-tasks' cap on the example week (${fmt(f.tuneRecordingRows, 0)} rows), open loop, --jobs 2, by variants: ${tune.map((p) => `${p.variants}: ${fmt(p.ms / 1000)} s, ${fmt(p.rssMb, 0)} MB, ${fmt(p.perSecond, 0)}/s`).join('; ')}; ` +
      `time ${fmt(f.tuneTime.fixed / 1000)} s + ${fmt(f.tuneTime.slope, 1)} ms per variant (off the line by <= ${pct(f.tuneTime.maxDeviation)}), ` +
      `peak RSS ${fmt(f.tuneRss.fixed, 0)} MB + ${fmt(f.tuneRss.slope * 1024, 0)} KB per variant (<= ${pct(f.tuneRss.maxDeviation)})` +
      `   (anchor: the fixed cost, start-up, reading and the formula as written; target: linear in variants, ${t.variants} variants < 1 GB)`,
  ].join('\n');
}

if (import.meta.main) {
  const figures = await benchFleet();
  console.log(fleetReport(figures));
  console.log(`(${fmt(figures.wallSeconds, 0)} s)`);
}
