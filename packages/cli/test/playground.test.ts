// `autoscale playground` as a spawned process: prints its 127.0.0.1 address, serves the built page
// with its policy to requests for that address only, stops cleanly on SIGTERM, and explains a busy
// port or a bad --port.

import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPlayground } from '../src/actions/playground.ts';
import { cliArgs, REPO_ROOT, run } from './run-cli.ts';

const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the command and resolves with the address it prints (building first if needed). */
function startPlayground(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, cliArgs(['playground', ...args]), {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /Playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing its address: ${out}${err}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  );
}

describe('autoscale playground', () => {
  it('serves the page on 127.0.0.1 and stops with exit code 0 on SIGTERM', async () => {
    const { child, url } = await startPlayground(['--port', '0']);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<title>Batch autoscale playground</title>');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy"/);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('answers 421 and none of the page to a request for another host (DNS rebinding)', async () => {
    const { child, url } = await startPlayground(['--port', '0']);
    const { port } = new URL(url);
    const answer = (host: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const rebound = await answer(`attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('<title>');
    expect((await answer(`localhost:${port}`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('explains a port that is in use and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = run(['playground', '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`port ${port} is in use; choose another with --port`);
    } finally {
      blocker.close();
    }
  });

  it.each(['abc', '70000', '-1'])('refuses --port %s as bad usage', (port) => {
    const r = run(['playground', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a port number');
  });

  it('--help says what it serves and where the files come from', () => {
    const r = run(['playground', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--port <n>');
    expect(r.stdout).toContain('ships inside this package (dist/playground/)');
  });

  it('explains missing page files (a checkout not built yet) and exits 1', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'autoscale-no-playground-'));
    try {
      const err: string[] = [];
      const ctx = {
        io: { stdout: () => undefined, stderr: (s: string) => void err.push(s), readStdin: async () => '' },
        setExitCode: () => undefined,
      };
      expect(await runPlayground(ctx, 0, empty)).toBe(1);
      expect(err.join('')).toBe(
        `autoscale playground: the page's files are missing (${empty}); in a checkout of the toolkit, run "npm run build" first\n`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
