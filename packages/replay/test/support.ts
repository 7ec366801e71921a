// Test helpers for @autoscale/replay: temporary recording files, a recording built from a small
// table, and instants relative to a fixed Monday.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const T0 = Date.parse('2026-01-05T00:00:00Z');
export const MIN = 60_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'autoscale-replay-'));

  write(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A wide CSV: `columns` after timestamp, one row per 30 s from `start`, `value(row, column)` ('' = missing). */
export function csv(
  columns: string[],
  rows: number,
  value: (row: number, column: string) => number | string,
  start = T0,
  header: string[] = [],
): string {
  const lines = [...header, ['timestamp', ...columns].join(',')];
  for (let r = 0; r < rows; r++)
    lines.push([iso(start + r * 30_000), ...columns.map((c) => String(value(r, c)))].join(','));
  return `${lines.join('\n')}\n`;
}

/** `value`, or a thrown error naming what was missing: the tests' alternative to a non-null assertion. */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error(`expected a value, got ${value}`);
  return value;
}
