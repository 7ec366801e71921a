// Serves the built playground (dist/) on 127.0.0.1 for `autoscale playground`: GET and HEAD of
// files under dist/ only, with their media types, the playground's Content Security Policy as a
// header, and long caching for Vite's hashed assets; only to requests whose Host names this server
// (host.ts). Never serves a file outside dist/, nor anything but a regular file (files.ts): all
// else is 404. A request that fails ends its own response and never the server.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp.ts';
import { openServable, sendFile } from './files.ts';
import { isOwnHost, misdirectedText } from './host.ts';

/** Where `npm run build` (vite build) writes the static site. */
export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
export const HOST = '127.0.0.1';

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

export interface PlaygroundServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  root?: string;
}

export async function servePlayground(options: ServeOptions): Promise<PlaygroundServer> {
  const root = options.root ?? DIST_DIR;
  let port = 0; // known once listening, before any request arrives
  const server = createServer((req, res) => {
    void respond(root, port, req, res).catch(() => fail(res, 'internal error'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(root: string, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Node answers 400 itself to HTTP/1.1 without Host; HTTP/1.0 may omit it, and is refused below.
  const hosts = req.headersDistinct.host ?? [];
  if (hosts.length > 1) {
    send(res, 400, 'more than one Host header');
    return;
  }
  if (!isOwnHost(hosts[0], port)) {
    send(res, 421, misdirectedText(port));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'only GET and HEAD');
    return;
  }
  const file = resolveFile(root, req.url ?? '/');
  const opened = file === undefined ? undefined : await openServable(root, file);
  if (file === undefined || opened === undefined) {
    send(res, 404, 'not found');
    return;
  }
  const hashed = file.includes(`${sep}assets${sep}`);
  const headers = {
    'Content-Type': MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': opened.size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders(),
  };
  if (req.method === 'HEAD' || opened.size === 0) {
    await opened.handle.close();
    res.writeHead(200, headers);
    res.end();
    return;
  }
  // Set, not written: they go out with the body's first byte, so a file that fails before it still gets a 500.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  await sendFile(opened, res).catch(() => fail(res, 'could not read the file'));
}

/** Ends a response that failed: 500 if nothing has gone out yet, else the connection is cut. */
function fail(res: ServerResponse, reason: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  send(res, 500, reason);
}

/**
 * The file under root a request path names, or undefined when it is malformed, not a path, or escapes root (by its
 * name: links are files.ts's).
 */
export function resolveFile(root: string, requestUrl: string): string | undefined {
  // Only a path (origin form): an absolute URL names a site, which this server is not, and '*' no file.
  if (!requestUrl.startsWith('/')) return undefined;
  let path: string;
  try {
    // Prefixed, not resolved against a base, so '//name/x' stays a path rather than becoming a host.
    path = decodeURIComponent(new URL(`http://localhost${requestUrl}`).pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  const full = normalize(join(root, path));
  const base = root.endsWith(sep) ? root : root + sep;
  return full.startsWith(base) ? full : undefined;
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function send(res: ServerResponse, status: number, text: string): void {
  const body = `${status} ${text}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...securityHeaders(),
  });
  res.end(body);
}
