// A user's project with the toolkit installed from its packs: every publishable workspace package
// is packed (`npm pack`, exactly what `npm publish` would upload) and the packs are installed
// with npm into a new project in the system's temporary directory, outside this repository, so
// nothing resolves into the workspace (no links, no parent node_modules, no development
// condition). Their dependencies come from the registry, as they would for a user.

import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { REPO_ROOT } from '../../support/paths.ts';
import { plainNodeEnv } from '../../support/runtimes.ts';

export interface WorkspacePackage {
  name: string;
  dir: string;
  version: string;
}

/** The workspace packages that are published (not `private`), read from their manifests. */
export function publishablePackages(): WorkspacePackage[] {
  return readdirSync(join(REPO_ROOT, 'packages')).flatMap((dir) => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      private?: boolean;
    };
    return manifest.private === true
      ? []
      : [{ name: manifest.name, dir: `packages/${dir}`, version: manifest.version }];
  });
}

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

function output(r: SpawnSyncReturns<string>): RunOutput {
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** npm's own command, run by the Node running the tests, in `cwd`, with `env`. */
export function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = plainNodeEnv()): RunOutput {
  return output(spawnSync('npm', [...args], { cwd, env, encoding: 'utf8', timeout: 300_000 }));
}

export class InstalledProject {
  /** The temporary root: packs/ and project/. */
  readonly root = mkdtempSync(join(tmpdir(), 'autoscale-installed-'));
  readonly packs = join(this.root, 'packs');
  /** The user's project: a package.json, the installed packs, and the files tests write. */
  readonly dir = join(this.root, 'project');
  readonly packages = publishablePackages();
  /** Tarball file names, by package name. */
  readonly tarballs = new Map<string, string>();

  /** Packs every publishable package and installs the packs (and only them) into the project. */
  install(): void {
    mkdirSync(this.packs, { recursive: true });
    mkdirSync(this.dir, { recursive: true });
    const workspaces = this.packages.flatMap((p) => ['--workspace', p.dir]);
    const packed = npm(
      ['pack', ...workspaces, '--pack-destination', this.packs, '--json', '--loglevel=error'],
      REPO_ROOT,
    );
    if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    for (const entry of JSON.parse(packed.stdout) as Array<{ name: string; filename: string }>)
      this.tarballs.set(entry.name, entry.filename);
    writeFileSync(
      join(this.dir, 'package.json'),
      `${JSON.stringify({ name: 'user-infrastructure', private: true, type: 'module' }, null, 2)}\n`,
    );
    const tarballs = [...this.tarballs.values()].map((file) => join(this.packs, file));
    const installed = npm(
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs],
      this.dir,
    );
    if (installed.code !== 0) throw new Error(`npm install of the packs failed: ${installed.stderr}`);
  }

  /** An environment whose `node` (and so `npx` and the `autoscale` script) is `nodeBinary`. */
  env(nodeBinary: string = process.execPath): NodeJS.ProcessEnv {
    const env = plainNodeEnv();
    delete env.NODE_PATH;
    env.PATH = `${dirname(nodeBinary)}${delimiter}${process.env.PATH ?? ''}`;
    return env;
  }

  /** Writes a file into the project; returns its path. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  /** `npx autoscale ARGS` in the project, on `nodeBinary`, with `extraEnv` set. */
  autoscale(args: readonly string[], nodeBinary?: string, extraEnv: NodeJS.ProcessEnv = {}): RunOutput {
    return output(
      spawnSync('npx', ['--no-install', 'autoscale', ...args], {
        cwd: this.dir,
        env: { ...this.env(nodeBinary), ...extraEnv },
        encoding: 'utf8',
        timeout: 120_000,
      }),
    );
  }

  /** `npx autoscale ARGS` left running (servers), on `nodeBinary`. */
  startAutoscale(args: readonly string[], nodeBinary?: string): ChildProcess {
    return spawn('npx', ['--no-install', 'autoscale', ...args], {
      cwd: this.dir,
      env: this.env(nodeBinary),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  }

  /** `node FILE` in the project, with no flags: what a user's script gets. */
  node(file: string, nodeBinary: string = process.execPath): RunOutput {
    return output(
      spawnSync(nodeBinary, [file], { cwd: this.dir, env: this.env(nodeBinary), encoding: 'utf8', timeout: 60_000 }),
    );
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
