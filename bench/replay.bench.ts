// Replay benchmark (run by `npm run bench`): a pool-year of 30-second samples (1,051,200 rows,
// timestamp + 8 metric columns) written to a temporary CSV, replayed open loop with a 5-minute
// interval, with the docs' Example 2 formula. Each measurement runs in a fresh child process so
// its peak RSS is its own: one that only reads the recording, one that replays it as the CLI does
// (read on the main thread, 105,120 evaluations on a worker as batches arrive, summary).
// Prints figures; asserts nothing (targets: < 5 s, < 1 GB, replay/read <= 1.5).

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { columnsToKeep, prepareFormula, readRecording, renderText, replayFile } from '@autoscale/replay';
import { EXAMPLE_2 } from './core.bench.ts';

export const YEAR_ROWS = 365 * 2880;
const START = Date.parse('2025-01-01T00:00:00Z');

/** The formula replayed: the Azure docs' Example 2, as in core's evaluation benchmark. */
export const BENCH_FORMULA = EXAMPLE_2;

/** Writes the pool-year: daily and weekly cycles, a few missing CPU samples. */
export async function writeYear(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    'timestamp,$ActiveTasks,$RunningTasks,$PendingTasks,$SucceededTasks,$FailedTasks,$CPUPercent,$CurrentDedicatedNodes,$CurrentLowPriorityNodes\n',
  );
  let buffer = '';
  for (let i = 0; i < YEAR_ROWS; i++) {
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

interface ChildFigures {
  ms: number;
  rssMb: number;
  rows: number;
  evaluations: number;
}

/** In the child: read only, or replay; prints one JSON line. */
async function child(mode: string, path: string): Promise<void> {
  const t0 = performance.now();
  let rows = 0;
  let evaluations = 0;
  if (mode === 'read') {
    const r = await readRecording(path, {
      keep: columnsToKeep([prepareFormula({ name: 'bench', text: BENCH_FORMULA })]),
    });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    rows = r.value.times.length;
  } else {
    const r = await replayFile(
      path,
      [{ name: 'bench', text: BENCH_FORMULA }],
      { mode: 'open', interval: 5 * 60_000 },
      { buildResults: false },
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    renderText([r.replay], false);
    evaluations = r.replay.formulas[0]?.summary.evaluations ?? 0;
  }
  const figures: ChildFigures = {
    ms: performance.now() - t0,
    rssMb: process.resourceUsage().maxRSS / 1024,
    rows,
    evaluations,
  };
  console.log(JSON.stringify(figures));
}

function measure(mode: 'read' | 'replay', path: string): ChildFigures {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode, path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ChildFigures;
}

export interface ReplayBenchFigures {
  rows: number;
  evaluations: number;
  readMs: number;
  replayMs: number;
  ratio: number;
  readRssMb: number;
  replayRssMb: number;
}

/** Best of two runs of each, every run in its own process. */
export async function benchReplay(): Promise<ReplayBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
  const path = join(dir, 'pool-year.csv');
  try {
    await writeYear(path);
    const reads = [measure('read', path), measure('read', path)];
    const replays = [measure('replay', path), measure('replay', path)];
    const read = reads.reduce((a, b) => (b.ms < a.ms ? b : a));
    const replay = replays.reduce((a, b) => (b.ms < a.ms ? b : a));
    return {
      rows: read.rows,
      evaluations: replay.evaluations,
      readMs: read.ms,
      replayMs: replay.ms,
      ratio: replay.ms / read.ms,
      readRssMb: Math.max(...reads.map((r) => r.rssMb)),
      replayRssMb: Math.max(...replays.map((r) => r.rssMb)),
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
  await child(process.argv[2], process.argv[3]);
}
