// End-to-end tests of `autoscale replay` as a spawned process: options, formats, output files
// (atomic, nothing written on bad input), exit codes, several recordings on worker threads, the
// closed loop with a task log, `demo`, and agreement with `autoscale eval`: for sampled
// evaluation instants the replay's results string equals what eval prints for the same context.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextToJson } from '@autoscale/core';
import { replayFile } from '@autoscale/replay';
import { cliArgs, REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const WEEK = join(REPO_ROOT, 'examples/recordings/week.csv');
const FORMULAS = readdirSync(join(REPO_ROOT, 'examples/formulas'))
  .filter((n) => n.endsWith('.autoscale'))
  .sort();

/** The example week's first `rows` rows with its metadata: a real-shaped recording small enough for many spawns. */
function excerpt(name: string, rows: number): string {
  const lines = readFileSync(WEEK, 'utf8')
    .split('\n')
    .slice(0, rows + 1);
  tmp.file(`${name}.meta.json`, readFileSync(join(REPO_ROOT, 'examples/recordings/week.meta.json'), 'utf8'));
  return tmp.file(`${name}.csv`, `${lines.join('\n')}\n`);
}

const sixHours = excerpt('six-hours', 720);
for (const f of FORMULAS) tmp.file(f, readFileSync(join(REPO_ROOT, 'examples/formulas', f), 'utf8'));
const pending = 'pending-tasks.autoscale';

describe('autoscale replay', () => {
  it('--help explains every option, the exit codes and gives examples', () => {
    const r = run(['replay', '--help']);
    expect(r.code).toBe(0);
    for (const option of [
      '--recording',
      '--mode',
      '--interval',
      '--from',
      '--to',
      '--delay',
      '--allocation-latency',
      '--price-dedicated',
      '--price-low-priority',
      '--format',
      '--out',
      '--jobs',
      '--compare',
      '--recording-format',
      '--task-log',
      'Exit codes',
      'Examples',
    ]) {
      expect(r.stdout).toContain(option);
    }
    expect(run(['--help']).stdout).toContain('replay');
  });

  it('prints the text summary by default, without a progress bar when stderr is not a terminal', () => {
    const r = tmp.run(['replay', pending, '--recording', sixHours]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Replay of six-hours\.csv \(pool render-farm\), open loop, 2026-01-05T00:00:00Z to 2026-01-05T05:59:30Z: 24 evaluations every 15m, availability delay 30s, allocation latency 5m, 2 task slots per node\n/,
    );
    expect(r.stdout).toMatch(/^dedicated node-hours\s+[\d.]+\s+[\d.]+$/m);
  });

  it('--format json and csv print the timeline; the options reach the replay', () => {
    const json = tmp.run([
      'replay',
      pending,
      '-r',
      sixHours,
      '--format',
      'json',
      '--interval',
      '30m',
      '--from',
      '2026-01-05T01:00:00Z',
      '--to',
      '2026-01-05T03:00:00Z',
      '--delay',
      '0s',
      '--allocation-latency',
      '2m',
      '--price-dedicated',
      '0.5',
      '--price-low-priority',
      '0.1',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    const replay = report.replays[0];
    expect(replay.settings).toMatchObject({
      mode: 'open',
      from: '2026-01-05T01:00:00Z',
      to: '2026-01-05T03:00:00Z',
      interval: '30m',
      delay: '0s',
      allocationLatency: '2m',
      priceDedicated: 0.5,
      priceLowPriority: 0.1,
      taskSlotsPerNode: 2,
    });
    expect(replay.formulas[0].timeline.map((row: { time: string }) => row.time)).toEqual([
      '2026-01-05T01:00:00Z',
      '2026-01-05T01:30:00Z',
      '2026-01-05T02:00:00Z',
      '2026-01-05T02:30:00Z',
      '2026-01-05T03:00:00Z',
    ]);
    expect(replay.formulas[0].summary.cost).toBeCloseTo(
      replay.formulas[0].summary.nodeHours.dedicated * 0.5 + replay.formulas[0].summary.nodeHours.lowPriority * 0.1,
      10,
    );
    const csv = tmp.run(['replay', pending, '-r', sixHours, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^recording,formula,time,results,/);
    expect(lines).toHaveLength(25);
    expect(lines[1]).toMatch(/^six-hours\.csv,pending-tasks\.autoscale,2026-01-05T00:00:00Z,\$TargetDedicatedNodes=1;/);
  });

  it('--out report.html writes the page and still prints the summary; --out x.json / x.csv take the report', () => {
    const html = tmp.run(['replay', ...FORMULAS, '-r', sixHours, '--compare', '--out', 'report.html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(
      /^\s+recorded\s+business-hours\.autoscale\s+cpu-low-priority\.autoscale\s+pending-tasks\.autoscale$/m,
    );
    const page = readFileSync(tmp.path('report.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('Content-Security-Policy" content="default-src &#39;none&#39;');
    const json = tmp.run(['replay', pending, '-r', sixHours, '--out', 'out.json']);
    expect(json).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(tmp.path('out.json'), 'utf8')).replays).toHaveLength(1);
    const csv = tmp.run(['replay', pending, '-r', sixHours, '--out', 'out.csv']);
    expect(csv.code).toBe(0);
    expect(readFileSync(tmp.path('out.csv'), 'utf8')).toMatch(/^recording,formula,time,/);
    // No temporary files are left behind.
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a malformed recording stops the replay before anything is written: file:line:col, exit 2', () => {
    const bad = tmp.file('bad.csv', 'timestamp,$PendingTasks\n2026-01-05T00:00:00Z,1\n2026-01-05T00:00:30Z,one\n');
    writeFileSync(tmp.path('keep.html'), 'old report');
    const r = tmp.run(['replay', pending, '-r', bad, '--out', 'keep.html']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bad.csv:3:22: $PendingTasks: "one" is not a number (write a decimal like 12 or 0.5; leave the cell empty for a missing sample)\n',
    );
    expect(readFileSync(tmp.path('keep.html'), 'utf8')).toBe('old report');
    const fresh = tmp.run(['replay', pending, '-r', bad, '--out', 'never.html']);
    expect(fresh.code).toBe(2);
    expect(existsSync(tmp.path('never.html'))).toBe(false);
    const missing = tmp.run(['replay', pending, '-r', 'nowhere.csv']);
    expect(missing).toMatchObject({ code: 2, stderr: 'nowhere.csv: cannot read: no such file or directory\n' });
  });

  it('--recording-format csv (the streaming path) words an unreadable recording the same way: exit 2', () => {
    mkdirSync(tmp.path('folder.csv'), { recursive: true });
    // Streaming, whatever this machine's cores.
    const streaming = { cwd: tmp.dir, env: { AUTOSCALE_REPLAY_STREAM: '1' } };
    const missing = run(['replay', pending, '--recording', 'missing.csv', '--recording-format', 'csv'], streaming);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'missing.csv: cannot read: no such file or directory\n' });
    const folder = run(['replay', pending, '--recording', 'folder.csv', '--recording-format', 'csv'], streaming);
    expect(folder).toEqual({ code: 2, stdout: '', stderr: 'folder.csv: cannot read: is a directory\n' });
  });

  it.each([
    [
      ['--interval', '1m'],
      /option '--interval <duration>' argument '1m' is invalid\. the evaluation interval must be between 5m and 7d/,
    ],
    [['--interval', '15'], /"15" has no unit/],
    [['--from', 'monday'], /"monday" is not an ISO 8601 instant/],
    [['--mode', 'half'], /argument 'half' is invalid\. Allowed choices are open, closed/],
    [['--format', 'xml'], /Allowed choices are text, json, csv/],
    [['--price-dedicated', '-1'], /"-1" is not a price/],
    [['--jobs', '0'], /"0" is not a whole number >= 1/],
    [['--recording-format', 'xlsx'], /Allowed choices are csv, jsonl, azure-monitor, rest-poll/],
    [['--compare'], /--compare needs at least two formulas/],
    [['--task-log', 'tasks.csv'], /--task-log applies only to --mode closed/],
  ])('bad usage %j exits 2', (args, message) => {
    const r = tmp.run(['replay', pending, '-r', sixHours, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a recording is required', () => {
    const r = tmp.run(['replay', pending]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '-r, --recording <file>' not specified/);
  });

  it('failed evaluations and checker errors give exit 1 with the report', () => {
    const strict = tmp.file(
      'strict.autoscale',
      '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Hour, 100));',
    );
    const r = tmp.run(['replay', strict, '-r', sixHours]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/InsufficientSampleData: 24 times, first at 2026-01-05T00:00:00Z/);
    const broken = tmp.file('broken.autoscale', '$TargetDedicatedNodes = $Nope;');
    const b = tmp.run(['replay', broken, '-r', sixHours]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^broken\.autoscale:1:25 error AS\d+ /);
  });

  it('closed loop with a task log; several recordings on worker threads give the same report as one at a time', () => {
    const tasks = tmp.file(
      'tasks.csv',
      'submitted,duration,slots\n2026-01-05T00:10:00Z,20m,1\n2026-01-05T00:10:00Z,20m,2\n',
    );
    const r = tmp.run(['replay', pending, '-r', sixHours, '--mode', 'closed', '--task-log', tasks, '--format', 'json']);
    expect(r.code).toBe(0);
    const closed = JSON.parse(r.stdout).replays[0].formulas[0].summary.closedLoop;
    expect(closed).toMatchObject({ workload: 'task-log', tasksArrived: 2, tasksCompleted: 2 });
    const other = excerpt('other', 240);
    const parallel = tmp.run([
      'replay',
      pending,
      'business-hours.autoscale',
      '-r',
      sixHours,
      '-r',
      other,
      '--mode',
      'closed',
      '--jobs',
      '2',
      '--format',
      'json',
    ]);
    const serial = tmp.run([
      'replay',
      pending,
      'business-hours.autoscale',
      '-r',
      sixHours,
      '-r',
      other,
      '--mode',
      'closed',
      '--jobs',
      '1',
      '--format',
      'json',
    ]);
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(JSON.parse(parallel.stdout).replays.map((x: { recording: string }) => x.recording)).toEqual([
      sixHours,
      other,
    ]);
  });

  it('imports an az monitor document, picked from the content or by --recording-format', () => {
    const doc = {
      value: [
        {
          name: { value: 'TotalNodeCount' },
          timeseries: [
            {
              metadatavalues: [],
              data: Array.from({ length: 30 }, (_, i) => ({
                timeStamp: new Date(Date.UTC(2026, 0, 5, 0, i)).toISOString(),
                total: 3,
              })),
            },
          ],
        },
      ],
    };
    const file = tmp.file('monitor.txt', JSON.stringify(doc, null, 2));
    const r = tmp.run(['replay', 'business-hours.autoscale', '-r', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const replay = JSON.parse(r.stdout).replays[0];
    expect(replay.format).toBe('azure-monitor');
    expect(replay.recorded.nodeHours.dedicated).toBeCloseTo((3 * 29.5) / 60, 10);
    const forced = tmp.run(['replay', 'business-hours.autoscale', '-r', file, '--recording-format', 'csv']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/^monitor\.txt:1:1: the first column must be "timestamp"/);
  });
});

describe('replay agrees with autoscale eval', () => {
  const SAMPLED = [0, 1, 2, 7, 23];
  it.each(['open', 'closed'] as const)(
    '%s loop: at sampled instants the results string equals what eval prints for the same context',
    async (mode) => {
      const replayed = tmp.run(['replay', ...FORMULAS, '-r', sixHours, '--mode', mode, '--format', 'json']);
      expect(replayed.code).toBe(0);
      const timelines = JSON.parse(replayed.stdout).replays[0].formulas.map(
        (f: { timeline: Array<{ results: string }> }) => f.timeline,
      );
      const contexts = new Map<string, unknown>();
      const sources = FORMULAS.map((name) => ({ name, text: readFileSync(tmp.path(name), 'utf8') }));
      const outcome = await replayFile(
        tmp.path('six-hours.csv'),
        sources,
        { mode },
        {
          onEvaluation: (formula, index, context) => {
            if (SAMPLED.includes(index)) contexts.set(`${formula}:${index}`, contextToJson(context));
          },
        },
      );
      expect(outcome.ok).toBe(true);
      expect(contexts.size).toBe(FORMULAS.length * SAMPLED.length);
      for (const [key, context] of contexts) {
        const [formula, index] = key.split(':').map(Number) as [number, number];
        const file = tmp.file(`ctx-${mode}-${formula}-${index}.json`, JSON.stringify(context));
        const evaluated = tmp.run(['eval', FORMULAS[formula] as string, '--context', file]);
        expect(evaluated.stdout, `${FORMULAS[formula]} at evaluation ${index}`).toBe(
          `${timelines[formula][index].results}\n`,
        );
      }
    },
  );
});

// util-linux's `script` runs the command on a pseudo-terminal, as a person at a terminal would.
describe.runIf(existsSync('/usr/bin/script'))('autoscale replay on a terminal', () => {
  it('draws a progress bar on stderr and clears it before the report', () => {
    const out = join(tmp.dir, 'timeline-tty.csv');
    const command = [
      process.execPath,
      ...cliArgs(['replay', join(tmp.dir, pending)]),
      '--recording',
      WEEK,
      '--format',
      'csv',
      '--out',
      out,
    ]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const r = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\rreplaying \[[#.]{30}\] +\d+%/);
    expect(r.stdout).toContain('] 100%');
    // The bar's line is blanked, and the report went to the file.
    expect(r.stdout).toMatch(/\r {20,}\r/);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^recording,formula,time,results,/);
  });
});
