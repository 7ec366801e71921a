// Serves the built playground (dist/) on 127.0.0.1 for `autoscale playground`: GET and HEAD of
// files under dist/ only, with their media types, the playground's Content Security Policy as a
// header, and long caching for Vite's hashed assets. Never serves a file outside dist/.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp.ts';

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
  const server = createServer((req, res) => {
    void respond(root, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'only GET and HEAD');
    return;
  }
  const file = resolveFile(root, req.url ?? '/');
  if (file === undefined) {
    send(res, 404, 'not found');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    send(res, 404, 'not found');
    return;
  }
  const hashed = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'Content-Type': MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders(),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** The file under root a request path names, or undefined when it is malformed or escapes root. */
export function resolveFile(root: string, requestUrl: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
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
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
  res.end(`${status} ${text}\n`);
}
