// Reads a wide CSV recording as a stream: `#` metadata lines (`# key: value`) and comments, a
// header `timestamp,$Var,...` whose names core's registry resolves, then one row per sample time
// (an empty cell is a missing sample). Every problem is reported as file:line:col; reading stops
// after MAX_READ_ERRORS. The format is specified in RECORDING-FORMAT.md. Lines come as bytes
// (byte-lines.ts); a plainly right row goes straight into the columns (csv-row.ts), and every
// other line is decoded and read as text here, which words every problem.

import { byteLinesOf } from '../io/byte-lines.ts';
import type { LineSource } from '../io/lines.ts';
import { CsvRowLayout } from './csv-row.ts';
import { InstantParser, parseNumberCell } from './cells.ts';
import { resolveColumn, TIME_COLUMN } from './columns.ts';
import { ErrorList } from './errors.ts';
import { RecordingBuilder, RowReserve, type ColumnBuilder } from './builder.ts';
import { isMetaKey, parseMetaLine, setMetaField, type RecordingMeta } from './meta.ts';
import { checkCellValue } from './values.ts';
import type { KeepColumn, Recording } from './model.ts';
import type { ColumnResult } from './columns.ts';
import { HASH } from './byte-codes.ts';

/** Hands the rows read so far to a consumer every `rows` rows (streaming replays); see stream-worker.ts. */
export interface CsvBatches {
  rows: number;
  /**
   * Gets each full batch as a small Recording (columns share its times when dense); meta is final
   * by then. `read` is how far through the source reading is (bytes, line ends included), for progress.
   */
  emit(batch: Recording, meta: RecordingMeta, read: number): void;
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
  let builder = new RecordingBuilder(display, keep, undefined, batches?.rows);
  let headerNames: Array<string | null> = [];
  const meta: RecordingMeta = {};
  const instants = new InstantParser();
  let header: Array<ColumnBuilder | undefined | null> | undefined;
  let resolved: ColumnResult[] = [];
  let sawHeader = false;
  /** Bytes read so far (line ends included), for progress. */
  let bytesRead = 0;
  /** The fast path's view of a header that read without errors. */
  let layout: CsvRowLayout | undefined;

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
    if (errors.empty) layout = new CsvRowLayout(resolved.flatMap((r) => (r.ok ? [r.column] : [])));
  };

  /** Emits the rows so far as a batch and starts the next one with the same columns. */
  const flush = (): void => {
    if (batches === undefined || !errors.empty) return;
    const last = builder.lastTime;
    batches.emit(builder.finish('csv', meta), meta, bytesRead);
    builder = new RecordingBuilder(display, keep, last, batches.rows);
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

  const decoder = new TextDecoder();
  // Batches have their own size; a whole recording is sized from the source's.
  const reserve = new RowReserve(batches === undefined ? lines.size : undefined);
  await byteLinesOf(lines)((bytes, start, end, n) => {
    bytesRead += end - start + 1;
    // The common case: a data row plainly right, read from its bytes.
    if (header !== undefined && layout !== undefined && end > start && bytes[start] !== HASH) {
      if (layout.read(bytes, start, end, builder, header)) {
        if (batches !== undefined && builder.rows >= batches.rows) flush();
        else reserve.afterRow(builder, bytesRead);
        return true;
      }
    }
    const more = readLine(decoder.decode(bytes.subarray(start, end)), n);
    reserve.afterRow(builder, bytesRead);
    return more;
  });
  return { builder, meta, errors, sawHeader };

  /** Any line as text: metadata, comments, the header, and every row the fast path left. */
  function readLine(line: string, n: number): boolean {
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
  }
}

function cellColumn(cells: string[], index: number): number {
  let column = 1;
  for (let i = 0; i < index; i++) column += (cells[i] as string).length + 1;
  return column;
}
