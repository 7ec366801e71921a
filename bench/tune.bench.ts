// Tune benchmark (run by `npm run bench`): `autoscale tune` searches on the example week
// (examples/recordings/week.csv, 20,160 rows of 30-s samples) with the pending-tasks example, whose
// cap `maxNumberOfVMs` is the parameter: grids of 48 variants open loop and 24 closed loop on one
// thread, and 96 closed loop on worker threads, one per core (a search that long starts them).
// Variants per second count the whole search (reading the recording, the baseline, every
// variant, starting workers). Prints figures; asserts nothing.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeFormula } from '@autoscale/core';
import { tuneFormula, tuneSpace } from '@autoscale/replay';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');

export interface TuneBenchFigure {
  mode: 'open' | 'closed';
  jobs: number;
  variants: number;
  ms: number;
  perSecond: number;
}

async function measure(mode: 'open' | 'closed', variants: number, jobs: number): Promise<TuneBenchFigure> {
  const text = readFileSync(join(ROOT, 'examples/formulas/pending-tasks.autoscale'), 'utf8');
  const space = tuneSpace(analyzeFormula(text), [{ name: 'maxNumberOfVMs', from: 1, to: variants, step: 1 }]);
  if (!space.ok) throw new Error(space.problems.map((p) => p.reason).join('\n'));
  const t0 = performance.now();
  const outcome = await tuneFormula({
    formula: { name: 'pending-tasks.autoscale', text },
    space: space.space,
    recording: join(ROOT, 'examples/recordings/week.csv'),
    replay: { mode },
    objective: 'node-hours',
    maxWaitP95Seconds: null,
    budget: variants,
    seed: 1,
    shard: null,
    jobs,
  });
  const ms = performance.now() - t0;
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  const evaluated = outcome.result.evaluated;
  return { mode, jobs, variants: evaluated, ms, perSecond: (evaluated / ms) * 1000 };
}

export async function benchTune(): Promise<TuneBenchFigure[]> {
  const cores = availableParallelism();
  const figures: TuneBenchFigure[] = [];
  const cases: Array<[mode: 'open' | 'closed', variants: number, jobs: number]> = [
    ['open', 48, 1],
    ['closed', 24, 1],
    ...(cores > 1 ? [['closed', 96, cores] as ['closed', number, number]] : []),
  ];
  for (const [mode, variants, jobs] of cases) {
    // Best of two: the first run also pays for loading the modules.
    const runs = [await measure(mode, variants, jobs), await measure(mode, variants, jobs)];
    figures.push(runs.reduce((a, b) => (b.ms < a.ms ? b : a)));
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of await benchTune())
    console.log(
      `tune ${f.mode} loop, ${f.variants} variants, --jobs ${f.jobs}: ${(f.ms / 1000).toFixed(2)} s, ${f.perSecond.toFixed(1)} variants/s`,
    );
}
