// End-to-end tests of `autoscale tune` and `autoscale tune merge` as spawned processes: the JSON's
// shape, the best formula replayed by `autoscale replay` giving the best summary exactly (open and
// closed loop), two shards merged giving the unsharded result, the same search for the same seed,
// the text and HTML reports, exit codes, and every kind of bad input with its message and exit 2.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const WEEK = join(REPO_ROOT, 'examples/recordings/week.csv');

/** The example week's first day with its metadata: a real-shaped recording, quick to replay many times. */
function excerpt(name: string, rows: number): string {
  const lines = readFileSync(WEEK, 'utf8')
    .split('\n')
    .slice(0, rows + 1);
  tmp.file(`${name}.meta.json`, readFileSync(join(REPO_ROOT, 'examples/recordings/week.meta.json'), 'utf8'));
  return tmp.file(`${name}.csv`, `${lines.join('\n')}\n`);
}

const day = excerpt('day', 2880);
const pending = tmp.file(
  'pending-tasks.autoscale',
  readFileSync(join(REPO_ROOT, 'examples/formulas/pending-tasks.autoscale'), 'utf8'),
);
// On the first day the wait p95 drops below an hour from about 32 nodes.
const CLOSED = ['--mode', 'closed', '--price-dedicated', '0.5', '--max-wait-p95', '1h'];

interface Summary {
  formula: string;
  cost: number | null;
  closedLoop: { waitP95Seconds: number | null } | null;
}

function tuneJson(args: string[]) {
  const r = tmp.run(['tune', pending, '-r', day, '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, stdout: r.stdout, json: JSON.parse(r.stdout) };
}

/** The summary `autoscale replay` prints for a formula text, saved under the same file name in its own folder. */
function replaySummary(text: string, args: string[], folder: string): Summary {
  mkdirSync(tmp.path(folder), { recursive: true });
  writeFileSync(tmp.path(join(folder, 'pending-tasks.autoscale')), text);
  const r = tmp.run(['replay', join(folder, 'pending-tasks.autoscale'), '-r', day, '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).replays[0].formulas[0].summary;
}

describe('autoscale tune', () => {
  it('--help explains the options, parameters, search, output and exit codes', () => {
    const r = run(['tune', '--help']);
    expect(r.code).toBe(0);
    for (const text of [
      '--recording',
      '--param',
      '--mode',
      '--max-wait-p95',
      '--objective',
      '--budget',
      '--seed',
      '--jobs',
      '--shard',
      '--format',
      '--out',
      '--price-dedicated',
      'Parameters:',
      'Exit codes',
      'autoscale tune merge',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(run(['--help']).stdout).toContain('tune');
    expect(run(['tune', 'merge', '--help']).stdout).toContain('Every shard 1..N');
  });

  it('prints {version, search, baseline, best, front, evaluated, variants} with summaries shaped as replay prints them', () => {
    const { code, json } = tuneJson(['--param', 'maxNumberOfVMs=5..40:5', ...CLOSED]);
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(['version', 'search', 'baseline', 'best', 'front', 'evaluated', 'variants']);
    expect(Object.keys(json.best)).toEqual(['params', 'formula', 'summary']);
    expect(Object.keys(json.baseline)).toEqual(['params', 'summary']);
    for (const p of json.front) expect(Object.keys(p)).toEqual(['params', 'summary']);
    expect(json.evaluated).toBe(8);
    expect(json.variants).toHaveLength(8);
    expect(json.search).toMatchObject({
      strategy: 'grid',
      objective: 'cost',
      delay: 'wait-p95-seconds',
      maxWaitP95Seconds: 3600,
    });
    expect(json.baseline.params).toEqual({ maxNumberOfVMs: 25 });
    // The same keys, in the same order, as a summary of `autoscale replay --format json`.
    const replayed = replaySummary(readFileSync(tmp.path(pending), 'utf8'), CLOSED.slice(0, 4), 'as-written');
    expect(Object.keys(json.best.summary)).toEqual(Object.keys(replayed));
    expect(Object.keys(json.best.summary.closedLoop)).toEqual(Object.keys(replayed.closedLoop ?? {}));
    // The baseline is the formula as written: exactly what replay says of it.
    expect(json.baseline.summary).toEqual(replayed);
  });

  it('the best formula, replayed by `autoscale replay` with the same options, gives the best summary exactly', () => {
    for (const [mode, args, range] of [
      ['closed', CLOSED, 'maxNumberOfVMs=28..40:4'],
      ['open', ['--price-dedicated', '0.5'], 'maxNumberOfVMs=4..24:4'],
    ] as const) {
      const { json } = tuneJson(['--param', range, '--param', 'startingNumberOfVMs=0..2', ...args]);
      expect(json.best, mode).not.toBeNull();
      // Not the formula as written, so the comparison is of a text tune wrote.
      expect(json.best.formula).not.toBe(readFileSync(tmp.path(pending), 'utf8'));
      const replayArgs = args.filter((a) => a !== '--max-wait-p95' && a !== '1h');
      expect(replaySummary(json.best.formula, replayArgs, `best-${mode}`), mode).toEqual(json.best.summary);
      // And a front point other than the best, from its parameters.
      const other = json.front.find(
        (p: { params: unknown }) => JSON.stringify(p.params) !== JSON.stringify(json.best.params),
      );
      expect(other).toBeDefined();
    }
  });

  it('two shards of a grid merged give the unsharded result, byte for byte', () => {
    const sharded = [
      '--param',
      'maxNumberOfVMs=16..40:2',
      '--param',
      'startingNumberOfVMs=0..2',
      '--budget',
      '60',
      ...CLOSED,
    ];
    const full = tuneJson(sharded);
    expect(full.json.search.strategy).toBe('grid');
    const one = tuneJson([...sharded, '--shard', '1/2']);
    const two = tuneJson([...sharded, '--shard', '2/2', '--jobs', '1']);
    expect(one.json.shard).toEqual({ index: 1, count: 2 });
    expect(one.json.evaluated + two.json.evaluated).toBe(full.json.evaluated);
    writeFileSync(tmp.path('shard-1.json'), one.stdout);
    writeFileSync(tmp.path('shard-2.json'), two.stdout);
    const merged = tmp.run(['tune', 'merge', 'shard-2.json', 'shard-1.json', '--format', 'json']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(full.code);
    expect(merged.stdout).toBe(full.stdout);
  });

  it('a sampled search is the same for the same seed, and splits into shards that merge back', () => {
    const args = ['--param', 'maxNumberOfVMs=0..60', '--param', 'startingNumberOfVMs=0..5', '--budget', '40'];
    const a = tuneJson(args);
    expect(a.json.search).toMatchObject({ strategy: 'sampler', chains: 2, seed: 1 });
    expect(a.json.evaluated).toBeLessThanOrEqual(40);
    expect(tuneJson([...args, '--jobs', '1']).stdout).toBe(a.stdout);
    expect(tuneJson([...args, '--seed', '2']).json.variants).not.toEqual(a.json.variants);
    writeFileSync(tmp.path('s1.json'), tuneJson([...args, '--shard', '1/2']).stdout);
    writeFileSync(tmp.path('s2.json'), tuneJson([...args, '--shard', '2/2']).stdout);
    expect(tmp.run(['tune', 'merge', 's1.json', 's2.json', '--format', 'json']).stdout).toBe(a.stdout);
  });

  it('prints the text report; --out tune.html writes the page; no progress line off a terminal', () => {
    const r = tmp.run([
      'tune',
      pending,
      '-r',
      day,
      '--param',
      'maxNumberOfVMs=30..40:5',
      ...CLOSED,
      '--out',
      'tune.html',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Tune of pending-tasks\.autoscale against day\.csv: closed loop, /);
    expect(r.stdout).toMatch(/^formula as written\s+25\s/m);
    expect(r.stdout).toMatch(/^best\s+\d+\s/m);
    expect(r.stdout).toContain('Best formula');
    const page = readFileSync(tmp.path('tune.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('Content-Security-Policy" content="default-src &#39;none&#39;');
    const json = tmp.run(['tune', pending, '-r', day, '--param', 'maxNumberOfVMs=10..30:10', '--out', 'tune.json']);
    expect(json).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(tmp.path('tune.json'), 'utf8')).evaluated).toBe(3);
  });

  it('exits 1 when no variant meets the constraint (a shard exits 0: the merge decides)', () => {
    const args = ['--param', 'maxNumberOfVMs=1..2', '--mode', 'closed', '--max-wait-p95', '1s'];
    const r = tmp.run(['tune', pending, '-r', day, ...args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No variant meets the constraint (wait p95 <= 1s)');
    expect(tmp.run(['tune', pending, '-r', day, ...args, '--shard', '1/2']).code).toBe(0);
  });
});

describe('autoscale tune: bad input exits 2 and says what is wrong', () => {
  const formula = tmp.file(
    'caps.autoscale',
    'cap = 10;\ncap = 12;\nshare = min(0.5, 1);\n$TargetDedicatedNodes = cap * share;\n',
  );
  const args = (...rest: string[]) => ['tune', formula, '-r', day, ...rest];

  it.each([
    [
      ['--param', 'nothing=1..2'],
      /^caps\.autoscale: --param nothing: the formula has no variable nothing; .*and the formula has none/,
    ],
    [['--param', 'cap=1..2'], /^caps\.autoscale:2:1: --param cap: cap is assigned 2 times \(first at line 1, col 1\)/],
    [
      ['--param', 'share=0.1..0.9'],
      /^caps\.autoscale:3:9: --param share: share is assigned "min\(0\.5, 1\)", not a numeric literal/,
    ],
    [
      ['--param', '$TargetDedicatedNodes=1..2'],
      /^caps\.autoscale:4:1: --param \$TargetDedicatedNodes: \$TargetDedicatedNodes is a service variable/,
    ],
  ])('a --param that is not a parameter %j: FILE:LINE:COL and the line', (extra, message) => {
    const r = tmp.run(args(...extra));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('shows the line under a parameter problem', () => {
    const r = tmp.run(args('--param', 'cap=1..2'));
    expect(r.stderr).toContain('  2 | cap = 12;\n    | ^~~\n');
  });

  it.each([
    [['--param', 'cap'], /"cap" is not NAME=LO\.\.HI or NAME=LO\.\.HI:STEP/],
    [['--param', 'cap=1-5'], /"cap=1-5" is not NAME=LO\.\.HI/],
    [['--param', 'cap=1..'], /"cap=1\.\." is not NAME=LO\.\.HI/],
    [['--param', '9x=1..2'], /"9x=1\.\.2" is not NAME=LO\.\.HI/],
    [['--param', 'cap=1e3..2e3'], /"1e3" in "cap=1e3\.\.2e3" is not a number as a formula writes one/],
    [['--param', 'cap=5..1'], /in "cap=5\.\.1" LO 5 is above HI 1/],
    [['--param', 'cap=1..5:0'], /in "cap=1\.\.5:0" STEP 0 must be above 0/],
    [['--param', 'cap=1..5:-1'], /in "cap=1\.\.5:-1" STEP -1 must be above 0/],
    [['--param', 'cap=1..2', '--param', 'cap=3..4'], /cap is given twice/],
    [
      ['--param', 'cap=1..2', '--budget', '0'],
      /'--budget <n>' argument '0' is invalid\. "0" is not a budget of 1 to 1,000,000 variants/,
    ],
    [['--param', 'cap=1..2', '--shard', '3/2'], /"3\/2" is not a shard I\/N with 1 <= I <= N/],
    [['--param', 'cap=1..2', '--shard', 'half'], /"half" is not a shard I\/N/],
    [['--param', 'cap=1..2', '--shard', '0/2'], /"0\/2" is not a shard I\/N/],
    [['--param', 'cap=1..2', '--objective', 'speed'], /Allowed choices are cost, node-hours/],
  ])('bad usage %j', (extra, message) => {
    const r = tmp.run(args(...extra));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it.each([
    [
      [pending, '-r', day, '--param', 'maxNumberOfVMs=1..2', '--max-wait-p95', '10m'],
      'autoscale tune: --max-wait-p95 needs --mode closed: task waits exist only in the closed loop',
    ],
    [
      [pending, '-r', day, '--param', 'maxNumberOfVMs=1..2', '--objective', 'cost'],
      'autoscale tune: --objective cost needs prices: --price-dedicated and/or --price-low-priority',
    ],
    [[pending, '--param', 'maxNumberOfVMs=1..2'], 'autoscale tune: --recording FILE is required'],
    [[pending, '-r', day], 'autoscale tune: --param is required'],
    [
      [pending, '-r', 'nowhere.csv', '--param', 'maxNumberOfVMs=1..2'],
      'nowhere.csv: cannot read: no such file or directory',
    ],
    [[pending, '-r', day, '--param', 'maxNumberOfVMs=1..2', '--out', 'day.csv'], '--out day.csv is the input day.csv'],
    [['main.bicep', '-r', day, '--param', 'maxNodes=1..2'], 'autoscale tune: main.bicep is a host file'],
    [
      [pending, '-r', day, '--param', 'maxNumberOfVMs=1..2', '--task-log', 'tasks.csv'],
      'autoscale tune: --task-log applies only to --mode closed',
    ],
  ])('bad combination %j', (extra, message) => {
    const r = tmp.run(['tune', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a formula with errors is refused with its diagnostics', () => {
    const broken = tmp.file('broken.autoscale', 'cap = 10;\n$TargetDedicatedNodes = cap +;\n');
    const r = tmp.run(['tune', broken, '-r', day, '--param', 'cap=1..2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^broken\.autoscale:2:\d+ error AS1/);
    expect(r.stderr).toContain('autoscale tune: broken.autoscale has errors; fix them before tuning its numbers');
  });

  it('merging mismatched, missing or foreign results is refused', () => {
    const base = ['tune', pending, '-r', day, '--param', 'maxNumberOfVMs=1..4', '--format', 'json'];
    writeFileSync(tmp.path('a1.json'), tmp.run([...base, '--shard', '1/2']).stdout);
    writeFileSync(tmp.path('b2.json'), tmp.run([...base, '--shard', '2/2', '--seed', '9']).stdout);
    writeFileSync(tmp.path('whole.json'), tmp.run(base).stdout);
    writeFileSync(tmp.path('junk.json'), '{"version": 1');
    const cases: Array<[string[], string]> = [
      [
        ['a1.json', 'b2.json'],
        'autoscale tune merge: b2.json is a shard of another search than a1.json (they differ in: seed)',
      ],
      [['a1.json'], 'autoscale tune merge: shard 2 of 2 is missing'],
      [['whole.json'], 'autoscale tune merge: whole.json: not the result of a tune shard: it was not run as a shard'],
      [['junk.json'], 'autoscale tune merge: junk.json: not JSON'],
      [['gone.json'], 'autoscale: cannot read gone.json'],
      [['a1.json', '--out', 'a1.json'], 'autoscale tune merge: --out a1.json is the input a1.json'],
    ];
    for (const [files, message] of cases) {
      const r = tmp.run(['tune', 'merge', ...files]);
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(tmp.path('merged.html'))).toBe(false);
  });
});
