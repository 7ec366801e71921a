// Reads a recording from wherever its text comes from (a file in Node, a File the user picked in
// the playground): picks the reader (wide CSV, JSON Lines, Azure Monitor JSON, REST poll log) from
// the given format or the content, merges the side metadata, and returns the Recording or every
// error found. Pure: no node:*, never throws on user input.

import { importAzureMonitor } from '../import/azure-monitor.ts';
import { importRestPoll } from '../import/rest-poll.ts';
import type { LineSource } from '../io/lines.ts';
import { readCsvRecording } from './csv.ts';
import { detectFormat, metaSidePath } from './detect.ts';
import { ErrorList, type ReadResult } from './errors.ts';
import { parseJsonText, readJsonlRecording } from './jsonl.ts';
import { mergeMeta, readMetaObject, type RecordingMeta } from './meta.ts';
import { KEEP_ALL, type KeepColumn, type Recording, type RecordingFormat } from './model.ts';

/** A recording's text, however it is stored. */
export interface RecordingSource {
  /** The name messages show (a path, or a picked file's name); its extension breaks format ties. */
  display: string;
  /** The first characters (detect.ts PEEK_CHARS is plenty), without a byte order mark. */
  head: string;
  /** Every line, streamed. */
  lines: LineSource;
  /** The whole text at once (the Azure Monitor importer parses one JSON document). */
  text(): Promise<string>;
  /** The side file's metadata (NAME.meta.json), already read; {} when there is none. */
  sideMeta: RecordingMeta;
}

export interface ReadSourceOptions {
  /** Overrides detection (--recording-format). */
  format?: RecordingFormat;
  /** Columns to keep in memory (default: all). */
  keep?: KeepColumn;
}

export async function readRecordingSource(
  source: RecordingSource,
  options: ReadSourceOptions = {},
): Promise<ReadResult<Recording>> {
  const { display, sideMeta } = source;
  const keep = options.keep ?? KEEP_ALL;
  const format = options.format ?? detectFormat(display, source.head);
  if (format === 'csv' || format === 'jsonl') {
    const state =
      format === 'csv'
        ? await readCsvRecording(source.lines, display, keep)
        : await readJsonlRecording(source.lines, display, keep);
    const checked = checkTextRecording(state, format, sideMeta, display);
    if (!checked.ok) return checked;
    return { ok: true, value: state.builder.finish(format, checked.value) };
  }
  const imported =
    format === 'azure-monitor'
      ? importAzureMonitor(await source.text(), display, keep, sideMeta)
      : await importRestPoll(source.lines, display, keep, sideMeta);
  if (imported.recording === undefined || !imported.errors.empty) return { ok: false, errors: imported.errors.list() };
  return { ok: true, value: imported.recording };
}

/**
 * What every CSV or JSON Lines read ends with: a header and rows must exist, and the file's own
 * metadata is merged with the side file's. Returns the metadata, or every error.
 */
export function checkTextRecording(
  state: { errors: ErrorList; meta: RecordingMeta; builder: { rows: number }; sawHeader?: boolean },
  format: 'csv' | 'jsonl',
  side: RecordingMeta,
  display: string,
  rowsSeen = state.builder.rows,
): ReadResult<RecordingMeta> {
  const errors = state.errors;
  if (format === 'csv' && state.sawHeader === false && errors.empty)
    errors.add(undefined, 'no header row (expected "timestamp,$PendingTasks,...")');
  const merged = mergeMeta(state.meta, side);
  for (const key of merged.clashes)
    errors.add(undefined, `metadata "${key}" is set both in the file and in ${metaSidePath(display)}`);
  if (errors.empty && rowsSeen === 0) errors.add(undefined, 'no rows: a recording needs at least one sample time');
  return errors.empty ? { ok: true, value: merged.meta } : { ok: false, errors: errors.list() };
}

/** A side file's text (NAME.meta.json) read as recording metadata, or every problem with it. */
export function parseSideMeta(text: string, sidePath: string): ReadResult<RecordingMeta> {
  const errors = new ErrorList(sidePath);
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    errors.add(undefined, parsed.reason);
    return { ok: false, errors: errors.list() };
  }
  const r = readMetaObject(parsed.value);
  for (const p of r.problems) errors.add(undefined, p.message);
  return errors.empty ? { ok: true, value: r.meta } : { ok: false, errors: errors.list() };
}
