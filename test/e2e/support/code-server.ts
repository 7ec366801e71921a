// Starts a real VS Code (code-server, installed by scripts/setup-e2e.sh) on 127.0.0.1 with its own
// throw-away user data, extensions and workspace directories, and stops it (and everything it
// started) when the test is done. Used by the extension's end-to-end tests.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eCache } from '../../support/runtimes.ts';

export const CODE_SERVER_VERSION = '4.139.1';

export function codeServerBinary(): string | undefined {
  const bin = join(e2eCache(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
  return existsSync(bin) ? bin : undefined;
}

/** Environment for code-server: the repository's Node 24 first on PATH (code-server requires it). */
function env(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The command lines of the processes descended from `root`, read from /proc. */
function descendantCommands(root: number): string[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while the table was read.
    }
  }
  const commands: string[] = [];
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      try {
        commands.push(readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim());
      } catch {
        // Ended meanwhile.
      }
      visit(child);
    }
  };
  visit(root);
  return commands;
}

export interface RunningCodeServer {
  url: string;
  workspace: string;
  /** The command lines of every process code-server has started and still runs (Linux: /proc). */
  processes(): string[];
  stop(): void;
}

export interface CodeServerOptions {
  /** A VSIX to install on the server (for its Node extension host); none to start without. */
  vsix?: string;
  /** Files to put in the workspace folder: relative path -> content. */
  files: Record<string, string>;
  settings?: Record<string, unknown>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const bin = codeServerBinary();
  if (!bin) throw new Error('code-server is not installed: run scripts/setup-e2e.sh');
  const root = mkdtempSync(join(tmpdir(), 'autoscale-e2e-'));
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  for (const dir of [join(userData, 'User'), extensions, workspace]) mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(options.files)) writeFileSync(join(workspace, name), content);
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'editor.hover.delay': 100,
    ...options.settings,
  };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const common = [
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
  if (options.vsix !== undefined) {
    const install = spawnSync(bin, [...common, '--install-extension', options.vsix], {
      env: env(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (install.status !== 0)
      throw new Error(`code-server --install-extension failed: ${install.stdout}${install.stderr}`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    [
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  const deadline = Date.now() + 60_000;
  while (!/HTTP server listening/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    workspace,
    processes: () => (child.pid === undefined ? [] : descendantCommands(child.pid)),
    stop() {
      // code-server starts helper processes: end the whole process group.
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
