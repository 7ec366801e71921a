// Test helper: the playground server in a process of its own, as `autoscale playground` runs it,
// so a request that crashes the server shows as a process that exited, not as an error the test
// runner happens to catch. The child listens on 127.0.0.1 port 0 and exits by itself when the
// test process goes away (its stdin closes), as well as when a test stops it.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVE_MODULE = pathToFileURL(fileURLToPath(new URL('../server/serve.ts', import.meta.url))).href;

const CHILD = `
const { servePlayground } = await import(process.argv[1]);
const server = await servePlayground({ port: 0, root: process.argv[2] });
process.stdout.write(server.url + '\\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

export interface ServerProcess {
  port: number;
  pid: number;
  /** What the child wrote to stderr (a crash's stack trace). */
  stderr(): string;
  /** True while the server process is running. */
  alive(): boolean;
  stop(): Promise<void>;
}

export function startServerProcess(root: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', CHILD, SERVE_MODULE, root], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\n/.exec(out);
      if (m) {
        resolve({
          port: Number(m[1]),
          pid: child.pid as number,
          stderr: () => err,
          alive,
          stop: () =>
            new Promise<void>((done) => {
              if (!alive()) return done();
              child.once('exit', () => done());
              child.stdin?.end();
            }),
        });
      }
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before printing its address: ${out}${err}`)),
    );
  });
}
