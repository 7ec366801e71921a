// Reports: the text summary (one table per formula, or side by side), the CSV timeline (quoting),
// the JSON report (summary + timeline), and the HTML page: self-contained, uPlot inlined, a CSP
// whose hashes match exactly the page's inline blocks, no URL that would reach the network.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatRecordingError,
  readRecording,
  renderCsv,
  renderHtml,
  renderJson,
  renderText,
  runReplay,
  TIMELINE_COLUMNS,
  type RecordingReplay,
} from '@autoscale/replay';
import { downsample, FORMULA_COLOURS, MAX_POINTS, RECORDED_COLOUR } from '../src/report/chart-data.ts';
import { collapsedTable, SHOWN_ROWS } from '../src/report/html-sections.ts';
import { csv, T0, TempFiles, must } from './support.ts';

const files = new TempFiles();
afterAll(() => files.remove());
let replay: RecordingReplay;
let closed: RecordingReplay;

beforeAll(async () => {
  const text = csv(
    ['$PendingTasks', '$RunningTasks', '$SucceededTasks', '$CurrentDedicatedNodes'],
    241,
    (row, c) =>
      c === '$CurrentDedicatedNodes'
        ? 2
        : c === '$SucceededTasks'
          ? row % 4 === 0
            ? 1
            : 0
          : c === '$PendingTasks'
            ? 4
            : 2,
    T0,
    ['# poolId: <pool & "co">'],
  );
  const r = await readRecording(files.write('two-hours.csv', text));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  const formulas = [
    { name: 'grow.autoscale', text: '$TargetDedicatedNodes = 3;\nv = [1, 2];\ns = "a,b";' },
    { name: 'bad.autoscale', text: '$TargetDedicatedNodes = avg($PendingTasks.GetSample(TimeInterval_Hour, 100));' },
  ];
  const open = runReplay(r.value, formulas, { mode: 'open', priceDedicated: 1.5 });
  const shut = runReplay(r.value, formulas, { mode: 'closed' });
  if (!open.ok || !shut.ok) throw new Error('replay failed');
  replay = open.replay;
  closed = shut.replay;
});

describe('text report', () => {
  it('one table per formula, or side by side with --compare; failures and notes below', () => {
    const separate = renderText([replay], false);
    expect(separate).toMatch(
      /^Replay of .*two-hours\.csv \(pool <pool & "co">\), open loop, 2026-01-05T00:00:00Z to 2026-01-05T02:00:00Z: 9 evaluations every 15m, availability delay 30s, allocation latency 4m, 1 task slot per node\n/,
    );
    expect(separate.match(/^\s+recorded\s+grow\.autoscale$/m)).not.toBeNull();
    expect(separate.match(/^\s+recorded\s+bad\.autoscale$/m)).not.toBeNull();
    expect(separate).toMatch(/^dedicated node-hours\s+4\.0\s+5\.9$/m);
    expect(separate).toMatch(/^cost\s+6\.00\s+8\.90$/m);
    expect(separate).toMatch(
      /^Failed evaluations of bad\.autoscale:\n {2}InsufficientSampleData: 9 times, first at 2026-01-05T00:00:00Z, 2026-01-05T00:15:00Z, 2026-01-05T00:30:00Z\n {4}Line 1, Col 52: Insufficient data from data set: \$PendingTasks wanted 100%, received 0%$/m,
    );
    const side = renderText([replay], true);
    expect(side).toMatch(/^\s+recorded\s+grow\.autoscale\s+bad\.autoscale$/m);
    expect(renderText([closed], true)).toMatch(/^task wait p50 \/ p95 \/ max\s+-\s+\S+/m);
  });

  it('side by side, opens with the verdict: each deciding figure of the others against the first formula', () => {
    const side = renderText([replay], true);
    const verdict = side.indexOf('Verdict (lower is better):');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(side.indexOf('dedicated node-hours'));
    expect(side).toMatch(/^\s+grow\.autoscale \(baseline\)\s+bad\.autoscale vs baseline$/m);
    // bad.autoscale fails every evaluation, so the pool keeps the recorded 2 nodes: 4.0 node-hours
    // against grow's 5.9, and 9 failed evaluations more.
    expect(side).toMatch(/^node-hours\s+5\.9\s+4\.0 -1\.9 \(-32\.6%\)$/m);
    expect(side).toMatch(/^failed evaluations\s+0\s+9 \+9$/m);
    const waits = renderText([closed], true);
    expect(waits).toMatch(/^task wait p95\s+\S+/m);
    expect(waits).toMatch(/^idle node-hours\s+\S+/m);
    // One formula has no verdict.
    expect(renderText([replay], false)).not.toContain('Verdict');
  });
});

describe('CSV timeline', () => {
  it('has a header and one row per evaluation; cells with commas or quotes are quoted', () => {
    const lines = renderCsv([replay]).trimEnd().split('\n');
    expect(lines[0]).toBe(TIMELINE_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 2 * 9);
    expect(lines[1]).toBe(
      `${replay.recording},grow.autoscale,2026-01-05T00:00:00Z,"$TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue;s=a,b;v=[1,2]",,,3,0,requeue,2,,2,0,,4,,`,
    );
    expect(lines[10]).toBe(
      `${replay.recording},bad.autoscale,2026-01-05T00:00:00Z,$TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue,InsufficientSampleData,"Line 1, Col 52: Insufficient data from data set: $PendingTasks wanted 100%, received 0%",2,0,requeue,2,,2,0,,4,,`,
    );
  });
});

/** The parts of `renderJson`'s output these tests read. */
interface JsonReport {
  version: number;
  replays: Array<{
    settings: unknown;
    recorded: { nodeHours: { dedicated: number } };
    formulas: Array<{ formula: string; summary: { failures: Array<{ first: string[] }> }; timeline: unknown[] }>;
    comparison?: Array<{ formula: string; baseline: string; dedicatedNodeHours: number }>;
  }>;
}

describe('JSON report', () => {
  it('carries settings, recorded figures, per formula the summary and the timeline; --compare adds a comparison', () => {
    const json = JSON.parse(renderJson([replay], true)) as JsonReport;
    expect(json.version).toBe(1);
    const r = must(json.replays[0]);
    expect(r.settings).toMatchObject({
      mode: 'open',
      from: '2026-01-05T00:00:00Z',
      interval: '15m',
      delay: '30s',
      allocationLatency: '4m',
      priceDedicated: 1.5,
    });
    expect(r.recorded.nodeHours.dedicated).toBe(4);
    expect(r.formulas.map((f) => f.formula)).toEqual(['grow.autoscale', 'bad.autoscale']);
    expect(r.formulas[1]?.summary.failures[0]?.first[0]).toBe('2026-01-05T00:00:00Z');
    expect(r.formulas[0]?.timeline).toHaveLength(9);
    expect(r.formulas[0]?.timeline[0]).toMatchObject({ time: '2026-01-05T00:00:00Z', targetDedicated: 3, error: null });
    expect(r.comparison?.[1]).toMatchObject({ formula: 'bad.autoscale', baseline: 'grow.autoscale' });
    expect(r.comparison?.[1]?.dedicatedNodeHours).toBeCloseTo(
      must(replay.formulas[1]).summary.nodeHours.dedicated - must(replay.formulas[0]).summary.nodeHours.dedicated,
      10,
    );
    expect('comparison' in must((JSON.parse(renderJson([replay], false)) as JsonReport).replays[0])).toBe(false);
  });
});

describe('HTML report', () => {
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

  it('is self-contained: uPlot inlined, a strict CSP naming exactly the inline blocks, no network', () => {
    const html = renderHtml([replay, closed], true);
    const require = createRequire(import.meta.url);
    const uplot = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    expect(html).toContain(uplot);
    const csp =
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';
    expect(csp).toMatch(
      /^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src 'sha256-[^']+'; img-src data:; base-uri 'none'; form-action 'none'$/,
    );
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(2);
    expect(styles).toHaveLength(1);
    for (const s of scripts) expect(csp).toContain(sha(s));
    for (const s of styles) expect(csp).toContain(sha(s));
    // Nothing is loaded from anywhere: no src/href attributes, no style attributes (CSP would block them).
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toMatch(/<[a-z]+[^>]*\sstyle="/);
    // Text from the recording is escaped.
    expect(html).toContain('(pool &lt;pool &amp; &quot;co&quot;&gt;)');
    expect(html).not.toContain('<pool & "co">');
  });

  it('charts demand, targets and nodes, recorded vs each formula; the data block cannot close its script', () => {
    const html = renderHtml([replay], false);
    const data = JSON.parse(
      /<script type="application\/json" id="replay-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}',
    ) as {
      charts: Array<{
        id: string;
        title: string;
        series: Array<{ label: string; values: Array<number | null> }>;
        x: number[];
      }>;
    };
    // Without --compare each formula gets its own three charts.
    expect(data.charts.map((c) => c.id)).toEqual([
      'chart-0-0-0',
      'chart-0-0-1',
      'chart-0-0-2',
      'chart-0-1-0',
      'chart-0-1-1',
      'chart-0-1-2',
    ]);
    for (const c of data.charts) expect(html).toContain(`<div class="chart" id="${c.id}"></div>`);
    const nodes = must(data.charts[2]);
    expect(nodes.series.map((s) => s.label)).toEqual(['recorded dedicated', 'grow.autoscale dedicated']);
    expect(nodes.x[0]).toBe(T0 / 1000);
    expect(must(nodes.series[1]).values.slice(0, 2)).toEqual([2, 3]);
    expect(must(data.charts[0]).series.map((s) => s.label)).toEqual(['recorded pending']);
    // The errors table lists the failing formula's code and first message.
    expect(html).toMatch(/<td>bad\.autoscale<\/td><td>InsufficientSampleData<\/td><td class="num">9<\/td>/);
    const nasty = { ...replay, recording: '</script><script>alert(1)</script>' };
    const page = renderHtml([nasty], false);
    expect(page).not.toContain('</script><script>alert(1)');
    expect(page.match(/<\/script>/g)).toHaveLength(3);
  });
});

describe('a report readable at any length', () => {
  it('keeps every spike and dip of a long series: each bucket its lowest and highest value, in order', () => {
    const n = 105_000; // a year at 5-minute evaluations
    const times = Array.from({ length: n }, (_, i) => i * 300);
    const values: Array<number | null> = times.map((_, i) => (i % 7) + 10);
    values[12_345] = 500; // one spike
    values[54_321] = -40; // one dip
    values[99_999] = null; // a gap
    const { x, reduce } = downsample(times);
    const reduced = reduce(values);
    expect(x.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(reduced).toHaveLength(x.length);
    expect(Math.max(...reduced.map((v) => v ?? -Infinity))).toBe(500);
    expect(Math.min(...reduced.map((v) => v ?? Infinity))).toBe(-40);
    // x is increasing, and the spike sits within its bucket's time span.
    for (let i = 1; i < x.length; i++) expect(must(x[i])).toBeGreaterThanOrEqual(must(x[i - 1]));
    const at = reduced.indexOf(500);
    expect(must(x[at - (at % 2)])).toBeLessThanOrEqual(12_345 * 300);
    expect(must(x[at - (at % 2) + 2])).toBeGreaterThan(12_345 * 300);
  });

  it('keeps a short series as it is', () => {
    const { x, reduce } = downsample([1, 2, 3]);
    expect(x).toEqual([1, 2, 3]);
    expect(reduce([5, null, 7])).toEqual([5, null, 7]);
  });

  it('folds a long table after the first rows, saying how many more', () => {
    const rows = Array.from({ length: 77 }, (_, i) => `<tr><td>${i}</td></tr>`);
    const html = collapsedTable('<tr><th>n</th></tr>', rows);
    const [shown, folded] = html.split('<details>');
    expect(shown?.match(/<tr><td>/g)).toHaveLength(SHOWN_ROWS);
    expect(folded).toContain(`<summary>${77 - SHOWN_ROWS} more (77 in all)</summary>`);
    expect(folded?.match(/<tr><td>/g)).toHaveLength(77 - SHOWN_ROWS);
    expect(collapsedTable('<tr><th>n</th></tr>', rows.slice(0, 3))).not.toContain('<details>');
  });

  it('marks a cost above the recording’s worse (node-hours alone are not marked)', () => {
    const html = renderHtml([replay], false);
    // grow.autoscale holds 3 nodes where the recording had 2 (from its first evaluation on): a
    // higher cost, worse; its node-hours difference is shown unmarked.
    expect(html).toMatch(/<td class="num worse" title="worse than recorded">\+2\.90 \(\+48\.3%\)<\/td>/);
    expect(html).toMatch(/<td class="num">\+1\.9 \(\+48\.3%\)<\/td>/);
    expect(html).not.toContain('class="num better"');
    expect(html).toContain('<button type="button" class="reset-zoom" data-group="recording-0-0">');
    // Side by side, the verdict table marks the second formula against the first.
    const side = renderHtml([replay], true);
    expect(side).toMatch(/<table class="verdict">.*<td class="num better" title="better than the baseline">4\.0 -1\.9/);
    expect(side).toMatch(/<td class="num worse" title="worse than the baseline">9 \+9<\/td>/);
  });

  it('gives a formula one colour, alone or side by side, and recorded series grey', () => {
    const strokes = (compare: boolean) => {
      const page = renderHtml([replay], compare);
      const data = JSON.parse(
        /<script type="application\/json" id="replay-data">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '{}',
      ) as { charts: Array<{ series: Array<{ label: string; stroke: string }> }> };
      return new Map(data.charts.flatMap((c) => c.series.map((x) => [x.label, x.stroke] as const)));
    };
    for (const compare of [false, true]) {
      const byLabel = strokes(compare);
      expect(byLabel.get('grow.autoscale dedicated target')).toBe(FORMULA_COLOURS[0]);
      expect(byLabel.get('bad.autoscale dedicated target')).toBe(FORMULA_COLOURS[1]);
      expect(byLabel.get('recorded dedicated')).toBe(RECORDED_COLOUR);
    }
  });
});
