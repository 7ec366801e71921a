// A compact, exact binary form of a report's evaluation contexts (contexts.ts), small enough to
// embed in a self-contained HTML page for a year-long replay once gzipped. Each column of numbers
// is stored either as zigzag varint deltas of integers scaled by a power of ten (counts,
// timestamps, percentages with a few decimals: the common case, and after gzip a fraction of a
// byte per sample), or, when no scale reproduces every value exactly, as raw float64. Identical
// columns (the same recorded metric read by several formulas) are stored once. decode(encode(x))
// gives back every number bit for bit (tested), so the page evaluates what the replay evaluated.
// Pure (no node:*): the page's script and the playground decode it.

import { POOL_FIELDS, type EvaluationContexts, type NamedHistory, type PoolField } from './contexts.ts';

/** What a report embeds: per recording, per formula (in the report's order), its contexts. */
export type ReportContexts = EvaluationContexts[][];

const MAGIC = 0x41535831; // "ASX1"
const RAW = 0xff;
/** The largest power of ten tried: six decimals covers every metric a recording holds. */
const MAX_SCALE = 6;

interface Header {
  recordings: Array<
    Array<{
      name: string;
      text: string;
      availabilityDelay: number;
      now: number;
      seed: number;
      pool: number[];
      metrics: Array<{ name: string; times: number; values: number }>;
    }>
  >;
  columns: number;
}

/** Encodes the contexts of every recording's formulas into one byte array. */
export function encodeContexts(contexts: ReportContexts): Uint8Array {
  const columns: Float64Array[] = [];
  const columnIndex = (values: Float64Array): number => {
    const same = columns.findIndex((c) => c === values || sameValues(c, values));
    if (same >= 0) return same;
    columns.push(values);
    return columns.length - 1;
  };
  const header: Header = {
    recordings: contexts.map((formulas) =>
      formulas.map((c) => ({
        name: c.name,
        text: c.text,
        availabilityDelay: c.availabilityDelay,
        now: columnIndex(c.now),
        seed: columnIndex(c.seed),
        pool: POOL_FIELDS.map((f) => columnIndex(c.pool[f])),
        metrics: c.metrics.map((m) => ({ name: m.name, times: columnIndex(m.times), values: columnIndex(m.values) })),
      })),
    ),
    columns: 0,
  };
  header.columns = columns.length;
  const out = new ByteWriter();
  out.u32(MAGIC);
  const json = new TextEncoder().encode(JSON.stringify(header));
  out.varint(json.length);
  out.bytes(json);
  for (const column of columns) writeColumn(out, column);
  return out.done();
}

/** The contexts encodeContexts encoded; throws on bytes it did not write. */
export function decodeContexts(bytes: Uint8Array): ReportContexts {
  const input = new ByteReader(bytes);
  if (input.u32() !== MAGIC) throw new Error('not an evaluation-contexts block');
  const length = input.varint();
  const header = JSON.parse(new TextDecoder().decode(input.bytes(length))) as Header;
  const columns: Float64Array[] = [];
  for (let i = 0; i < header.columns; i++) columns.push(readColumn(input));
  const column = (i: number): Float64Array => {
    const c = columns[i];
    if (c === undefined) throw new Error(`evaluation-contexts block names column ${i} of ${columns.length}`);
    return c;
  };
  return header.recordings.map((formulas) =>
    formulas.map((f) => ({
      name: f.name,
      text: f.text,
      availabilityDelay: f.availabilityDelay,
      now: column(f.now),
      seed: column(f.seed),
      pool: Object.fromEntries(POOL_FIELDS.map((name, i) => [name, column(f.pool[i] ?? -1)])) as Record<
        PoolField,
        Float64Array
      >,
      metrics: f.metrics.map((m): NamedHistory => ({ name: m.name, times: column(m.times), values: column(m.values) })),
    })),
  );
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The smallest power of ten that makes every value an exactly reversible integer, or RAW. */
function scaleOf(values: Float64Array): number {
  for (let scale = 0; scale <= MAX_SCALE; scale++) if (reversibleAt(values, 10 ** scale)) return scale;
  return RAW;
}

function reversibleAt(values: Float64Array, factor: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const n = Math.round(v * factor);
    // -0 would come back as 0, and deltas of huge integers would lose precision.
    if (!Object.is(n / factor, v) || Object.is(v, -0) || !(Math.abs(n) <= Number.MAX_SAFE_INTEGER / 4)) return false;
  }
  return true;
}

function writeColumn(out: ByteWriter, values: Float64Array): void {
  const scale = scaleOf(values);
  out.varint(values.length);
  out.byte(scale);
  if (scale === RAW) {
    for (let i = 0; i < values.length; i++) out.f64(values[i] as number);
    return;
  }
  const factor = 10 ** scale;
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const n = Math.round((values[i] as number) * factor);
    out.zigzag(n - previous);
    previous = n;
  }
}

function readColumn(input: ByteReader): Float64Array {
  const length = input.varint();
  const scale = input.byte();
  const values = new Float64Array(length);
  if (scale === RAW) {
    for (let i = 0; i < length; i++) values[i] = input.f64();
    return values;
  }
  const factor = 10 ** scale;
  let n = 0;
  for (let i = 0; i < length; i++) {
    n += input.zigzag();
    // Division, as scaleOf checked: n / factor is the original value exactly.
    values[i] = scale === 0 ? n : n / factor;
  }
  return values;
}

/** Appends bytes to a growing buffer. Integers up to 2^53 (no 32-bit operators on them). */
class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
  byte(b: number): void {
    this.room(1);
    this.buffer[this.length++] = b;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }
  u32(n: number): void {
    this.scratch.setUint32(0, n, true);
    this.bytes(new Uint8Array(this.scratch.buffer, 0, 4));
  }
  f64(v: number): void {
    this.scratch.setFloat64(0, v, true);
    this.bytes(new Uint8Array(this.scratch.buffer, 0, 8));
  }
  varint(n: number): void {
    let rest = n;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) + 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }
  zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

class ByteReader {
  private at = 0;
  private readonly view: DataView;
  private readonly data: Uint8Array;

  constructor(data: Uint8Array) {
    this.data = data;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  byte(): number {
    if (this.at >= this.data.length) throw new Error('evaluation-contexts block ends early');
    return this.data[this.at++] as number;
  }
  bytes(n: number): Uint8Array {
    if (this.at + n > this.data.length) throw new Error('evaluation-contexts block ends early');
    const b = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
  u32(): number {
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }
  f64(): number {
    if (this.at + 8 > this.data.length) throw new Error('evaluation-contexts block ends early');
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }
  varint(): number {
    let n = 0;
    let factor = 1;
    for (;;) {
      const b = this.byte();
      n += (b % 0x80) * factor;
      if (b < 0x80) return n;
      factor *= 0x80;
    }
  }
  zigzag(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
}
