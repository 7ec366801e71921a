// Splits bytes that arrive in chunks into lines without decoding them (a Node file read in chunks, a
// browser File's stream): the same lines, numbers and bound as lines.ts gives for text (LF or CRLF,
// a leading UTF-8 byte order mark removed, the bound counted in UTF-16 units as there), handed out
// as ranges of a buffer so the recording readers parse cells without a string per cell. A line
// never splits a UTF-8 character (a newline byte is never part of one), so a character cut by a
// chunk boundary is whole again in the line. Imports nothing from node:*.

import { DEFAULT_MAX_LINE_CHARS, LineTooLongError } from './line-bound.ts';
import type { LineHandler, LineSource } from './lines.ts';

/**
 * Gets one line as `bytes[start, end)` (line end excluded); the buffer is only valid during the
 * call. Returns false to stop early, like a LineHandler.
 */
export type ByteLineHandler = (
  bytes: Uint8Array,
  start: number,
  end: number,
  lineNumber: number,
) => boolean | undefined;

/** Feeds every line of a recording, as bytes, to a handler; resolves when done or stopped. */
export type ByteLineSource = (onLine: ByteLineHandler) => Promise<void>;

const LF = 10;
const CR = 13;

/** UTF-16 units of UTF-8 `bytes[start, end)`: one per character, two for one beyond U+FFFF. */
export function utf16Length(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/**
 * A push splitter: `push` each chunk as it comes (the caller may reuse the chunk's memory once
 * `push` returns), then `end`. `push` returns false once the handler asked to stop.
 */
export class ByteLineSplitter {
  private readonly onLine: ByteLineHandler;
  private readonly maxLineChars: number;
  private readonly raise: string;
  /** The start of a line still without its end, copied out of the chunks it came in. */
  private carry = new Uint8Array(256);
  private carried = 0;
  private lineNumber = 0;
  private stopped = false;
  /** Bytes handed over so far (line ends included), for progress. */
  bytesRead = 0;

  constructor(onLine: ByteLineHandler, maxLineChars = DEFAULT_MAX_LINE_CHARS, raise = '') {
    this.onLine = onLine;
    this.maxLineChars = maxLineChars;
    this.raise = raise;
  }

  push(chunk: Uint8Array): boolean {
    if (this.stopped) return false;
    this.bytesRead += chunk.length;
    let start = 0;
    let nl = chunk.indexOf(LF);
    if (this.carried > 0 && nl !== -1) {
      // The carried start of a line ends in this chunk: complete it in the carry buffer.
      this.append(chunk, 0, nl);
      if (!this.emit(this.carry, 0, this.carried)) return false;
      this.carried = 0;
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    while (nl !== -1) {
      if (!this.emit(chunk, start, nl)) return false;
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) {
      this.append(chunk, start, chunk.length);
      // A line still without its end: stop before it grows past the bound (a file with no line breaks).
      if (this.carried > this.maxLineChars + 1 && this.charsOf(this.carry, 0, this.carried) > this.maxLineChars + 1)
        throw new LineTooLongError(this.lineNumber + 1, this.maxLineChars, this.raise);
    }
    return true;
  }

  /** The last line, when the bytes do not end with a line end. */
  end(): void {
    if (this.stopped || this.carried === 0) return;
    const bytes = this.carry;
    let start = 0;
    if (this.lineNumber === 0 && hasBom(bytes, 0, this.carried)) start = 3;
    if (start === this.carried) return;
    const cr = bytes[this.carried - 1] === CR ? 1 : 0;
    if (this.charsOf(bytes, start, this.carried - cr) > this.maxLineChars)
      throw new LineTooLongError(this.lineNumber + 1, this.maxLineChars, this.raise);
    this.lineNumber++;
    this.onLine(bytes, start, this.carried - cr, this.lineNumber);
    this.carried = 0;
  }

  private emit(bytes: Uint8Array, start: number, nl: number): boolean {
    let from = start;
    if (this.lineNumber === 0 && hasBom(bytes, from, nl)) from += 3;
    const end = nl > from && bytes[nl - 1] === CR ? nl - 1 : nl;
    this.lineNumber++;
    if (end - from > this.maxLineChars && this.charsOf(bytes, from, end) > this.maxLineChars)
      throw new LineTooLongError(this.lineNumber, this.maxLineChars, this.raise);
    if (this.onLine(bytes, from, end, this.lineNumber) === false) {
      this.stopped = true;
      return false;
    }
    return true;
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    const needed = this.carried + end - start;
    if (needed > this.carry.length) {
      const grown = new Uint8Array(Math.max(needed, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carried));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, end), this.carried);
    this.carried = needed;
  }

  /** UTF-16 units, without a leading byte order mark on the first line (text lines never count it). */
  private charsOf(bytes: Uint8Array, start: number, end: number): number {
    const bom = this.lineNumber === 0 && start === 0 && hasBom(bytes, 0, end) ? 3 : 0;
    return utf16Length(bytes, start + bom, end);
  }
}

function hasBom(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;
}

/** Splits byte chunks into byte lines; rejects with LineTooLongError as soon as a line passes the bound. */
export async function splitByteLines(
  chunks: AsyncIterable<Uint8Array>,
  onLine: ByteLineHandler,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
  raise = '',
): Promise<void> {
  const splitter = new ByteLineSplitter(onLine, maxLineChars, raise);
  for await (const chunk of chunks) if (!splitter.push(chunk)) return;
  splitter.end();
}

const decoder = new TextDecoder();

/**
 * A LineSource over byte chunks (a picked File's stream): text readers get decoded lines, and
 * readers that parse bytes (CSV, JSON Lines) take `bytes`. `chunks` is called once per read.
 */
export function byteChunkLines(
  chunks: () => AsyncIterable<Uint8Array>,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
  raise = '',
): LineSource {
  const bytes: ByteLineSource = (onLine) => splitByteLines(chunks(), onLine, maxLineChars, raise);
  return Object.assign(
    (onLine: LineHandler) => bytes((b, start, end, n) => onLine(decoder.decode(b.subarray(start, end)), n)),
    { bytes },
  );
}

const encoder = new TextEncoder();

/**
 * The byte lines of a source: its own when it has them, else its text lines encoded as UTF-8 one
 * by one into a reused buffer (a source that only has text, e.g. a File decoded by the page).
 * Either way the same reader parses them.
 */
export function byteLinesOf(lines: LineSource): ByteLineSource {
  if (lines.bytes !== undefined) return lines.bytes;
  return (onLine) => {
    let buffer = new Uint8Array(1024);
    return lines((line, n) => {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (line.length * 3 > buffer.length) buffer = new Uint8Array(line.length * 3);
      const { written } = encoder.encodeInto(line, buffer);
      return onLine(buffer, 0, written, n);
    });
  };
}
