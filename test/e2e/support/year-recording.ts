// A pool-year recording for report tests: 1,051,200 rows of 30-s samples from 2026-01-01, written
// as CSV. Seeded (the same file every run) and noisy as real pools are (a daily and weekly
// rhythm of pending tasks with random bursts, CPU with one decimal), so that what a report
// embeds compresses no better than a user's would.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
export const YEAR_ROWS = 365 * 24 * 120;

/** A small, seeded generator (mulberry32): the same numbers on every machine (the benches' too). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function writeYearRecording(path: string): Promise<void> {
  const next = random(20260101);
  const out = createWriteStream(path);
  out.write('timestamp,$PendingTasks,$ActiveTasks,$RunningTasks,$CPUPercent,$CurrentDedicatedNodes\n');
  let burst = 0;
  let nodes = 4;
  let lines: string[] = [];
  for (let row = 0; row < YEAR_ROWS; row++) {
    const t = YEAR_START + row * 30_000;
    const hour = (t / 3_600_000) % 24;
    const weekday = new Date(t).getUTCDay() % 6 !== 0;
    if (burst > 0) burst -= 1 + Math.floor(next() * 3);
    else if (next() < 0.0004) burst = 50 + Math.floor(next() * 400);
    const base = weekday && hour >= 8 && hour < 18 ? 40 : 6;
    const pending = Math.max(0, Math.round(base + Math.max(0, burst) + (next() - 0.5) * 12));
    const running = Math.min(pending, nodes * 2);
    const cpu = Math.min(100, Math.max(0, (running / Math.max(1, nodes * 2)) * 85 + next() * 10)).toFixed(1);
    if (row % 20 === 0) nodes = Math.max(1, Math.min(60, nodes + Math.sign(pending - nodes * 2)));
    lines.push(
      `${new Date(t).toISOString().replace('.000Z', 'Z')},${pending},${pending - running},${running},${cpu},${nodes}`,
    );
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}
