// Start-up of the published `autoscale` command (run by `npm run bench`): `autoscale check` of a
// one-line formula, `--version` and `--help`, each against a bare `node -e 0` on the same Node,
// runs interleaved so that a busy moment hits both alike. Runs the built package
// (packages/cli/bin/autoscale.js and dist/cli.cjs; `npm run build` first), with the module
// compile cache warm as it is from a user's second run on, and without this repository's
// development condition (NODE_OPTIONS), as a user runs it. Prints figures; asserts nothing.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

export const LAUNCHER = fileURLToPath(new URL('../packages/cli/bin/autoscale.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../packages/cli/dist/cli.cjs', import.meta.url));

export interface StartupFigure {
  command: string;
  medianMs: number;
  nodeMedianMs: number;
  ratio: number;
}

function wallMs(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0 && !args.includes('check'))
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

/** Median wall time of each command and of `node -e 0`, over `runs` interleaved runs each. */
export function benchStartup(runs = 30): StartupFigure[] | undefined {
  if (!existsSync(BUNDLE)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-startup-'));
  try {
    const formula = join(dir, 'one.autoscale');
    writeFileSync(formula, '$TargetDedicatedNodes = 1;\n');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
    delete env.NODE_OPTIONS;
    const commands: Array<[string, string[]]> = [
      ['check of a one-line formula', [LAUNCHER, 'check', formula]],
      ['--version', [LAUNCHER, '--version']],
      ['--help', [LAUNCHER, '--help']],
    ];
    for (const [, args] of commands) wallMs(args, env); // fills the compile cache
    const node: number[] = [];
    const times = commands.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      node.push(wallMs(['-e', '0'], env));
      for (const [j, [, args]] of commands.entries()) times[j]?.push(wallMs(args, env));
    }
    const nodeMedianMs = median(node);
    return commands.map(([command], j) => {
      const medianMs = median(times[j] ?? []);
      return { command, medianMs, nodeMedianMs, ratio: medianMs / nodeMedianMs };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const figures = benchStartup(Number(process.argv[2] ?? 30));
  for (const f of figures ?? [])
    console.log(
      `${f.command}: ${f.medianMs.toFixed(1)} ms vs node -e 0 ${f.nodeMedianMs.toFixed(1)} ms: ${f.ratio.toFixed(2)}x`,
    );
}
