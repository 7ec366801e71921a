// Test helper: HTTP over a bare TCP socket, so a test writes every byte of the request (an absent,
// doubled or foreign Host header, HTTP/1.0, pipelined requests) and sees every byte of the answer,
// including a connection the server cut short.

import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent before it closed the connection. */
  raw: Buffer;
}

/**
 * Sends `text` to 127.0.0.1:port and resolves with all the server sent once it closes the
 * connection (send `Connection: close` or HTTP/1.0). Rejects if the server has not closed it
 * within `timeoutMs`, so a server that hangs fails the test instead of stalling it.
 */
export function rawExchange(port: number, text: string, timeoutMs = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no end of the answer within ${timeoutMs} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after some bytes is an answer too: what was sent so far is what the test looks at.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    // write, not end: Node's server drops a request whose client half-closed before the answer.
    socket.write(text);
  });
}

/** Splits a single response into status, headers and body (a chunked body decoded). */
export function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(raw.toString('latin1', 0, 300))}`);
  const [statusLine = '', ...lines] = raw.toString('latin1', 0, split).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
  if (!status) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(split + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest;
  return { status: Number(status[1]), headers, body: body.toString('utf8'), raw };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) throw new Error('a chunked body cut short');
    const length = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
    if (length === 0) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + length));
    at = lineEnd + 2 + length + 2;
  }
}

/** A GET with the given Host header lines (none for an absent Host), closing the connection after the answer. */
export async function getWithHosts(
  port: number,
  path: string,
  hosts: readonly string[],
  version = '1.1',
): Promise<RawResponse> {
  const hostLines = hosts.map((h) => `Host: ${h}\r\n`).join('');
  return parseResponse(await rawExchange(port, `GET ${path} HTTP/${version}\r\n${hostLines}Connection: close\r\n\r\n`));
}

/** A GET with this server's own Host, as a browser that opened the printed address sends it. */
export function get(port: number, path: string, method = 'GET'): Promise<RawResponse> {
  return rawExchange(port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`).then(
    parseResponse,
  );
}
