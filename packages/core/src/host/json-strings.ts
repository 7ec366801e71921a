// JSON string literals in a host file, decoded with the host offset of every character: the JSON
// host readers (json.ts) and the ARM expression reader (arm-expression.ts) cut formula pieces out
// of decoded strings and need to know where each decoded character came from (`\n` is one
// character from two host characters). Also: blanking out the comments ARM templates allow, so a
// strict JSON parser reads them without moving any offset.

import { JSON_SIMPLE_ESCAPES } from '../context/json-locations.ts';
import { type TextPiece, textPieces } from './embedded.ts';

/** A decoded JSON string: `text`, and for each of its characters (plus one past the end) the host offset it starts at. */
export interface DecodedString {
  text: string;
  hostOffsets: number[];
}

/** The escape at `at` (a backslash) in a JSON string: its text and host length, or undefined if malformed. */
export function jsonEscapeAt(host: string, at: number): { text: string; length: number } | undefined {
  if (host[at] !== '\\') return undefined;
  const e = host[at + 1] ?? '';
  const simple = Object.hasOwn(JSON_SIMPLE_ESCAPES, e) ? JSON_SIMPLE_ESCAPES[e] : undefined;
  if (simple !== undefined) return { text: simple, length: 2 };
  const hex = host.slice(at + 2, at + 6);
  if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) return { text: String.fromCharCode(parseInt(hex, 16)), length: 6 };
  return undefined;
}

/** The end (offset of the closing quote) of the JSON string whose opening quote is at `open`, or -1. */
export function jsonStringEnd(host: string, open: number): number {
  for (let at = open + 1; at < host.length; at++) {
    const c = host[at];
    if (c === '"') return at;
    if (c === '\\') at++;
    else if (c === '\n' || c === '\r') return -1;
  }
  return -1;
}

/** Decodes the JSON string whose opening quote is at `open`. */
export function decodeJsonString(host: string, open: number): DecodedString | undefined {
  const close = jsonStringEnd(host, open);
  if (close < 0) return undefined;
  let text = '';
  const hostOffsets: number[] = [];
  for (let at = open + 1; at < close; ) {
    const escaped = jsonEscapeAt(host, at);
    const length = escaped?.length ?? 1;
    const decoded = escaped?.text ?? host.charAt(at);
    for (let i = 0; i < decoded.length; i++) hostOffsets.push(at);
    text += decoded;
    at += length;
  }
  hostOffsets.push(close);
  return { text, hostOffsets };
}

/**
 * Pieces for the decoded characters [from, to) of a string: runs that sit in the host one for one
 * are verbatim pieces; each escape is a piece of its own spanning the whole escape.
 */
export function piecesOfDecoded(decoded: DecodedString, from: number, to: number): TextPiece[] {
  const pieces: TextPiece[] = [];
  const { text, hostOffsets } = decoded;
  let runStart = from;
  const hostAt = (i: number) => hostOffsets[i] ?? 0;
  for (let i = from; i < to; i++) {
    const oneForOne = hostAt(i + 1) - hostAt(i) === 1;
    if (oneForOne) continue;
    if (i > runStart) pieces.push(run(runStart, i));
    pieces.push({ kind: 'text', text: text.charAt(i), hostStart: hostAt(i), hostLength: hostAt(i + 1) - hostAt(i) });
    runStart = i + 1;
  }
  if (to > runStart) pieces.push(run(runStart, to));
  return pieces;

  function run(a: number, b: number): TextPiece {
    return { kind: 'text', text: text.slice(a, b), hostStart: hostAt(a), hostLength: hostAt(b) - hostAt(a) };
  }
}

/** Pieces for a whole JSON string (opening quote at `open`), escapes decoded. */
export function jsonStringPieces(host: string, open: number): TextPiece[] | undefined {
  const close = jsonStringEnd(host, open);
  if (close < 0) return undefined;
  return textPieces(host, open + 1, close, (at) => jsonEscapeAt(host, at));
}

/**
 * `text` with its `//` and `/* *\/` comments (outside strings) replaced by spaces, line breaks
 * kept: ARM templates may have comments, and blanking them keeps every offset where it was.
 */
export function blankJsonComments(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  for (let at = 0; at < text.length; at++) {
    const c = text[at];
    if (c === '"') {
      const end = jsonStringEnd(text, at);
      if (end < 0) break;
      at = end;
    } else if (c === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) {
      const block = text[at + 1] === '*';
      const close = block ? text.indexOf('*/', at + 2) : text.slice(at).search(/\r|\n|$/) + at;
      const end = block ? (close < 0 ? text.length : close + 2) : close;
      out += text.slice(copiedUpTo, at) + text.slice(at, end).replace(/[^\r\n]/g, ' ');
      copiedUpTo = end;
      at = end - 1;
    }
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}
