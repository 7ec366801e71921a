// The check of LSP's base protocol on a byte stream, in front of vscode-jsonrpc's reader: each
// message is a header (`Name: value` lines, each ended by CRLF, then an empty line) with exactly
// one Content-Length, then that many bytes of body. Bytes in, a verdict out; no Node imports.
//
// Why a guard: vscode-jsonrpc's ReadableStreamMessageReader (lib/common/messageReader.js) reports
// a header it cannot use (no Content-Length, or one parseInt reads as NaN) on an error event that
// vscode-languageserver's connection never listens to, after taking the header off its buffer but
// not the body; the next header is then read with that body in front of it, fails the same way,
// and so on: the server never answers again and says nothing. A negative length corrupts the
// buffer's byte count; any other length is waited for, buffering everything that arrives, so one
// header claiming 10 GB swallows every later message and all the memory the client cares to send.
// Once a frame is wrong the stream cannot be resynchronised (a body may contain anything), so the
// guard names the first violation and refuses everything after it; the caller ends the process.
//
// It accepts a strict subset of what that reader accepts, so the reader sees exactly the frames the
// guard saw: printable-ASCII header lines separated by single CRLFs (the reader's terminator search
// then stops where the guard's does), `Name: value` with the name taken as written and the value
// trimmed as the reader does, one Content-Length of decimal digits only (parseInt would read
// `12abc` as 12), and bounds on both the header and the body. The body is not looked at: a body
// that is not JSON leaves the frames intact, and the reader drops it and carries on.

/**
 * Largest body accepted, in bytes: 64 MiB. The largest message an editor has reason to send is a
 * full-text didOpen or didChange. A document the language service analyses has at most
 * MAX_ANALYZED_LENGTH (65,536) UTF-16 characters, at most 6 bytes each in JSON (`\u0001`), so
 * under 400 KiB with the envelope; longer documents are still served (one AS1009 diagnostic), and
 * this leaves room for any ASCII document VS Code would send (it syncs none over 50 MiB to
 * extensions). Larger is refused before a byte of it is buffered.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Largest header accepted, in bytes, its ending empty line included. LSP defines two headers
 * (Content-Length, Content-Type) of well under 100 bytes together.
 */
export const MAX_HEADER_BYTES = 4096;

export type FrameCheck =
  | { ok: true }
  /** `validBytes`: how many leading bytes of the chunk belong to the frames before the bad one. */
  | { ok: false; reason: string; validBytes: number };

const CR = 13;
const LF = 10;
const CONTENT_LENGTH = 'content-length';
/** A header line as the guard accepts it: tab and printable ASCII only (so no bare CR or LF). */
const HEADER_LINE = /^[\t\x20-\x7e]*$/;

export class FrameGuard {
  private readonly header = new Uint8Array(MAX_HEADER_BYTES);
  private headerLength = 0;
  /** Bytes of the current body still to come. */
  private bodyLeft = 0;
  private failure: string | undefined;

  /** Checks the next chunk of the stream: ok, or the first violation (then every later chunk fails too). */
  check(chunk: Uint8Array): FrameCheck {
    if (this.failure !== undefined) return { ok: false, reason: this.failure, validBytes: 0 };
    // Where the frame being read began in this chunk (0 when it began in an earlier one).
    let frameStart = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= take;
        i += take;
        continue;
      }
      if (this.headerLength === 0) frameStart = i;
      if (this.headerLength === MAX_HEADER_BYTES)
        return this.fail(`a header longer than ${MAX_HEADER_BYTES} bytes (no empty line ends it)`, frameStart);
      this.header[this.headerLength++] = chunk[i++] as number;
      if (this.headerEnded()) {
        const outcome = contentLength(this.header.subarray(0, this.headerLength - 4));
        this.headerLength = 0;
        if (typeof outcome === 'string') return this.fail(outcome, frameStart);
        this.bodyLeft = outcome;
      }
    }
    return { ok: true };
  }

  private headerEnded(): boolean {
    const h = this.header;
    const n = this.headerLength;
    return n >= 4 && h[n - 4] === CR && h[n - 3] === LF && h[n - 2] === CR && h[n - 1] === LF;
  }

  private fail(reason: string, validBytes: number): FrameCheck {
    this.failure = reason;
    return { ok: false, reason, validBytes };
  }
}

/** The Content-Length of a header (its bytes before the empty line), or why it is unusable. */
function contentLength(block: Uint8Array): number | string {
  if (block.length === 0) return 'an empty header (no Content-Length)';
  // One character per byte (at most MAX_HEADER_BYTES of them), so the test below sees every byte.
  const lines = String.fromCharCode(...block).split('\r\n');
  let length: number | undefined;
  for (const line of lines) {
    if (!HEADER_LINE.test(line))
      return `a header line with a bare CR or LF, or a byte that is not printable ASCII: ${JSON.stringify(line)}`;
    const colon = line.indexOf(':');
    if (colon < 0) return `header line '${line}' has no ':'`;
    if (colon === 0) return `header line '${line}' has no name`;
    if (line.slice(0, colon).toLowerCase() !== CONTENT_LENGTH) continue;
    if (length !== undefined) return 'more than one Content-Length header';
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return `Content-Length '${value}' is not a number of bytes`;
    length = Number(value);
    if (length > MAX_MESSAGE_BYTES) return `Content-Length ${value} is over the limit of ${MAX_MESSAGE_BYTES} bytes`;
  }
  return length ?? `no Content-Length header in ${JSON.stringify(lines.join('\r\n'))}`;
}
