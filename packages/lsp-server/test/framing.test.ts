// LSP's base protocol on stdin: the frame guard on its own (bytes in, verdicts out), and the real
// `autoscale lsp --stdio` given raw bytes. A frame it cannot trust (a Content-Length that is not a
// number, missing, negative or absurd; a header that never ends) must end the process with exit
// code 1 and the reason on stderr, never on stdout; before, the server hung without a word.

import { afterEach, describe, expect, it } from 'vitest';
import { HoverRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { MAX_ANALYZED_LENGTH } from '@autoscale/language-service';
import { FrameGuard, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, type FrameCheck } from '../src/frame-guard.ts';
import { LspProcess } from './lsp-client.ts';

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

function frame(body: string, header = `Content-Length: ${bytes(body).length}`): string {
  return `${header}\r\n\r\n${body}`;
}

const GOOD = frame('{"jsonrpc":"2.0","id":1,"method":"x"}');

/** Feeds `text` to a new guard in pieces of `size` bytes; the first failure, or ok. */
function feed(text: string, size = Number.MAX_SAFE_INTEGER): FrameCheck {
  const guard = new FrameGuard();
  const all = bytes(text);
  for (let at = 0; at < all.length; at += size) {
    const check = guard.check(all.subarray(at, at + size));
    if (!check.ok) return check;
  }
  return { ok: true };
}

describe('FrameGuard', () => {
  it('passes well-formed frames however the bytes are split', () => {
    const stream = [
      GOOD,
      frame('{"a":"Content-Length: abc\\r\\n\\r\\n"}'),
      frame('{"é":"ü"}'),
      frame('{}', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2`),
      frame('{}', 'Content-Length:    002   '),
      frame('', 'Content-Length: 0'),
      GOOD,
    ].join('');
    for (const size of [1, 2, 3, 7, 64, Number.MAX_SAFE_INTEGER])
      expect(feed(stream, size), `pieces of ${size}`).toEqual({ ok: true });
  });

  it('passes the largest messages allowed: a body of MAX_MESSAGE_BYTES, a header of MAX_HEADER_BYTES', () => {
    const guard = new FrameGuard();
    expect(guard.check(bytes(`Content-Length: ${MAX_MESSAGE_BYTES}\r\n\r\n`))).toEqual({ ok: true });
    expect(guard.check(new Uint8Array(MAX_MESSAGE_BYTES))).toEqual({ ok: true });
    const header = `Content-Length: 2\r\nX-Pad: ${'p'.repeat(MAX_HEADER_BYTES - 32)}`;
    const padded = `${header}${'q'.repeat(MAX_HEADER_BYTES - bytes(header).length - 4)}\r\n\r\n{}`;
    expect(bytes(padded).length).toBe(MAX_HEADER_BYTES + 2);
    expect(feed(padded, 100)).toEqual({ ok: true });
  });

  it.each([
    ['Content-Length: abc', /Content-Length 'abc' is not a number of bytes/],
    ['Content-Length: -5', /Content-Length '-5' is not a number of bytes/],
    ['Content-Length: +5', /Content-Length '\+5'/],
    ['Content-Length: 12abc', /Content-Length '12abc'/],
    ['Content-Length: 1e3', /Content-Length '1e3'/],
    ['Content-Length:', /Content-Length '' is not a number of bytes/],
    ['Content-Length: 10000000000', /Content-Length 10000000000 is over the limit of 67108864 bytes/],
    [`Content-Length: ${MAX_MESSAGE_BYTES + 1}`, /over the limit/],
    [`Content-Length: ${'9'.repeat(40)}`, /over the limit/],
    ['Content-Type: application/vscode-jsonrpc; charset=utf-8', /no Content-Length header/],
    ['Content-Length: 2\r\nContent-Length: 2', /more than one Content-Length header/],
    ['Content-Length : 2', /no Content-Length header/],
    ['garbage', /header line 'garbage' has no ':'/],
    [': 2', /header line ': 2' has no name/],
    ['', /empty header/],
    ['Content-Length: 2\nX: y', /bare CR or LF, or a byte that is not printable ASCII/],
    ['Content-Length: 2\rX: y', /bare CR or LF/],
    ['Content-Length: \u00b2', /not printable ASCII/],
    ['Content-Length: 2\u0000', /not printable ASCII/],
  ])('refuses the header %j, keeping the frames before it', (header, reason) => {
    const check = feed(GOOD + frame('{}', header));
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(reason), validBytes: bytes(GOOD).length });
  });

  it('refuses a header that has not ended within MAX_HEADER_BYTES, before the rest arrives', () => {
    const guard = new FrameGuard();
    expect(guard.check(bytes(GOOD))).toEqual({ ok: true });
    expect(guard.check(bytes('x'.repeat(MAX_HEADER_BYTES)))).toEqual({ ok: true });
    expect(guard.check(bytes('x'))).toMatchObject({
      ok: false,
      reason: `a header longer than ${MAX_HEADER_BYTES} bytes (no empty line ends it)`,
      validBytes: 0,
    });
    // Binary junk sent as the first bytes is refused the same way.
    expect(feed('\u0001'.repeat(MAX_HEADER_BYTES + 1), 1000)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/header longer than/),
    });
  });

  it('refuses everything after its first refusal (the stream cannot be resynchronised)', () => {
    const guard = new FrameGuard();
    const first = guard.check(bytes('Content-Length: abc\r\n\r\n'));
    expect(first.ok).toBe(false);
    expect(guard.check(bytes(GOOD))).toEqual({ ...first, validBytes: 0 });
  });
});

describe('autoscale lsp --stdio given a frame it cannot trust', () => {
  let server: LspProcess | undefined;
  afterEach(() => server?.kill());

  /** Starts a server, checks it answers, then writes `raw`; returns what it wrote to stdout afterwards. */
  async function sendRaw(
    raw: string | Uint8Array,
  ): Promise<{ code: number | null; stderr: string; stdoutAfter: string }> {
    server = new LspProcess();
    await server.initialize({});
    expect(
      await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///none' },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
    let stdoutAfter = '';
    server.child.stdout?.on('data', (chunk: Buffer) => (stdoutAfter += chunk.toString()));
    server.child.stdin?.write(raw);
    const { code } = await server.exitedWithin(5000);
    return { code, stderr: server.stderr, stdoutAfter };
  }

  it.each([
    [
      'Content-Length: abc',
      'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}',
      /Content-Length 'abc' is not a number/,
    ],
    [
      'a negative Content-Length',
      'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}',
      /Content-Length '-5'/,
    ],
    [
      'no Content-Length',
      'Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}',
      /no Content-Length header/,
    ],
    // Nothing follows the header: the server must refuse it at once, not wait for 10 GB.
    [
      'a Content-Length of 10 GB',
      'Content-Length: 10000000000\r\n\r\n',
      /Content-Length 10000000000 is over the limit/,
    ],
    [
      'a Content-Length just over the limit',
      `Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n`,
      /over the limit of 67108864 bytes/,
    ],
    ['a header line without a colon', 'hello\r\n\r\n', /header line 'hello' has no ':'/],
    ['binary junk with no header end', '\u0007'.repeat(MAX_HEADER_BYTES + 10), /header longer than 4096 bytes/],
  ])('exits with code 1 after %s, with the reason on stderr and nothing more on stdout', async (_, raw, reason) => {
    const { code, stderr, stdoutAfter } = await sendRaw(raw);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^autoscale-lsp: protocol error: /);
    expect(stderr).toMatch(reason);
    expect(stdoutAfter).toBe('');
  });

  it('exits with code 1, not the 0 of an orderly end, when a bad frame after shutdown is the last thing on stdin', async () => {
    server = new LspProcess();
    await server.initialize({});
    await server.connection.sendRequest(ShutdownRequest.type);
    server.child.stdin?.end('Content-Length: x\r\n\r\n');
    expect((await server.exitedWithin(5000)).code).toBe(1);
    expect(server.stderr).toMatch(/protocol error: Content-Length 'x'/);
  });

  it('still serves the largest legitimate message: a document at the analysis limit whose every character JSON-escapes to six bytes', async () => {
    server = new LspProcess();
    await server.initialize({});
    const uri = 'file:///escaped.autoscale';
    // U+0001 is written \u0001 in JSON: the worst case per character.
    const text = '\u0001'.repeat(MAX_ANALYZED_LENGTH);
    expect(bytes(JSON.stringify(text)).length).toBeGreaterThan(6 * MAX_ANALYZED_LENGTH);
    await server.open(uri, text);
    expect((await server.diagnostics(uri)).diagnostics.length).toBeGreaterThan(0);
    expect(server.child.exitCode).toBeNull();
    // The bound leaves room for far larger documents still: VS Code sends documents up to 50 MB.
    expect(MAX_MESSAGE_BYTES).toBeGreaterThan(50 * 1024 * 1024 + 1024);
  });
});
