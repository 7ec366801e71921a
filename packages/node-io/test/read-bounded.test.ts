// Bounded reads: a regular file over its bound is refused before it is read, a stream that never
// ends (/dev/zero) is cut at the bound, and the message names the bound and how to raise it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fileErrorReason,
  INPUT_LIMITS,
  inputLimit,
  readBoundedSync,
  readStreamBounded,
  readTextSync,
} from '@autoscale/node-io';

const dir = mkdtempSync(join(tmpdir(), 'autoscale-read-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const small = { what: 'a small file', bytes: 8, variable: 'SMALL_BYTES' };

describe('bounded reading', () => {
  it('reads a file within its bound, to the last byte', () => {
    const path = join(dir, 'eight');
    writeFileSync(path, '12345678');
    expect(readBoundedSync(path, small).toString()).toBe('12345678');
  });

  it('refuses a regular file one byte over, saying the bound and how to raise it', () => {
    const path = join(dir, 'nine');
    writeFileSync(path, '123456789');
    expect(() => readBoundedSync(path, small)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    try {
      readBoundedSync(path, small);
    } catch (err) {
      expect(fileErrorReason(err)).toBe(
        'larger than the 8 bytes a small file may have; set SMALL_BYTES (in bytes) to raise the bound',
      );
    }
  });

  it('cuts a device that never ends (/dev/zero) at the bound instead of reading it all', () => {
    expect(() => readBoundedSync('/dev/zero', { ...small, bytes: 3 * 1024 * 1024 })).toThrow(
      expect.objectContaining({ code: 'EFBIG' }),
    );
  });

  it('says why a formula file may not be larger, and takes a raised bound from its variable', () => {
    const path = join(dir, 'formula.autoscale');
    writeFileSync(path, 'x'.repeat(INPUT_LIMITS.formula.bytes + 1));
    expect(() => readTextSync(path, 'formula')).toThrow(
      'larger than the 64 KiB a formula file may have (the Batch service takes 8,192 characters); set AUTOSCALE_MAX_FORMULA_BYTES (in bytes) to raise the bound',
    );
    expect(inputLimit('formula', { AUTOSCALE_MAX_FORMULA_BYTES: '200000' }).bytes).toBe(200_000);
    expect(() => inputLimit('formula', { AUTOSCALE_MAX_FORMULA_BYTES: '64k' })).toThrow(
      'AUTOSCALE_MAX_FORMULA_BYTES=64k is not a whole number of bytes',
    );
  });

  it('refuses a directory in the usual words', () => {
    expect(() => readBoundedSync(dir, small)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });

  it('cuts a stream (stdin) at the bound', async () => {
    await expect(
      readStreamBounded(Readable.from([Buffer.from('12345'), Buffer.from('6789')]), small),
    ).rejects.toMatchObject({ code: 'EFBIG' });
    expect((await readStreamBounded(Readable.from([Buffer.from('1234'), '5678']), small)).toString()).toBe('12345678');
  });
});
