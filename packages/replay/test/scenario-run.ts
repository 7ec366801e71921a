// Running a replay scenario (scenario-format.ts reads it): the recording written as the CSV file
// and task log `autoscale replay` takes, replayed through replayMany (the call the command makes),
// and the report's figures compared with the expected ones, each failure as
// `file:line: figure: expected E, got A`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatInstant, suggest } from '@autoscale/core';
import { replayMany, type RecordingReplay, type ReplayFileRequest } from '@autoscale/replay';
import {
  type Expected,
  formatScenarioTime,
  RELATIVE_TOLERANCE,
  type Scenario,
  type ScenarioTask,
} from './scenario-format.ts';

/** The recording as `autoscale replay` reads it: a wide CSV with the metadata as `# key: value` lines. */
export function recordingCsv(scenario: Scenario): string {
  const rows = scenario.series[0]?.values.length ?? 0;
  const lines = scenario.meta.map((m) => `# ${m.key}: ${m.value}`);
  lines.push(['timestamp', ...scenario.series.map((s) => s.name)].join(','));
  for (let row = 0; row < rows; row++) {
    const cells = scenario.series.map((s) => {
      const v = s.values[row];
      return v === null || v === undefined ? '' : String(v);
    });
    lines.push([formatInstant(scenario.start + row * scenario.step), ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The tasks block as a task log file (`--task-log`). */
export function taskLogCsv(tasks: readonly ScenarioTask[]): string {
  const withSlots = tasks.some((t) => t.slots !== undefined);
  const lines = [withSlots ? 'submitted,duration,slots' : 'submitted,duration'];
  for (const t of tasks)
    lines.push([formatInstant(t.submitted), t.duration, ...(withSlots ? [String(t.slots ?? 1)] : [])].join(','));
  return `${lines.join('\n')}\n`;
}

export type RunOutcome = { ok: true; replay: RecordingReplay; failures: string[] } | { ok: false; errors: string[] };

/**
 * Writes the scenario's recording (and task log) into `dir` and replays it as `autoscale replay`
 * does (replayMany with one recording, results strings built), then checks the expectations.
 */
export async function runScenario(scenario: Scenario, dir: string): Promise<RunOutcome> {
  const base = scenario.file.replace(/^.*[\\/]/, '').replace(/\.scenario$/, '');
  const recordingPath = join(dir, `${base}.csv`);
  writeFileSync(recordingPath, recordingCsv(scenario));
  const request: ReplayFileRequest = { ...scenario.request };
  if (scenario.tasks !== undefined) {
    request.taskLog = join(dir, `${base}.tasks.csv`);
    writeFileSync(request.taskLog, taskLogCsv(scenario.tasks));
  }
  const [outcome] = await replayMany(
    [recordingPath],
    [{ name: `${base}.autoscale`, text: scenario.formula }],
    request,
    {
      jobs: 1,
      buildResults: true,
    },
  );
  if (outcome === undefined) return { ok: false, errors: [`${scenario.file}: the replay returned nothing`] };
  if (!outcome.ok)
    return { ok: false, errors: outcome.errors.map((e) => `${scenario.file}: the replay refused it: ${e}`) };
  return { ok: true, replay: outcome.replay, failures: checkScenario(scenario, outcome.replay) };
}

/** Every expectation the replay does not meet, as `file:line: figure: expected E, got A`. */
export function checkScenario(scenario: Scenario, replay: RecordingReplay): string[] {
  const formula = replay.formulas[0];
  if (formula === undefined) return [`${scenario.file}: the replay has no formula`];
  const summaryRoot = { ...formula.summary, recorded: replay.recorded, settings: replay.settings };
  const failures: string[] = [];
  for (const e of scenario.expectations) {
    const where = `${scenario.file}:${e.line}`;
    let root: unknown = summaryRoot;
    let label = `summary ${e.path}`;
    if (e.source.kind === 'timeline') {
      const time = e.source.time;
      label = `timeline ${e.source.timeText} ${e.path}`;
      root = formula.timeline.find((row) => row.time === time);
      if (root === undefined) {
        const times = formula.timeline.map((row) => formatScenarioTime(row.time, scenario.start));
        const shown = times.length > 12 ? `${times.slice(0, 12).join(', ')}, ...` : times.join(', ');
        failures.push(`${where}: no evaluation at ${e.source.timeText} (evaluations at ${shown || 'none'})`);
        continue;
      }
    }
    const found = resolvePath(root, e.path);
    if (typeof found === 'string') {
      failures.push(`${where}: ${label}: ${found}`);
      continue;
    }
    const problem = compare(found.value, e.expected, scenario.start);
    if (problem !== undefined) failures.push(`${where}: ${label}: ${problem}`);
  }
  // A line with several columns at a time with no evaluation would say so once per column.
  return [...new Set(failures)];
}

/** The value at a dotted path, or a sentence saying which part does not exist. */
function resolvePath(root: unknown, path: string): { value: unknown } | string {
  let value: unknown = root;
  let walked = '';
  for (const part of path.split('.')) {
    const here = walked === '' ? 'the output' : walked;
    if (value === null || typeof value !== 'object') return `no such figure: ${here} is ${String(value)}, not a group`;
    const record = value as Record<string, unknown>;
    if (!Object.hasOwn(record, part)) {
      const keys = Object.keys(record);
      const close = suggest(part, keys);
      return `no such figure: ${here} has no "${part}"${close ? ` (did you mean "${close}"?)` : ''}; it has ${keys.join(', ') || 'nothing'}`;
    }
    value = record[part];
    walked = walked === '' ? part : `${walked}.${part}`;
  }
  if (value !== null && typeof value === 'object')
    return `not a figure but a group of ${Object.keys(value).join(', ') || 'nothing'}; name one of them`;
  return { value };
}

/** Why `actual` is not the expected value, or undefined when it is. */
function compare(actual: unknown, expected: Expected, start: number): string | undefined {
  const asTime = expected.kind === 'number' && expected.isTime;
  const shown = (v: unknown): string =>
    typeof v === 'number' && asTime
      ? `${formatScenarioTime(v, start)} (${v})`
      : typeof v === 'string'
        ? `"${v}"`
        : String(v);
  switch (expected.kind) {
    case 'null':
      return actual === null ? undefined : `expected null, got ${shown(actual)}`;
    case 'text':
      return actual === expected.value ? undefined : `expected "${expected.value}", got ${shown(actual)}`;
    case 'number': {
      const want =
        expected.text === String(expected.value)
          ? expected.text
          : `${expected.text} ${asTime ? `(${expected.value})` : `= ${expected.value}`}`;
      if (typeof actual !== 'number') return `expected ${want}, got ${shown(actual)}`;
      return sameNumber(actual, expected.value) ? undefined : `expected ${want}, got ${shown(actual)}`;
    }
  }
}

/** Integers compare exactly; anything else within RELATIVE_TOLERANCE of the larger magnitude. */
export function sameNumber(actual: number, expected: number): boolean {
  if (actual === expected) return true;
  if (Number.isInteger(actual) && Number.isInteger(expected)) return false;
  return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected));
}
