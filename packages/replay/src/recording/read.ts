// The one entry point for loading a recording file in Node: reads the NAME.meta.json side file,
// peeks at the head for format detection, and hands the file's streamed lines to
// read-source.ts, which picks the reader. Never throws on user input.

import { stat } from 'node:fs/promises';
import { readTextSync } from '@autoscale/node-io';
import { fileErrorReason, fileLines, readFailure } from '../io/line-reader.ts';
import { peekFile } from '../io/peek.ts';
import { metaSidePath } from './detect.ts';
import type { ReadResult } from './errors.ts';
import type { RecordingMeta } from './meta.ts';
import type { KeepColumn, Recording, RecordingFormat } from './model.ts';
import { parseSideMeta, readRecordingSource } from './read-source.ts';

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
  const head = await peekRecording(path, display);
  if (!head.ok) return head;
  const side = await readSideMeta(path);
  if (!side.ok) return side;
  // The readers size their arrays from it; a device or pipe has none.
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  // An importer that parses the whole file as one document reads it within that kind's bound.
  const source = {
    display,
    head: head.value,
    lines: fileLines(path, size),
    text: async () => readTextSync(path, 'recordingDocument'),
    sideMeta: side.value,
  };
  try {
    return await readRecordingSource(source, {
      ...(options.format ? { format: options.format } : {}),
      ...(options.keep ? { keep: options.keep } : {}),
    });
  } catch (err) {
    // A read that failed part-way: the file vanished, an I/O error, a line or the document over its bound.
    return { ok: false, errors: [readFailure(display, err)] };
  }
}

/**
 * The head of a recording file for format detection, or why the file cannot be read (missing, a
 * directory, no permission). Every reading path checks this first (the streaming replay before it
 * starts its worker), so an unreadable file is reported in the same words whichever path is taken.
 */
export async function peekRecording(path: string, display = path): Promise<ReadResult<string>> {
  const fail = (message: string): ReadResult<string> => ({ ok: false, errors: [{ file: display, message }] });
  try {
    // Opening a directory succeeds on Linux (only reading it fails): say so before opening it.
    if ((await stat(path)).isDirectory()) return fail('cannot read: is a directory');
    return { ok: true, value: await peekFile(path) };
  } catch (err) {
    return fail(`cannot read: ${fileErrorReason(err)}`);
  }
}

/** NAME.meta.json beside the recording, when it exists. */
export async function readSideMeta(path: string): Promise<ReadResult<RecordingMeta>> {
  const sidePath = metaSidePath(path);
  let text: string;
  try {
    text = readTextSync(sidePath, 'metadata');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return { ok: true, value: {} };
    return { ok: false, errors: [{ file: sidePath, message: `cannot read: ${fileErrorReason(err)}` }] };
  }
  return parseSideMeta(text, sidePath);
}
