// End-to-end tests of `autoscale replay --service-history` as a spawned process, on the replay
// package's fixtures (packages/replay/test/fixtures/service-history/: 5 of the service's
// evaluations compared, 4 agree, the first disagreement at 00:17): the text and JSON reports,
// several history files and a folder, and bad input: exit 2, `file:line` on stderr, nothing
// written, the size bound and an output that would overwrite a history file.

import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const FIXTURES = join(REPO_ROOT, 'packages/replay/test/fixtures/service-history');
for (const name of [
  'half-hour.csv',
  'latest.autoscale',
  'window.autoscale',
  'events.jsonl',
  'pool-show.json',
  'log-analytics.csv',
])
  copyFileSync(join(FIXTURES, name), tmp.path(name));
const RES = (n: number): string =>
  `$TargetDedicatedNodes=${n};$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue`;
const BASE = ['replay', 'latest.autoscale', '--recording', 'half-hour.csv', '--interval', '5m'];

describe('autoscale replay --service-history', () => {
  it('--help explains the option', () => {
    const r = run(['replay', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--service-history <file>');
    expect(r.stdout).toContain('PoolAutoScaleEvent');
  });

  it('the text report adds the share agreeing and the first disagreement with both results strings', () => {
    const r = tmp.run([...BASE, '--service-history', 'events.jsonl']);
    // The replay's own first evaluation (00:00, no sample visible yet) fails: exit 1 as without a history.
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      [
        "Service history (pool render-farm, 1 file): 7 evaluations, 6 in the replay's window (1 outside it ignored)",
        '  latest.autoscale: 5 compared, 4 agree (80%)',
        '    first disagreement at 2026-01-05T00:17:00.012Z:',
        `      service: ${RES(6)}`,
        `      replay:  ${RES(5)}`,
        '    the service ran a different formula from 2026-01-05T00:27:00.678Z (1 evaluation, not compared)',
      ].join('\n'),
    );
  });

  it('--format json has "agreement" beside each summary and "serviceHistory" per recording', () => {
    const r = tmp.run([...BASE, '--service-history', 'events.jsonl', '--format', 'json']);
    const replay = JSON.parse(r.stdout).replays[0];
    expect(replay.serviceHistory).toMatchObject({
      poolId: 'render-farm',
      evaluations: 7,
      inWindow: 6,
      outsideWindow: 1,
    });
    expect(replay.formulas[0].agreement).toMatchObject({
      compared: 5,
      agreed: 4,
      agreementPercent: 80,
      firstDisagreement: {
        time: '2026-01-05T00:17:00.012Z',
        service: { results: RES(6) },
        replay: { results: RES(5) },
      },
    });
  });

  it('reads several files (the same events in two exports count once) and a folder of pool snapshots', () => {
    const both = tmp.run([
      ...BASE,
      '--service-history',
      'events.jsonl',
      '--service-history',
      'log-analytics.csv',
      '-f',
      'json',
    ]);
    const replay = JSON.parse(both.stdout).replays[0];
    expect(replay.serviceHistory.files).toEqual(['events.jsonl', 'log-analytics.csv']);
    expect(replay.serviceHistory.evaluations).toBe(7);
    expect(replay.serviceHistory.notes).toContain(
      '5 repeated records (snapshots repeat the last autoScaleRun) read once.',
    );
    expect(replay.formulas[0].agreement).toMatchObject({ compared: 5, agreed: 4 });

    mkdirSync(tmp.path('snapshots'));
    const pools = JSON.parse(readFileSync(tmp.path('pool-show.json'), 'utf8')) as unknown[];
    for (const [i, p] of pools.entries()) writeFileSync(tmp.path(`snapshots/${i}.json`), JSON.stringify(p));
    const folder = tmp.run(['replay', 'window.autoscale', '-r', 'half-hour.csv', '--service-history', 'snapshots']);
    expect(folder.stdout).toContain('  window.autoscale: 4 compared, 3 agree (75%)');
    expect(folder.stdout).toContain('    first disagreement at 2026-01-05T00:25:00.400Z:');
  });

  it('several recordings on worker threads each get the comparison', () => {
    copyFileSync(tmp.path('half-hour.csv'), tmp.path('copy.csv'));
    const r = tmp.run([...BASE, '-r', 'copy.csv', '--jobs', '2', '--service-history', 'events.jsonl', '-f', 'json']);
    const replays = JSON.parse(r.stdout).replays as Array<{ formulas: Array<{ agreement: unknown }> }>;
    expect(replays.map((x) => x.formulas[0]?.agreement)).toEqual([
      expect.objectContaining({ compared: 5, agreed: 4 }),
      expect.objectContaining({ compared: 5, agreed: 4 }),
    ]);
  });

  it('the HTML report has the table', () => {
    const r = tmp.run([...BASE, '--service-history', 'events.jsonl', '--out', 'report.html']);
    expect(r.code).toBe(1);
    const html = readFileSync(tmp.path('report.html'), 'utf8');
    expect(html).toContain('<table class="agreement">');
    expect(html).toContain('<td class="num">80%</td>');
  });

  it('bad history: exit 2, file:line on stderr, nothing replayed or written', () => {
    tmp.file(
      'bad.jsonl',
      `${readFileSync(tmp.path('events.jsonl'), 'utf8')}{"operationName": "PoolAutoScaleEvent", "properties": {"id": "render-farm", "results": ""}}\n`,
    );
    const r = tmp.run([...BASE, '--service-history', 'bad.jsonl', '--out', 'never.html']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bad.jsonl:10: no timestamp: a PoolAutoScaleEvent has "timestamp" (or its record "time" / "TimeGenerated")\n',
    );
    expect(existsSync(tmp.path('never.html'))).toBe(false);
    const missing = tmp.run([...BASE, '--service-history', 'nowhere.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('nowhere.json: cannot read: no such file or directory\n');
  });

  it('a history of another pool is refused, naming both', () => {
    tmp.file('other.jsonl', readFileSync(tmp.path('events.jsonl'), 'utf8').replaceAll('"render-farm"', '"batch-eu"'));
    const r = tmp.run([...BASE, '--service-history', 'other.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `half-hour.csv: the service history holds pool "batch-eu", not "render-farm" (the recording's poolId)\n`,
    );
  });

  it('a history file over its bound is refused before it is read', () => {
    const r = run([...BASE, '--service-history', 'events.jsonl'], {
      cwd: tmp.dir,
      env: { AUTOSCALE_MAX_SERVICE_HISTORY_BYTES: '2048' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'events.jsonl: cannot read: larger than the 2 KiB a service history file may have; set AUTOSCALE_MAX_SERVICE_HISTORY_BYTES (in bytes) to raise the bound\n',
    );
  });

  it('--out may not overwrite a history file, nor a snapshot in a history folder', () => {
    const before = readFileSync(tmp.path('events.jsonl'), 'utf8');
    const r = tmp.run([...BASE, '--service-history', 'events.jsonl', '--out', 'events.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out events.jsonl is the input events.jsonl');
    expect(readFileSync(tmp.path('events.jsonl'), 'utf8')).toBe(before);
    mkdirSync(tmp.path('snaps'));
    writeFileSync(tmp.path('snaps/a.json'), readFileSync(tmp.path('pool-show.json')));
    const inFolder = tmp.run([
      'replay',
      'window.autoscale',
      '-r',
      'half-hour.csv',
      '--service-history',
      'snaps',
      '--out',
      'snaps/a.json',
    ]);
    expect(inFolder.code).toBe(2);
    expect(inFolder.stderr).toContain('is the input');
  });
});
