// The playground server answers only requests addressed to it by a loopback name and its port
// (127.0.0.1:PORT, localhost:PORT, [::1]:PORT): a page on another site whose name an attacker
// re-points at 127.0.0.1 (DNS rebinding) sends its own name as Host and gets 421 and nothing of the
// site. Requests go over bare sockets, since the Host header is what is under test.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOwnHost } from '../server/host.ts';
import { servePlayground, type PlaygroundServer } from '../server/serve.ts';
import { getWithHosts, parseResponse, rawExchange, type RawResponse } from './raw-http.ts';

const PAGE = '<!doctype html><title>the playground</title>';
const root = mkdtempSync(join(tmpdir(), 'autoscale-serve-host-'));
let server: PlaygroundServer;
let port: number;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), PAGE);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("the playground");');
  server = await servePlayground({ port: 0, root });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function expectMisdirected(r: RawResponse): void {
  expect(r.status).toBe(421);
  expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(r.body).toBe(`421 this server answers only to 127.0.0.1:${port}, localhost:${port} and [::1]:${port}\n`);
  expect(r.raw.toString('latin1')).not.toContain('the playground');
}

describe('the Host header', () => {
  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LocalHost:PORT', '[::1]:PORT'])(
    'serves a request for %s',
    async (host) => {
      for (const version of ['1.1', '1.0']) {
        const r = await getWithHosts(port, '/', [host.replace('PORT', String(port))], version);
        expect(r.status, `HTTP/${version}`).toBe(200);
        expect(r.body).toBe(PAGE);
      }
    },
  );

  it.each([
    'evil.example:PORT', // DNS rebinding: the attacker's name, now resolving to 127.0.0.1
    'evil.example',
    'localhost.evil.example:PORT',
    '127.0.0.1.evil.example:PORT',
    '127.0.0.1:PORT.evil.example',
    'evil.example:PORT@127.0.0.1:PORT',
    '127.0.0.1', // no port: port 80, which this server is not on
    'localhost',
    '[::1]',
    '127.0.0.1:OTHER',
    'localhost:80',
    '127.0.0.1:0PORT',
    '127.0.0.1:PORT/',
    '127.0.0.2:PORT', // other loopback spellings: no browser sends them for the printed address
    '127.1:PORT',
    '2130706433:PORT',
    '0.0.0.0:PORT',
    '[::ffff:127.0.0.1]:PORT',
    'localhost.:PORT',
    '',
  ])('answers 421 and nothing of the site to Host: %s', async (pattern) => {
    const host = pattern.replaceAll('OTHER', String(port === 65535 ? 1 : port + 1)).replaceAll('PORT', String(port));
    for (const path of ['/', '/index.html', '/assets/index-abc123.js', '/missing'])
      expectMisdirected(await getWithHosts(port, path, [host]));
    // Refused before anything else is looked at: not even which methods the site allows.
    expectMisdirected(
      parseResponse(
        await rawExchange(port, `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`),
      ),
    );
    expect((await getWithHosts(port, '/', [`127.0.0.1:${port}`])).status).toBe(200);
  });

  it('answers 421 to an HTTP/1.0 request without Host (HTTP/1.1 without Host is a 400 from Node itself)', async () => {
    expectMisdirected(await getWithHosts(port, '/', [], '1.0'));
    const r = await getWithHosts(port, '/', [], '1.1');
    expect(r.status).toBe(400);
    expect(r.raw.toString('latin1')).not.toContain('the playground');
  });

  it.each([
    ['ours first', 'OURS', 'evil.example:PORT'],
    ['ours last', 'evil.example:PORT', 'OURS'],
    ['ours twice', 'OURS', 'OURS'],
  ])('answers 400 to two Host headers (%s)', async (_, first, second) => {
    const hosts = [first, second].map((h) => h.replace('OURS', `127.0.0.1:${port}`).replace('PORT', String(port)));
    const r = await getWithHosts(port, '/', hosts);
    expect(r.status).toBe(400);
    expect(r.body).toBe('400 more than one Host header\n');
    expect(r.raw.toString('latin1')).not.toContain('the playground');
  });

  it('serves only paths: a request target naming another site (absolute form) gets nothing of this one', async () => {
    for (const target of [`http://evil.example:${port}/`, `http://evil.example:${port}/index.html`, '*']) {
      const r = parseResponse(
        await rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
      );
      expect(r.status, target).toBe(404);
      expect(r.raw.toString('latin1')).not.toContain('the playground');
    }
  });

  it('takes a Host without a port to mean port 80, as browsers do', () => {
    expect(isOwnHost('127.0.0.1', 80)).toBe(true);
    expect(isOwnHost('localhost', 80)).toBe(true);
    expect(isOwnHost('[::1]', 80)).toBe(true);
    expect(isOwnHost('127.0.0.1:80', 80)).toBe(true);
    expect(isOwnHost('127.0.0.1', 8417)).toBe(false);
    expect(isOwnHost('127.0.0.1:80', 8417)).toBe(false);
    expect(isOwnHost('evil.example', 80)).toBe(false);
    expect(isOwnHost(undefined, 80)).toBe(false);
  });
});
