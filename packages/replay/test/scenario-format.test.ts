// The scenario format's reader and checker (scenario-format.ts) on bad input: unknown directives,
// malformed expectations and series, missing blocks, each reported with file:line; and a figure
// the replay's output does not have, or does not match, reported with file:line and both values.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from './scenario-format.ts';
import { checkScenario, recordingCsv, runScenario, sameNumber } from './scenario-run.ts';
import { TempFiles, must } from './support.ts';
import type { RecordingReplay } from '@autoscale/replay';

const files = new TempFiles();
afterAll(() => files.remove());

/** A small valid scenario; `expectations` replaces its expect blocks. */
function scenarioText(expectations = 'expect summary\n  evaluations 3\n'): string {
  return [
    '# a small scenario',
    'formula',
    '  $TargetDedicatedNodes = 2;',
    'recording from 2026-01-05T00:00:00Z',
    '  $PendingTasks          1x20',
    '  $CurrentDedicatedNodes 1x20',
    'replay interval 5m allocation-latency 0s',
    expectations,
  ].join('\n');
}

function errorsOf(text: string): string[] {
  const parsed = parseScenario(text, 'bad.scenario');
  return parsed.ok ? [] : parsed.errors;
}

function parsed(text: string): Scenario {
  const outcome = parseScenario(text, 'small.scenario');
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.scenario;
}

describe('reading a scenario', () => {
  it('reads every block: formula, recording with metadata, replay settings, expectations', () => {
    const s = parsed(
      `${scenarioText('expect summary\n  nodeHours.dedicated 20/60  # a trailing comment\nexpect timeline\n  00:05 targetDedicated 2 error null\n  2026-01-05T00:10:00Z error.code X')}\n`.replace(
        'recording from 2026-01-05T00:00:00Z',
        'recording from 2026-01-05T00:00:00Z step 1m\n  taskSlotsPerNode 2',
      ),
    );
    expect(s.formula).toBe('$TargetDedicatedNodes = 2;');
    expect([s.start, s.step]).toEqual([Date.parse('2026-01-05T00:00:00Z'), 60_000]);
    expect(s.meta).toEqual([{ key: 'taskSlotsPerNode', value: '2' }]);
    expect(s.request).toEqual({ mode: 'open', interval: 300_000, allocationLatency: 0 });
    expect(s.expectations.map((e) => [e.line, e.source.kind, e.path, e.expected])).toEqual([
      [10, 'summary', 'nodeHours.dedicated', { kind: 'number', value: 20 / 60, text: '20/60', isTime: false }],
      [12, 'timeline', 'targetDedicated', { kind: 'number', value: 2, text: '2', isTime: false }],
      [12, 'timeline', 'error', { kind: 'null' }],
      [13, 'timeline', 'error.code', { kind: 'text', value: 'X' }],
    ]);
    expect(recordingCsv(s).split('\n').slice(0, 3)).toEqual([
      '# taskSlotsPerNode: 2',
      'timestamp,$PendingTasks,$CurrentDedicatedNodes',
      '2026-01-05T00:00:00Z,1,1',
    ]);
  });

  it('refuses an unknown directive, with a suggestion', () => {
    expect(errorsOf(scenarioText().replace('expect summary', 'expectt summary'))).toEqual([
      'bad.scenario:8: unknown directive "expectt"; did you mean "expect"? (body lines are indented)',
      'bad.scenario: no expectations: a scenario needs an "expect summary" or "expect timeline" block with figures',
    ]);
    expect(errorsOf(`  $TargetDedicatedNodes = 1;\n${scenarioText()}`)).toEqual([
      'bad.scenario:1: an indented line before any directive (formula, recording, tasks, replay, expect)',
    ]);
  });

  it('refuses malformed expectations', () => {
    expect(
      errorsOf(
        scenarioText(
          [
            'expect summary',
            '  evaluations',
            '  evaluations 3 4',
            '  nodeHours.dedicated 1/0',
            '  nodeHours.dedicated 1.2.3',
            'expect timeline',
            '  0:5 targetDedicated 2',
            '  00:05 targetDedicated',
            'expect everything',
          ].join('\n'),
        ),
      ),
    ).toEqual([
      'bad.scenario:9: expect summary: expected "FIGURE VALUE", e.g. "evaluations 7", got "evaluations"',
      'bad.scenario:10: expect summary: expected "FIGURE VALUE", e.g. "evaluations 7", got "evaluations 3 4"',
      'bad.scenario:11: expect summary nodeHours.dedicated: "1/0" divides by zero',
      'bad.scenario:12: expect summary nodeHours.dedicated: "1.2.3" is not a number (write 12, 0.5, -3 or 55/60)',
      'bad.scenario:14: expect timeline: "0:5" is not a time: write HH:MM or HH:MM:SS after the recording\'s start, or an ISO 8601 instant',
      'bad.scenario:15: expect timeline: expected "TIME COLUMN VALUE [COLUMN VALUE ...]", got "00:05 targetDedicated"',
      'bad.scenario:16: expect: write "expect summary" or "expect timeline", got "expect everything"',
    ]);
  });

  it('refuses a scenario without a formula or a recording', () => {
    expect(errorsOf('formula\nexpect summary\n  evaluations 1\n')).toEqual([
      'bad.scenario: no "recording" block: a scenario needs a recording',
      'bad.scenario:1: no formula: a scenario needs a formula block',
    ]);
    expect(errorsOf(scenarioText('expect summary\n'))).toEqual([
      'bad.scenario: no expectations: a scenario needs an "expect summary" or "expect timeline" block with figures',
    ]);
    expect(errorsOf(scenarioText().replace(/formula\n.*\n/, ''))).toEqual([
      'bad.scenario: no formula: a scenario needs a formula block',
    ]);
  });

  it('refuses bad series, columns, metadata and settings, with file:line[:col]', () => {
    const text = [
      'formula',
      '  $TargetDedicatedNodes = 2;',
      'recording from 2026-01-05T00:00:00Z',
      '  $PendingTasks          1x20',
      '  $CurrentDedicatedNodes 1x19',
      '  $RunningTasks 1 2X3',
      '  $PendingTask 1',
      '  taskSlotPerNode 2',
      'replay interval 5 mode half-open',
      'tasks',
      '  00:01 6m',
      'expect summary',
      '  evaluations 3',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'bad.scenario:6:19: $RunningTasks: "2X3": the repeat marker is a lowercase "x"',
      'bad.scenario:7: unknown column "$PendingTask"; did you mean "$PendingTasks"?',
      'bad.scenario:8: "taskSlotPerNode" is neither a column ($Name followed by series) nor a metadata key; did you mean "taskSlotsPerNode"?',
      'bad.scenario:5: $CurrentDedicatedNodes has 20 values but $PendingTasks (line 4) has 21; every series has one value per row (write "_" for a missing sample)',
      'bad.scenario:9: replay interval: "5" has no unit (a plain number is ambiguous); write e.g. "5s" or "5ms"',
      'bad.scenario:9: replay mode: "half-open" is not a mode (open or closed)',
      'bad.scenario:10: a task log applies only to a closed-loop replay: add "mode closed" to the replay block',
    ]);
  });
});

describe('checking a replay against a scenario', () => {
  let scenario: Scenario;
  let replay: RecordingReplay;

  beforeAll(async () => {
    scenario = parsed(scenarioText());
    const outcome = await runScenario(scenario, files.dir);
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(outcome.failures).toEqual([]);
    replay = outcome.replay;
  });

  const check = (expectations: string): string[] =>
    checkScenario({ ...parsed(scenarioText(expectations)), file: 'small.scenario' }, replay);

  it('names a figure the output does not have, with file:line and what is there', () => {
    expect(
      check(
        'expect summary\n  nodeHours.dedicatd 1\n  nodeHours 1\n  failures.0.code X\nexpect timeline\n  00:05 targetDedicated 2 spare 1\n  00:06 targetDedicated 2 error null',
      ),
    ).toEqual([
      'small.scenario:9: summary nodeHours.dedicatd: no such figure: nodeHours has no "dedicatd" (did you mean "dedicated"?); it has dedicated, lowPriority',
      'small.scenario:10: summary nodeHours: not a figure but a group of dedicated, lowPriority; name one of them',
      'small.scenario:11: summary failures.0.code: no such figure: failures has no "0"; it has nothing',
      expect.stringMatching(
        /^small\.scenario:13: timeline 00:05 spare: no such figure: the output has no "spare"; it has time, /,
      ),
      'small.scenario:14: no evaluation at 00:06 (evaluations at 00:00, 00:05, 00:10)',
    ]);
  });

  it('reports a figure that differs with file:line and both values', () => {
    expect(
      check(
        'expect summary\n  evaluations 3\n  scaleUps 2\n  nodeHours.dedicated 21/60\n  cost 0\n  settings.from 00:05\nexpect timeline\n  00:00 deallocation requeue error 3',
      ),
    ).toEqual([
      'small.scenario:10: summary scaleUps: expected 2, got 1',
      'small.scenario:11: summary nodeHours.dedicated: expected 21/60 = 0.35, got 0.3333333333333333',
      'small.scenario:12: summary cost: expected 0, got null',
      'small.scenario:13: summary settings.from: expected 00:05 (1767571500000), got 00:00 (1767571200000)',
      'small.scenario:15: timeline 00:00 error: expected 3, got null',
    ]);
  });

  it('compares integers exactly and other numbers within a relative 1e-9', () => {
    expect(sameNumber(3, 3)).toBe(true);
    expect(sameNumber(3, 4)).toBe(false);
    expect(sameNumber(3.0000000000000004, 3)).toBe(true);
    expect(sameNumber(10 / 60, 1 / 6 + 1e-12)).toBe(true);
    expect(sameNumber(10 / 60, 1 / 6 + 1e-8)).toBe(false);
    // 2 nodes for the 10 minutes: what the fraction 20/60 in a scenario compares with
    expect(sameNumber(must(replay.formulas[0]).summary.nodeHours.dedicated, 20 / 60)).toBe(true);
  });
});
