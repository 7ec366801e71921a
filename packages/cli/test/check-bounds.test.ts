// `autoscale check --bounds` as a spawned command: the range of each node target after the file's
// diagnostics (text) or beside them (json), for formula files and the pools of a host file; none
// for a formula with errors; refused with the CI formats.

import { afterAll, describe, expect, it } from 'vitest';
import { TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const CAPPED = '$TargetDedicatedNodes = min(25, max($PendingTasks.GetSample(TimeInterval_Minute * 5)));\n';
const UNCAPPED = '$TargetLowPriorityNodes = max($ActiveTasks.GetSample(TimeInterval_Minute * 5));\n';

describe('autoscale check --bounds', () => {
  it('prints each target’s range after the file’s diagnostics, with the unbounded one warned about', () => {
    tmp.file('capped.autoscale', CAPPED);
    tmp.file('uncapped.autoscale', UNCAPPED);
    const r = tmp.run(['check', 'capped.autoscale', 'uncapped.autoscale', '--bounds']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'capped.autoscale: bounds',
        '  $TargetDedicatedNodes: 0 to 25 nodes',
        "  $TargetLowPriorityNodes: not assigned: the pool's target stays as it is",
      ].join('\n'),
    );
    const warning = r.stdout.indexOf('uncapped.autoscale:1:1 warning AS4016');
    const bounds = r.stdout.indexOf('uncapped.autoscale: bounds\n');
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(bounds).toBeGreaterThan(warning);
    expect(r.stdout).toContain('  $TargetLowPriorityNodes: 0 or more nodes: no upper bound');
  });

  it('names the pools of a host file, and computes nothing for a formula with errors', () => {
    tmp.file(
      'pools.json',
      JSON.stringify({
        resources: [
          {
            type: 'Microsoft.Batch/batchAccounts/pools',
            name: 'render',
            properties: { scaleSettings: { autoScale: { formula: CAPPED } } },
          },
          {
            type: 'Microsoft.Batch/batchAccounts/pools',
            name: 'broken',
            properties: { scaleSettings: { autoScale: { formula: '$TargetDedicatedNodes = $nope;' } } },
          },
        ],
      }),
    );
    const r = tmp.run(['check', 'pools.json', '--bounds']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pools.json#render: bounds\n  $TargetDedicatedNodes: 0 to 25 nodes');
    expect(r.stdout).toContain('pools.json#broken: bounds not computed: the formula has errors');
  });

  it('gives json {diagnostics, bounds}, with null for no upper bound and for a target left alone', () => {
    tmp.file('both.autoscale', CAPPED + UNCAPPED);
    const r = tmp.run(['check', 'both.autoscale', '--bounds', '--format', 'json']);
    const out = JSON.parse(r.stdout) as {
      diagnostics: Array<{ code: string }>;
      bounds: Array<{ file: string; formula: string | null; targets: Array<Record<string, unknown>> }>;
    };
    expect(out.diagnostics.map((d) => d.code)).toEqual(['AS4016']);
    expect(out.bounds).toEqual([
      {
        file: 'both.autoscale',
        formula: null,
        targets: [
          { name: '$TargetDedicatedNodes', assigned: true, min: 0, max: 25, description: '0 to 25 nodes' },
          {
            name: '$TargetLowPriorityNodes',
            assigned: true,
            min: 0,
            max: null,
            description: '0 or more nodes: no upper bound',
          },
        ],
      },
    ]);
    tmp.file('alone.autoscale', '$TargetDedicatedNodes = 2;\n');
    const alone = JSON.parse(tmp.run(['check', 'alone.autoscale', '--bounds', '--format', 'json']).stdout) as {
      bounds: Array<{ targets: Array<{ min: unknown; max: unknown }> }>;
    };
    expect(alone.bounds[0]?.targets[1]).toMatchObject({ min: null, max: null });
  });

  it('without --bounds the json output stays a list of diagnostics', () => {
    tmp.file('plain.autoscale', CAPPED);
    expect(JSON.parse(tmp.run(['check', 'plain.autoscale', '--format', 'json']).stdout)).toEqual([]);
  });

  it('is refused with --format sarif and github', () => {
    for (const format of ['sarif', 'github']) {
      const r = tmp.run(['check', 'plain.autoscale', '--bounds', '--format', format]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--bounds prints ranges in text or json output, not in --format ${format}`);
      expect(r.stdout).toBe('');
    }
  });
});
