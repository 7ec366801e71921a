// Reads a wide CSV recording as a stream: `#` metadata lines (`# key: value`) and comments, a
// header `timestamp,$Var,...` whose names core's registry resolves, then one row per sample time
// (an empty cell is a missing sample). Every problem is reported as file:line:col; reading stops
// after MAX_READ_ERRORS. The format is specified in RECORDING-FORMAT.md.

import type { LineSource } from '../io/lines.ts';
import { InstantParser, parseNumberCell } from './cells.ts';
import { resolveColumn, TIME_COLUMN } from './columns.ts';
import { ErrorList } from './errors.ts';
import { RecordingBuilder, type ColumnBuilder } from './builder.ts';
import { isMetaKey, parseMetaLine, setMetaField, type RecordingMeta } from './meta.ts';
import { checkCellValue } from './values.ts';
import type { KeepColumn, Recording } from './model.ts';
import type { ColumnResult } from './columns.ts';

/** Hands the rows read so far to a consumer every `rows` rows (streaming replays); see stream-worker.ts. */
export interface CsvBatches {
  rows: number;
  /** Gets each full batch as a small Recording (columns share its times when dense); meta is final by then. */
  emit(batch: Recording, meta: RecordingMeta, charsRead: number): void;
}

export interface CsvReadState {
  /** Holds the rows not yet emitted as a batch (all of them without batching). */
  builder: RecordingBuilder;
  meta: RecordingMeta;
  errors: ErrorList;
  /** False when no header row was found. */
  sawHeader: boolean;
}

/** A cell of the header, with the 1-based column it starts at. */
function splitWithColumns(line: string): Array<{ text: string; column: number }> {
  const cells: Array<{ text: string; column: number }> = [];
  let start = 0;
  for (;;) {
    const comma = line.indexOf(',', start);
    const end = comma === -1 ? line.length : comma;
    cells.push({ text: line.slice(start, end), column: start + 1 });
    if (comma === -1) return cells;
    start = comma + 1;
  }
}

/** A header cell may be quoted by a spreadsheet: "$PendingTasks". Inner quotes are not allowed. */
function unquote(text: string): string | undefined {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    const inner = t.slice(1, -1);
    return inner.includes('"') ? undefined : inner;
  }
  return t.includes('"') ? undefined : t;
}

export async function readCsvRecording(
  lines: LineSource,
  display: string,
  keep: KeepColumn,
  batches?: CsvBatches,
): Promise<CsvReadState> {
  const errors = new ErrorList(display);
  let builder = new RecordingBuilder(display, keep);
  let headerNames: Array<string | null> = [];
  const meta: RecordingMeta = {};
  const instants = new InstantParser();
  let header: Array<ColumnBuilder | undefined | null> | undefined;
  let resolved: ColumnResult[] = [];
  let sawHeader = false;
  /** Characters read so far (line ends included), for progress. */
  let charsRead = 0;

  const readHeader = (line: string, n: number): void => {
    sawHeader = true;
    const cells = splitWithColumns(line);
    const first = cells[0] as { text: string; column: number };
    if (unquote(first.text) !== TIME_COLUMN) {
      errors.add(n, `the first column must be "${TIME_COLUMN}", got "${first.text}"`, first.column);
    }
    const seen = new Map<string, number>();
    const names: Array<string | null> = [null];
    header = [null];
    resolved = [];
    for (const cell of cells.slice(1)) {
      const name = unquote(cell.text);
      const r: ColumnResult =
        name === undefined
          ? { ok: false, reason: `column name ${cell.text} has stray quotes` }
          : name === ''
            ? { ok: false, reason: 'empty column name' }
            : resolveColumn(name);
      resolved.push(r);
      if (!r.ok) {
        errors.add(n, r.reason, cell.column);
        header.push(null);
        names.push(null);
        continue;
      }
      const earlier = seen.get(r.column.name);
      if (earlier !== undefined) {
        errors.add(n, `column ${name} repeats ${r.column.name} (column ${earlier})`, cell.column);
        header.push(null);
        names.push(null);
        continue;
      }
      seen.set(r.column.name, cell.column);
      header.push(builder.column(r.column.name));
      names.push(r.column.name);
    }
    headerNames = names;
  };

  /** Emits the rows so far as a batch and starts the next one with the same columns. */
  const flush = (): void => {
    if (batches === undefined || !errors.empty) return;
    const last = builder.lastTime;
    batches.emit(builder.finish('csv', meta), meta, charsRead);
    builder = new RecordingBuilder(display, keep, last);
    header = headerNames.map((name) => (name === null ? null : builder.column(name)));
  };

  const readRow = (line: string, n: number, columns: Array<ColumnBuilder | undefined | null>): void => {
    const cells = line.split(',');
    if (cells.length !== columns.length) {
      errors.add(
        n,
        `expected ${columns.length} cells (timestamp and ${columns.length - 1} metrics), got ${cells.length}`,
      );
      return;
    }
    const stamp = instants.parse((cells[0] as string).trim());
    if (!stamp.ok) {
      errors.add(n, `timestamp: ${stamp.reason}`, 1);
      return;
    }
    const order = builder.beginRow(stamp.ms);
    if (order !== undefined) {
      errors.add(n, order, 1);
      return;
    }
    for (let i = 1; i < cells.length; i++) {
      const text = cells[i] as string;
      const column = columns[i];
      if (text === '' || text.trim() === '') {
        if (column) builder.missing(column);
        continue;
      }
      const value = parseNumberCell(text);
      const r = resolved[i - 1];
      const problem = Number.isNaN(value)
        ? `"${text}" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)`
        : r?.ok
          ? checkCellValue(r.column, value)
          : undefined;
      if (problem !== undefined) {
        errors.add(n, `${r?.ok ? r.column.name : `column ${i + 1}`}: ${problem}`, cellColumn(cells, i));
        continue;
      }
      column?.push(builder.rows - 1, stamp.ms, value);
    }
  };

  await lines((line, n) => {
    charsRead += line.length + 1;
    if (header === undefined) {
      if (line.trim() === '') return true;
      if (line.startsWith('#')) {
        const entry = parseMetaLine(line);
        if (entry !== undefined) {
          const problem = setMetaField(meta, entry.key, entry.value, true);
          if (problem) errors.add(n, problem.message, 1);
        }
        return !errors.full;
      }
      readHeader(line, n);
      // A broken header makes every row an error; stop here with the header's errors.
      return errors.empty;
    }
    if (line === '' || line.startsWith('#')) {
      const entry = line.startsWith('#') ? parseMetaLine(line) : undefined;
      if (entry !== undefined && isMetaKey(entry.key))
        errors.add(n, `metadata (${entry.key}) must come before the header row`, 1);
      return !errors.full;
    }
    readRow(line, n, header);
    if (batches !== undefined && builder.rows >= batches.rows) flush();
    return !errors.full;
  });
  return { builder, meta, errors, sawHeader };
}

function cellColumn(cells: string[], index: number): number {
  let column = 1;
  for (let i = 0; i < index; i++) column += (cells[i] as string).length + 1;
  return column;
}
