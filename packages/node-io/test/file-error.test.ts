// The one wording of file errors and the strict UTF-8 decoding shared by cli, testing and replay.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, fileErrorReason } from '@autoscale/node-io';

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: something, open 'x'`), { code });
}

describe('fileErrorReason', () => {
  it('words the common codes like the C library, without the name or the code', () => {
    expect(fileErrorReason(errno('ENOENT'))).toBe('no such file or directory');
    expect(fileErrorReason(errno('EISDIR'))).toBe('is a directory');
    expect(fileErrorReason(errno('EACCES'))).toBe('permission denied');
    expect(fileErrorReason(errno('ENOTDIR'))).toBe('a component of the path is not a directory');
  });

  it('words a real error from Node', () => {
    let caught: unknown;
    try {
      readFileSync('/no/such/autoscale/file');
    } catch (err) {
      caught = err;
    }
    expect(fileErrorReason(caught)).toBe('no such file or directory');
  });

  it('keeps the message of anything else', () => {
    expect(fileErrorReason(errno('EWHATEVER'))).toBe("EWHATEVER: something, open 'x'");
    expect(fileErrorReason(new Error('disk on fire'))).toBe('disk on fire');
    expect(fileErrorReason('a string')).toBe('a string');
    expect(fileErrorReason(null)).toBe('null');
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and keeps a leading byte order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('a = 1; // ✓'))).toBe('a = 1; // ✓');
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\uFEFFa');
  });

  it('refuses bytes that are not UTF-8, in words fileErrorReason passes on', () => {
    let caught: unknown;
    try {
      decodeUtf8(Uint8Array.of(0x61, 0x20, 0xff, 0x3b));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(fileErrorReason(caught)).toBe('not valid UTF-8 text');
  });
});
