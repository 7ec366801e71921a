// Runs the replay scenario corpus, test/corpus/replay/*.scenario: one test per file. Each file is a
// small scenario, series notation in and figures out (the format: test/corpus/replay/README.md;
// its reader: scenario-format.ts; running and checking: scenario-run.ts):
//
//   # what the scenario shows (a # line, or a # after whitespace, is a comment)
//   formula
//     $TargetDedicatedNodes = max(1, $PendingTasks.GetSample(1));
//   recording from 2026-01-05T00:00:00Z step 30s
//     taskSlotsPerNode 2                 (metadata: RECORDING-FORMAT.md's keys)
//     $PendingTasks          0x19 6x20 2x19
//     $CurrentDedicatedNodes 1x60       (core's series notation; one value per row, _ missing)
//   tasks                                (closed loop only: the task log, SUBMITTED DURATION [SLOTS])
//     00:01 6m
//   replay interval 5m delay 30s allocation-latency 4m
//     mode closed  from 00:10  to 00:50  price-dedicated 0.8  price-low-priority 0.2
//   expect summary
//     nodeHours.dedicated 65/60           (a dotted path into the summary, recorded.* or settings.*)
//   expect timeline
//     00:15 targetDedicated 6 simulatedDedicated 1
//     00:00 error.code InsufficientSampleData
//
// Times are HH:MM[:SS] after the recording's first row, or ISO 8601 instants. The recording is
// written as a CSV file and replayed through replayMany, as `autoscale replay` does. Integers
// compare exactly, other numbers within a relative 1e-9; a figure that does not exist fails.

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from './scenario-format.ts';
import { runScenario } from './scenario-run.ts';
import { TempFiles } from './support.ts';

const CORPUS = new URL('../../../test/corpus/replay/', import.meta.url);
const SCENARIO_FILES = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.scenario'))
  .sort();

const files = new TempFiles();
afterAll(() => files.remove());

// Concurrent: each replay waits mostly on its own worker thread's start-up.
describe.concurrent('replay scenarios (test/corpus/replay)', () => {
  it('has scenarios', () => expect(SCENARIO_FILES.length).toBeGreaterThanOrEqual(10));

  for (const name of SCENARIO_FILES) {
    it(name, async () => {
      const display = `test/corpus/replay/${name}`;
      const parsed = parseScenario(readFileSync(new URL(name, CORPUS), 'utf8'), display);
      if (!parsed.ok) throw new Error(`the scenario does not read:\n${parsed.errors.join('\n')}`);
      const outcome = await runScenario(parsed.scenario, files.dir);
      if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
      if (outcome.failures.length > 0)
        throw new Error(`${outcome.failures.length} figure(s) differ:\n${outcome.failures.join('\n')}`);
    });
  }
});
