// The static server behind `autoscale playground`: serves the built files with their media types
// and the Content Security Policy, and nothing outside its folder, whatever the request path says.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../csp.ts';
import { isBuilt } from '../server/build.ts';
import { resolveFile, servePlayground, type PlaygroundServer } from '../server/serve.ts';

const parent = mkdtempSync(join(tmpdir(), 'autoscale-serve-'));
const root = join(parent, 'dist');
let server: PlaygroundServer;

/** A raw request, so paths like /../x reach the server unnormalised. */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(root, 'assets', 'week-abc.csv'), 'timestamp,$PendingTasks\n');
  writeFileSync(join(parent, 'secret.txt'), 'outside the served folder');
  server = await servePlayground({ port: 0, root });
});

afterAll(async () => {
  await server.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('playground server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for / with the policy, no caching and no sniffing', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toContain('<title>x</title>');
  });

  it('serves hashed assets with their media type, cached for good', async () => {
    const js = await get('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/week-abc.csv')).headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await get('/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/a%00b',
    '/%E0%A4%A',
    '/missing.js',
    '/assets',
  ])('does not serve %s', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('outside the served folder');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
  });

  it('resolves request paths inside the root only', () => {
    expect(resolveFile(root, '/assets/x.js?v=1#h')).toBe(join(root, 'assets', 'x.js'));
    expect(resolveFile(root, '/a/../index.html')).toBe(join(root, 'index.html'));
    // The URL parser already folds a dot-segment, even percent-encoded, so this stays inside root.
    expect(resolveFile(root, '/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    // An encoded slash survives the parser; normalising after decoding catches the escape.
    expect(resolveFile(root, '/assets/..%2f..%2fsecret.txt')).toBeUndefined();
    // Only paths: an absolute URL or '*' names no file, and '//x/y' is a path, not the host x.
    expect(resolveFile(root, 'http://evil.example/index.html')).toBeUndefined();
    expect(resolveFile(root, '*')).toBeUndefined();
    expect(resolveFile(root, '')).toBeUndefined();
    expect(resolveFile(root, '//evil.example/index.html')).toBe(join(root, 'evil.example', 'index.html'));
  });

  it('knows whether a folder holds a build (`autoscale playground` builds when it does not)', () => {
    expect(isBuilt(root)).toBe(true);
    expect(isBuilt(parent)).toBe(false);
  });

  it('the <meta> policy is the header policy without frame-ancestors, which browsers ignore there', () => {
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
  });
});
