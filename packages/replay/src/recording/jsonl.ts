// Reads a JSON Lines recording as a stream: an optional first line `{"meta": {...}}`, then one
// object per sample time, `{"timestamp": "...", "$PendingTasks": 12, ...}`, where a missing key or
// null is a missing sample. Keys are resolved by core's registry; problems are file:line errors.
// Lines come as bytes (byte-lines.ts); a plainly right row goes straight into the columns
// (jsonl-row.ts), and every other line is decoded and read with JSON.parse here.

import { byteLinesOf } from '../io/byte-lines.ts';
import type { LineSource } from '../io/lines.ts';
import { JsonlRowReader } from './jsonl-row.ts';
import { InstantParser } from './cells.ts';
import { resolveColumn, TIME_COLUMN, type ColumnResult } from './columns.ts';
import { ErrorList } from './errors.ts';
import { RecordingBuilder, RowReserve } from './builder.ts';
import { readMetaObject, type RecordingMeta } from './meta.ts';
import { checkCellValue } from './values.ts';
import type { KeepColumn } from './model.ts';

export interface JsonlReadState {
  builder: RecordingBuilder;
  meta: RecordingMeta;
  errors: ErrorList;
}

/** Parses a line, or a whole document, as JSON; the engine's message says where it broke. */
export function parseJsonText(line: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (err) {
    return { ok: false, reason: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export async function readJsonlRecording(
  lines: LineSource,
  display: string,
  keep: KeepColumn,
): Promise<JsonlReadState> {
  const errors = new ErrorList(display);
  const builder = new RecordingBuilder(display, keep);
  let meta: RecordingMeta = {};
  const instants = new InstantParser();
  const columns = new Map<string, ColumnResult>();
  let rows = 0;

  const resolve = (key: string): ColumnResult => {
    let r = columns.get(key);
    if (r === undefined) {
      r = resolveColumn(key);
      columns.set(key, r);
    }
    return r;
  };

  const fast = new JsonlRowReader(resolve);
  const decoder = new TextDecoder();
  const reserve = new RowReserve(lines.size);
  let bytesRead = 0;
  await byteLinesOf(lines)((bytes, start, end, n) => {
    bytesRead += end - start + 1;
    // The common case: a row plainly right, read from its bytes (a meta line never is one).
    if (fast.read(bytes, start, end, builder)) {
      rows = Math.max(rows, 0) + 1;
      reserve.afterRow(builder, bytesRead);
      return true;
    }
    const more = readLine(decoder.decode(bytes.subarray(start, end)), n);
    reserve.afterRow(builder, bytesRead);
    return more;
  });

  /** Any line as text: blank lines, the meta line, and every row the fast path left. */
  function readLine(line: string, n: number): boolean {
    if (line.trim() === '') return true;
    const parsed = parseJsonText(line);
    if (!parsed.ok) {
      errors.add(n, parsed.reason);
      return !errors.full;
    }
    const row = parsed.value;
    if (!isPlainObject(row)) {
      errors.add(n, 'each line must be a JSON object like {"timestamp": "2026-01-05T00:00:00Z", "$PendingTasks": 3}');
      return !errors.full;
    }
    if (rows === 0 && Object.hasOwn(row, 'meta')) {
      const keys = Object.keys(row);
      if (keys.length !== 1) errors.add(n, 'the metadata line holds only "meta"');
      const r = readMetaObject(row.meta);
      meta = r.meta;
      for (const p of r.problems) errors.add(n, `meta: ${p.message}`);
      rows = -1; // The next line is the first row; a second meta line is then an unknown key.
      return !errors.full;
    }
    rows = Math.max(rows, 0) + 1;
    readRow(row, n);
    return !errors.full;
  }

  function readRow(row: Record<string, unknown>, n: number): void {
    const stampText = row[TIME_COLUMN];
    if (typeof stampText !== 'string') {
      errors.add(
        n,
        `"${TIME_COLUMN}" must be an ISO 8601 instant string like "2026-01-05T00:00:00Z"${stampText === undefined ? ' (it is missing)' : ''}`,
      );
      return;
    }
    const stamp = instants.parse(stampText);
    if (!stamp.ok) {
      errors.add(n, `timestamp: ${stamp.reason}`);
      return;
    }
    // Validate every key before starting the row, so a bad line leaves no half-row behind.
    const cells: Array<[string, number]> = [];
    const seen: string[] = [];
    let ok = true;
    for (const [key, value] of Object.entries(row)) {
      if (key === TIME_COLUMN) continue;
      const r = resolve(key);
      if (!r.ok) {
        errors.add(n, r.reason);
        ok = false;
        continue;
      }
      // Noted before a null is skipped: a null under one spelling and a value under another is
      // still the variable given twice.
      seen.push(r.column.name);
      if (value === null) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.add(n, `${key}: expected a number or null (missing sample), got ${JSON.stringify(value)}`);
        ok = false;
        continue;
      }
      const problem = checkCellValue(r.column, value);
      if (problem !== undefined) {
        errors.add(n, `${key}: ${problem}`);
        ok = false;
        continue;
      }
      cells.push([r.column.name, value]);
    }
    if (!ok) return;
    const names = new Set<string>();
    for (const name of seen) {
      if (names.has(name)) {
        errors.add(n, `${name} is given twice (under two of its spellings)`);
        return;
      }
      names.add(name);
    }
    // Declare columns before the row starts (a column first seen now has gaps only before it);
    // null-valued ones too, so a column that is always null still counts as present.
    for (const key of Object.keys(row)) {
      const r = resolve(key);
      if (key !== TIME_COLUMN && r.ok) builder.column(r.column.name);
    }
    const order = builder.beginRow(stamp.ms);
    if (order !== undefined) {
      errors.add(n, order);
      return;
    }
    for (const [name, value] of cells) builder.column(name)?.push(builder.rows - 1, stamp.ms, value);
    builder.endSparseRow();
  }

  return { builder, meta, errors };
}
