// The project config file, autoscale.config.json, as a spawned command meets it: found by walking
// up from the working directory; lint codes disabled or given another severity; placeholder
// values under --var's; include and exclude for check and fmt; replay's prices and delay. A bad
// file is refused with file:line:column and exit 2. The shipped schema accepts a full example and
// rejects an unknown setting.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());
const write = (path: string, text: string) => {
  mkdirSync(dirname(tmp.path(path)), { recursive: true });
  writeFileSync(tmp.path(path), text);
};
const inDir = (dir: string, args: string[]) => run(args, { cwd: tmp.path(dir) });

const bicep = (formula: string) =>
  `resource render 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {\n` +
  `  properties: { scaleSettings: { autoScale: { formula: '${formula}' } } }\n}\n`;

describe('autoscale.config.json', () => {
  write(
    'project/autoscale.config.json',
    JSON.stringify(
      {
        include: ['infra', 'formulas'],
        exclude: ['infra/legacy/**'],
        lint: { disabled: ['AS4010'], severity: { AS4002: 'error' } },
        vars: { maxNodes: 8 },
        availabilityDelay: '60s',
        replay: { priceDedicated: 2, priceLowPriority: 0.5 },
      },
      null,
      2,
    ),
  );
  write('project/formulas/warm.autoscale', 'x = $PendingTasks;\n$TargetDedicatedNodes = 1;\n');
  write('project/infra/main.bicep', bicep(`$TargetDedicatedNodes = min(\${maxNodes}, $PendingTasks.GetSample(1));`));
  write('project/infra/legacy/old.autoscale', '$TargetDedicatedNodes = broken(;\n');
  write('project/other/unlisted.autoscale', '$TargetDedicatedNodes = alsoBroken;\n');
  mkdirSync(tmp.path('project/sub/deeper'), { recursive: true });

  it('is found from a subdirectory: include gives the paths, exclude skips found files, lint settings and vars apply', () => {
    const r = inDir('project/sub/deeper', ['check']);
    // AS4010 (x = $PendingTasks) is disabled; AS4002 is an error here; ${maxNodes} is filled from vars.
    expect(r.stdout.match(/^\S+:\d+:\d+ \w+ AS\d+/gm)).toEqual(['../../infra/main.bicep:2:98 error AS4002']);
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('1 error, 0 warnings in 2 files\n')).toBe(true);
  });

  it('lets flags win: a named path is read even when excluded, and --var replaces a config value', () => {
    const named = inDir('project', ['check', 'infra/legacy/old.autoscale']);
    expect(named.stdout).toContain('infra/legacy/old.autoscale:1:32 error AS1001');
    const overridden = inDir('project', ['eval', 'infra/main.bicep', '--var', 'maxNodes=3', '--format', 'text']);
    expect(overridden.stdout).toContain('$TargetDedicatedNodes   = 3');
    const fromConfig = inDir('project', ['explain', 'infra/main.bicep']);
    expect(fromConfig.stdout).toContain('results: $TargetDedicatedNodes=8;');
  });

  it('gives replay its prices and its delay when the flags do not', () => {
    write('project/pool.autoscale', '$TargetDedicatedNodes = 2;\n');
    const week = join(REPO_ROOT, 'examples/recordings/week.csv');
    const r = inDir('project', ['replay', 'pool.autoscale', '--recording', week, '--format', 'json']);
    const settings = (JSON.parse(r.stdout) as { replays: Array<{ settings: Record<string, unknown> }> }).replays[0]
      ?.settings;
    expect(settings).toMatchObject({ priceDedicated: 2, priceLowPriority: 0.5, delay: '1m' });
    const flags = inDir('project', ['replay', 'pool.autoscale', '-r', week, '--format', 'json', '--delay', '0s']);
    expect(
      (JSON.parse(flags.stdout) as { replays: Array<{ settings: Record<string, unknown> }> }).replays[0]?.settings,
    ).toMatchObject({ delay: '0s' });
  });

  it('refuses a bad file with file:line:column and exit 2, before reading anything', () => {
    write(
      'bad/autoscale.config.json',
      '{\n  "lint": { "disabled": ["AS2001", "AS9999"] },\n  "colour": true,\n  "vars": { "x": [] }\n}\n',
    );
    write('bad/f.autoscale', '$TargetDedicatedNodes = 1;\n');
    const r = inDir('bad', ['check', 'f.autoscale']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'autoscale: autoscale.config.json:3:3: colour: unknown setting "colour"',
        'autoscale: autoscale.config.json:2:26: lint.disabled[0]: AS2001 is an error, which cannot be turned off',
        'autoscale: autoscale.config.json:2:36: lint.disabled[1]: AS9999 is not a diagnostic code',
        'autoscale: autoscale.config.json:4:18: vars.x: expected a string or a number',
        '',
      ].join('\n'),
    );
    write('broken/autoscale.config.json', '{ "include": [ }');
    expect(inDir('broken', ['fmt', '--check'])).toMatchObject({ code: 2 });
  });

  it('has a schema that accepts a full example and rejects an unknown setting', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve('@autoscale/cli/autoscale.config.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const example = JSON.parse(readFileSync(tmp.path('project/autoscale.config.json'), 'utf8')) as object;
    expect(validate({ $schema: './node_modules/@autoscale/cli/autoscale.config.schema.json', ...example })).toBe(true);
    expect(validate({ ...example, colour: true })).toBe(false);
    expect(validate({ lint: { severity: { AS4002: 'fatal' } } })).toBe(false);
  });
});
