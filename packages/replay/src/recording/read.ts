// The one entry point for loading a recording: picks the reader (wide CSV, JSON Lines, Azure
// Monitor JSON, REST poll log) from --recording-format or the content, merges the NAME.meta.json
// side file, and returns the Recording or every error found. Never throws on user input.

import { readFile, stat } from 'node:fs/promises';
import { importAzureMonitor } from '../import/azure-monitor.ts';
import { importRestPoll } from '../import/rest-poll.ts';
import { fileErrorReason } from '../io/line-reader.ts';
import { readCsvRecording } from './csv.ts';
import { detectFormat, metaSidePath, peekFile } from './detect.ts';
import { ErrorList, type ReadResult } from './errors.ts';
import { readJsonlRecording } from './jsonl.ts';
import { mergeMeta, readMetaObject, type RecordingMeta } from './meta.ts';
import { KEEP_ALL, type KeepColumn, type Recording, type RecordingFormat } from './model.ts';

export interface ReadRecordingOptions {
  /** Overrides detection (--recording-format). */
  format?: RecordingFormat;
  /** Columns to keep in memory (default: all). */
  keep?: KeepColumn;
  /** The name to show in messages (default: the path). */
  display?: string;
}

export async function readRecording(path: string, options: ReadRecordingOptions = {}): Promise<ReadResult<Recording>> {
  const display = options.display ?? path;
  const keep = options.keep ?? KEEP_ALL;
  const fail = (message: string, file = display): ReadResult<Recording> => ({ ok: false, errors: [{ file, message }] });
  let head: string;
  try {
    if ((await stat(path)).isDirectory()) return fail('cannot read: is a directory');
    head = await peekFile(path);
  } catch (err) {
    return fail(`cannot read: ${fileErrorReason(err)}`);
  }
  const side = await readSideMeta(path);
  if (!side.ok) return side;
  const format = options.format ?? detectFormat(path, head);
  if (format === 'csv' || format === 'jsonl') {
    const state = format === 'csv' ? await readCsvRecording(path, display, keep) : await readJsonlRecording(path, display, keep);
    const checked = checkTextRecording(state, format, side.value, display);
    if (!checked.ok) return checked;
    return { ok: true, value: state.builder.finish(format, checked.value) };
  }
  const imported = format === 'azure-monitor' ? await importAzureMonitor(path, display, keep, side.value) : await importRestPoll(path, display, keep, side.value);
  if (imported.recording === undefined || !imported.errors.empty) return { ok: false, errors: imported.errors.list() };
  return { ok: true, value: imported.recording };
}

/**
 * What every CSV or JSON Lines read ends with: a header and rows must exist, and the file's own
 * metadata is merged with the side file's. Returns the metadata, or every error.
 */
export function checkTextRecording(state: { errors: ErrorList; meta: RecordingMeta; builder: { rows: number }; sawHeader?: boolean }, format: 'csv' | 'jsonl', side: RecordingMeta, display: string, rowsSeen = state.builder.rows): ReadResult<RecordingMeta> {
  const errors = state.errors;
  if (format === 'csv' && state.sawHeader === false && errors.empty) errors.add(undefined, 'no header row (expected "timestamp,$PendingTasks,...")');
  const merged = mergeMeta(state.meta, side);
  for (const key of merged.clashes) errors.add(undefined, `metadata "${key}" is set both in the file and in ${metaSidePath(display)}`);
  if (errors.empty && rowsSeen === 0) errors.add(undefined, 'no rows: a recording needs at least one sample time');
  return errors.empty ? { ok: true, value: merged.meta } : { ok: false, errors: errors.list() };
}

/** NAME.meta.json beside the recording, when it exists. */
export async function readSideMeta(path: string): Promise<ReadResult<RecordingMeta>> {
  const sidePath = metaSidePath(path);
  let text: string;
  try {
    text = await readFile(sidePath, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return { ok: true, value: {} };
    return { ok: false, errors: [{ file: sidePath, message: `cannot read: ${fileErrorReason(err)}` }] };
  }
  const errors = new ErrorList(sidePath);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    errors.add(undefined, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return { ok: false, errors: errors.list() };
  }
  const r = readMetaObject(value);
  for (const p of r.problems) errors.add(undefined, p.message);
  return errors.empty ? { ok: true, value: r.meta } : { ok: false, errors: errors.list() };
}
