// The JSON report written as it goes: the same text as renderJson (JSON.stringify(report, null, 2)
// and a newline), in chunks of about CHUNK_CHARS, so that a pool-year's timeline (a hundred
// thousand rows, tens of MB) is never one string nor a second copy of every row as an object.
// The report's skeleton is json.ts's own reportJson with each timeline left as a placeholder; all
// but the timelines is written by JSON.stringify itself, the rows by standardRowJson
// (standard-row-json.ts: rows as EvaluationLog.record makes them) or rowJson (any other), which
// tests hold to JSON.stringify's output. Pure: the playground can use it too.

import { flattenString } from '@autoscale/core';
import type { RecordingReplay, TimelineRow } from '../replay/types.ts';
import { hasRowKeys } from '../replay/timeline-row-keys.ts';
import { InstantPieces } from './kept-pieces.ts';
import { reportJson } from './json.ts';
import { standardRowWriter } from './standard-row-json.ts';

export { standardRowJson } from './standard-row-json.ts';

/** About how many characters each chunk holds. */
export const CHUNK_CHARS = 1 << 16;

/** A formula's timeline in the skeleton, written row by row. */
class StreamedRows {
  readonly rows: readonly TimelineRow[];

  constructor(rows: readonly TimelineRow[]) {
    this.rows = rows;
  }
}

/** The JSON report in chunks; joined, they are renderJson(replays, compare). */
export function* jsonReportChunks(replays: readonly RecordingReplay[], compare: boolean): Generator<string> {
  const skeleton = reportJson(replays, compare, (rows) => new StreamedRows(rows));
  const out = new Chunks();
  yield* value(skeleton, '', out);
  out.add('\n');
  yield out.take();
}

/** Collects text until there is a chunk's worth. */
class Chunks {
  private text = '';

  add(text: string): void {
    this.text += text;
  }

  get full(): boolean {
    return this.text.length >= CHUNK_CHARS;
  }

  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** Writes `v` (not undefined) as JSON.stringify(v, null, 2) would at this indentation. */
function* value(v: unknown, indent: string, out: Chunks): Generator<string> {
  if (v instanceof StreamedRows) {
    yield* rows(v.rows, indent, out);
    return;
  }
  if (!holdsRows(v)) {
    out.add(indented(JSON.stringify(v, null, 2), indent));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    out.add('[');
    for (let i = 0; i < v.length; i++) {
      // The arrays that hold timelines (replays, formulas) hold objects only.
      out.add(`${i > 0 ? ',' : ''}\n${inner}`);
      yield* value(v[i], inner, out);
    }
    out.add(`\n${indent}]`);
    return;
  }
  out.add('{');
  let first = true;
  for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
    // As JSON.stringify: an object leaves out a value JSON cannot hold (the report's data is plain).
    if (item === undefined) continue;
    out.add(`${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    yield* value(item, inner, out);
  }
  out.add(first ? '}' : `\n${indent}}`);
}

/** Whether a timeline placeholder is inside `v` (only those containers are walked by hand). */
function holdsRows(v: unknown): boolean {
  if (v instanceof StreamedRows) return true;
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(holdsRows);
  return Object.values(v).some(holdsRows);
}

function indented(json: string, indent: string): string {
  return indent === '' ? json : json.replaceAll('\n', `\n${indent}`);
}

function* rows(list: readonly TimelineRow[], indent: string, out: Chunks): Generator<string> {
  if (list.length === 0) {
    out.add('[]');
    return;
  }
  const inner = `${indent}  `;
  // Flat, as every piece used over and over: flattening a chunk is slower for each piece that is a rope.
  const first = flattenString(`[\n${inner}`);
  const next = flattenString(`,\n${inner}`);
  const standard = standardRowWriter(inner);
  for (let i = 0; i < list.length; i++) {
    const row = list[i] as TimelineRow;
    // A row as EvaluationLog.record makes it is written by a template; any other by the general way.
    const json = hasRowKeys(row) ? standard.write(row) : rowJson(row, inner);
    out.add((i > 0 ? next : first) + json);
    if (out.full) yield out.take();
  }
  out.add(`\n${indent}]`);
}

/**
 * One row as JSON.stringify(timelineJson(row), null, 2) writes it at this indentation: the row's own
 * keys in their order, the time as an ISO instant, numbers and strings as JSON spells them.
 */
export function rowJson(row: TimelineRow, indent: string): string {
  const keys = keyPrefixes(indent);
  let text = '{';
  let first = true;
  const fields = row as unknown as Record<string, unknown>;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const item = fields[key];
    let json: string | undefined;
    if (key === 'time') json = `"${instants.text(row.time)}"`;
    else if (item === null) json = 'null';
    else if (typeof item === 'number') json = Number.isFinite(item) ? String(item) : 'null';
    else if (typeof item === 'string') json = JSON.stringify(item);
    else json = indented(JSON.stringify(item, null, 2) ?? '', `${indent}  `) || undefined;
    if (json === undefined) continue;
    let prefix = keys.get(key);
    if (prefix === undefined) {
      prefix = `,\n${indent}  ${JSON.stringify(key)}: `;
      keys.set(key, prefix);
    }
    text += first ? prefix.slice(1) + json : prefix + json;
    first = false;
  }
  return first ? '{}' : `${text}\n${indent}}`;
}

const instants = new InstantPieces('', '');

/** Per indentation, each key's `,\n<indent>"key": ` (row keys are a handful of names). */
const PREFIXES = new Map<string, Map<string, string>>();

function keyPrefixes(indent: string): Map<string, string> {
  let keys = PREFIXES.get(indent);
  if (keys === undefined) {
    keys = new Map();
    PREFIXES.set(indent, keys);
  }
  return keys;
}
