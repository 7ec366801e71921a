// The anchor of the replay benchmark: the least a reader of the pool-year CSV can do. Reads the
// file in 1 MB chunks as bytes, splits cells on commas and lines on newlines by byte, parses the
// `YYYY-MM-DDTHH:MM:SS(.fff)Z` timestamps and the decimal cells digit by digit, and stores every
// column in a Float64Array sized from the file's length (an empty cell as NaN). No validation, no messages, no metadata: what
// the project's reader is measured against (bench/replay.bench.ts), not a reader to use.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { daysFromCivil } from '@autoscale/core';

const CHUNK_BYTES = 1 << 20;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export interface BaselineColumns {
  rows: number;
  /** Column 0 is the timestamps (ms since the epoch); the others the cells (NaN when empty). */
  columns: Float64Array[];
}

function digits(b: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) v = v * 10 + (b[i] as number) - 48;
  return v;
}

/** `YYYY-MM-DDTHH:MM:SS` then `Z` or `.fffZ`, from `at`. */
function timestamp(b: Uint8Array, at: number, end: number): number {
  const day = daysFromCivil(digits(b, at, 4), digits(b, at + 5, 2), digits(b, at + 8, 2));
  const seconds = digits(b, at + 11, 2) * 3600 + digits(b, at + 14, 2) * 60 + digits(b, at + 17, 2);
  const ms = end - at > 20 ? digits(b, at + 20, 3) : 0;
  return day * 86_400_000 + seconds * 1000 + ms;
}

/** A decimal cell `[digits][.digits]`, or NaN when empty. */
function number(b: Uint8Array, at: number, end: number): number {
  if (at === end) return Number.NaN;
  let m = 0;
  let scale = 0;
  let fraction = false;
  for (let i = at; i < end; i++) {
    const c = b[i] as number;
    if (c === 46) fraction = true;
    else {
      m = m * 10 + c - 48;
      if (fraction) scale++;
    }
  }
  return scale === 0 ? m : m / (POW10[scale] as number);
}

export function readBaseline(path: string): BaselineColumns {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  let buffer = new Uint8Array(CHUNK_BYTES);
  let columns: Float64Array[] = [];
  let rows = 0;
  let filled = 0;
  let header = true;
  try {
    for (;;) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += read;
      let start = 0;
      for (let nl = buffer.indexOf(10, start); nl !== -1 && nl < filled; nl = buffer.indexOf(10, start)) {
        if (header) {
          let commas = 0;
          for (let i = start; i < nl; i++) if (buffer[i] === 44) commas++;
          // Sized from the file: rows of the next line's length, with a margin (grown if short).
          const next = buffer.indexOf(10, nl + 1);
          const rowBytes = next === -1 || next >= filled ? 64 : next - nl;
          const estimate = Math.ceil(((size - nl) / rowBytes) * 1.1) + 16;
          columns = Array.from({ length: commas + 1 }, () => new Float64Array(estimate));
          header = false;
        } else {
          if (rows === (columns[0] as Float64Array).length)
            columns = columns.map((c) => {
              const grown = new Float64Array(c.length * 2);
              grown.set(c);
              return grown;
            });
          let cell = start;
          let column = 0;
          for (let i = start; i <= nl; i++) {
            if (i < nl && buffer[i] !== 44) continue;
            const target = columns[column++] as Float64Array;
            target[rows] = column === 1 ? timestamp(buffer, cell, i) : number(buffer, cell, i);
            cell = i + 1;
          }
          rows++;
        }
        start = nl + 1;
      }
      if (read === 0) break;
      // The line still without its end moves to the front; a line longer than the buffer doubles it.
      buffer.copyWithin(0, start, filled);
      filled -= start;
      if (filled === buffer.length) {
        const grown = new Uint8Array(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
      }
    }
  } finally {
    closeSync(fd);
  }
  return { rows, columns: columns.map((c) => c.subarray(0, rows)) };
}
