// Byte lines (io/byte-lines.ts) are the text splitter's lines (io/lines.ts) wherever the chunks are
// cut: the same lines and numbers, CRLF and a byte order mark removed, a UTF-8 character cut by a
// chunk boundary whole again, and the same bound on a line's length in the same words.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteChunkLines, byteLinesOf, splitByteLines } from '../src/io/byte-lines.ts';
import { LineTooLongError, splitLines, textLines, type LineSource } from '../src/io/lines.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function* chunksOf(bytes: Uint8Array, cuts: readonly number[]): AsyncIterable<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, bytes.length]) {
    // A fresh copy per chunk, overwritten afterwards: the splitter must not keep a chunk's memory.
    const chunk = bytes.slice(from, p);
    yield chunk;
    chunk.fill(0x41);
    from = p;
  }
}

async function byteLines(bytes: Uint8Array, cuts: readonly number[], max?: number): Promise<Array<[string, number]>> {
  const lines: Array<[string, number]> = [];
  await splitByteLines(
    chunksOf(bytes, cuts),
    (b, start, end, n) => void lines.push([decoder.decode(b.subarray(start, end)), n]),
    max,
  );
  return lines;
}

async function textLinesOf(text: string, max?: number): Promise<Array<[string, number]>> {
  const lines: Array<[string, number]> = [];
  async function* one(): AsyncIterable<string> {
    yield text;
  }
  await splitLines(one(), (line, n) => void lines.push([line, n]), max);
  return lines;
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (err) {
    return err instanceof LineTooLongError ? `${err.line}: ${err.message}` : err;
  }
}

describe('byte lines', () => {
  it('are the text lines wherever the chunks are cut (CRLF, BOM, multibyte characters, no last newline)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.constantFrom('a', '1', ',', '\n', '\r\n', '\r', 'é', '€', '😀', ' ', '"'), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (bom, parts, cuts) => {
          const text = `${bom ? '\uFEFF' : ''}${parts.join('')}`;
          expect(await byteLines(encoder.encode(text), cuts)).toEqual(await textLinesOf(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cuts inside a character, a CRLF and the byte order mark', async () => {
    const text = '\uFEFFtimestamp,é\r\n😀€\r\nlast';
    const bytes = encoder.encode(text);
    const expected = [
      ['timestamp,é', 1],
      ['😀€', 2],
      ['last', 3],
    ];
    // Every single cut point, and one byte at a time.
    for (let cut = 0; cut <= bytes.length; cut++) expect(await byteLines(bytes, [cut])).toEqual(expected);
    expect(await byteLines(bytes, [...bytes.keys()])).toEqual(expected);
  });

  it('refuse a line over the bound as the text splitter does, counting UTF-16 units, not bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'é', '😀', '\n', '\r\n', '\r'), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (parts, max, cuts) => {
          const text = parts.join('');
          const expected = await outcome(() => textLinesOf(text, max));
          expect(await outcome(() => byteLines(encoder.encode(text), cuts, max))).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
    // Four two-byte characters are four units: within a bound of 4, though eight bytes.
    expect(await byteLines(encoder.encode('éééé\nab'), [], 4)).toEqual([
      ['éééé', 1],
      ['ab', 2],
    ]);
    await expect(byteLines(encoder.encode('ab\néééééé'), [3, 5], 4)).rejects.toThrow(
      'line 2 is longer than 4 characters',
    );
  });

  it('stop when the handler says so', async () => {
    const seen: number[] = [];
    await splitByteLines(chunksOf(encoder.encode('a\nb\nc\nd'), [1, 3]), (_b, _s, _e, n) => {
      seen.push(n);
      return n < 2;
    });
    expect(seen).toEqual([1, 2]);
  });
});

describe('sources of byte lines', () => {
  async function collect(source: LineSource): Promise<{ text: string[]; bytes: string[] }> {
    const text: string[] = [];
    const bytes: string[] = [];
    await source((line) => void text.push(line));
    await byteLinesOf(source)((b, start, end) => void bytes.push(decoder.decode(b.subarray(start, end))));
    return { text, bytes };
  }

  it('a text in memory, a byte stream and a text-only source give the same lines both ways', async () => {
    const text = '\uFEFFa,é\r\n\n😀\r\nlast';
    const expected = ['a,é', '', '😀', 'last'];
    const chunked = byteChunkLines(() => chunksOf(encoder.encode(text), [2, 5, 9]));
    const textOnly: LineSource = (onLine) => textLines(text)(onLine);
    for (const source of [textLines(text), chunked, textOnly])
      expect(await collect(source)).toEqual({ text: expected, bytes: expected });
    expect(textLines(text).bytes).toBeDefined();
    expect(textOnly.bytes).toBeUndefined();
  });

  it('a long text in memory is encoded in slices without splitting a surrogate pair', async () => {
    // The emoji's two UTF-16 units sit either side of the first slice's end (1 << 20 units).
    const text = `${'a\n'.repeat((1 << 19) - 1)}b😀c\nlast`;
    expect(text.charCodeAt((1 << 20) - 1)).toBe(0xd83d);
    const { text: lines, bytes } = await collect(textLines(text));
    expect(bytes).toEqual(lines);
    expect(bytes.slice(-2)).toEqual(['b😀c', 'last']);
  });
});
