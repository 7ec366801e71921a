// The HTML report's explain data and formula texts: with kept contexts the page inlines them
// (gzipped, base64) and the explain script, both allowed by the CSP's hashes, with one explain
// panel per chart group naming its formulas; without, neither. The formula texts are shown,
// escaped. The page the playground writes (renderHtmlInBrowser) is the same page.

import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeContexts,
  encodeContexts,
  formatRecordingError,
  readRecording,
  renderHtml,
  renderHtmlInBrowser,
  runReplay,
  type RecordingReplay,
} from '@autoscale/replay';
import { chartLibrary, explainScript } from '../src/report/html-assets.ts';
import { csv, TempFiles, must } from './support.ts';

const files = new TempFiles();
let kept: RecordingReplay;
let plain: RecordingReplay;
const FORMULAS = [
  { name: 'grow.autoscale', text: '$TargetDedicatedNodes = 3; // </pre><script>alert(1)</script>' },
  { name: '<b>pending</b>', text: '$TargetDedicatedNodes = max($PendingTasks.GetSample(1));' },
];

beforeAll(async () => {
  const path = files.write(
    'rec.csv',
    csv(['$PendingTasks', '$CurrentDedicatedNodes'], 121, (row, c) => (c === '$PendingTasks' ? row % 9 : 2)),
  );
  const read = await readRecording(path);
  if (!read.ok) throw new Error(read.errors.map(formatRecordingError).join('\n'));
  const run = (keepContexts: boolean): RecordingReplay => {
    const r = runReplay(read.value, FORMULAS, { mode: 'open' }, { keepContexts });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.replay;
  };
  kept = run(true);
  plain = run(false);
  return () => files.remove();
});

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const explainData = (html: string): string =>
  /<script type="application\/octet-stream" id="explain-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';

describe('the HTML report explains any point', () => {
  it('inlines the kept contexts and the explain script, both allowed by hash, with a panel per group', () => {
    const html = renderHtml([kept], true);
    const csp = /content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(3);
    expect(scripts[2]).toBe(explainScript());
    for (const s of scripts) expect(csp).toContain(sha(s));
    expect(csp).not.toContain('unsafe');
    const decoded = decodeContexts(gunzipSync(Buffer.from(explainData(html), 'base64')));
    expect(decoded[0]?.map((c) => c.name)).toEqual(['grow.autoscale', '<b>pending</b>']);
    expect(must(decoded[0]?.[1]).now).toEqual(must(kept.formulas[1]?.contexts).now);
    expect(html).toContain('<div class="explain" data-group="recording-0-0" data-recording="0" data-formulas="0,1">');
    expect(html).toContain('Click a time in a chart to explain that evaluation');
    // Not side by side: one group, and one panel, per formula.
    const apart = renderHtml([kept], false);
    expect(apart.match(/<div class="explain" /g)).toHaveLength(2);
    expect(apart).toContain('data-group="recording-0-1" data-recording="0" data-formulas="1"');
  });

  it('without kept contexts (a replay not made for HTML) has no explain data, script or panel', () => {
    const html = renderHtml([plain], true);
    expect(explainData(html)).toBe('');
    expect([...html.matchAll(/<script>/g)]).toHaveLength(2);
    expect(html).not.toContain('class="explain"');
    expect(html).not.toContain('Click a time');
  });

  it('shows each formula’s text, escaped, folded under its name in its colour', () => {
    for (const r of [kept, plain]) {
      const html = renderHtml([r], false);
      expect(html).toContain(
        '<details class="formula-text"><summary class="formula-0">grow.autoscale</summary><pre>$TargetDedicatedNodes = 3; // &lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre></details>',
      );
      expect(html).toContain('<summary class="formula-1">&lt;b&gt;pending&lt;/b&gt;</summary>');
      expect(html).not.toContain('alert(1)</script>');
    }
  });

  it('is the same page when the playground writes it (Web Crypto hashes, CompressionStream)', async () => {
    const assets = { chart: chartLibrary(), explainScript: explainScript() };
    for (const r of [kept, plain]) {
      const node = renderHtml([r], true);
      const browser = await renderHtmlInBrowser([r], true, assets);
      // gzip streams may differ byte for byte; what they hold may not.
      expect(browser.replace(explainData(browser), '')).toBe(node.replace(explainData(node), ''));
      if (r === kept)
        expect(gunzipSync(Buffer.from(explainData(browser), 'base64'))).toEqual(
          Buffer.from(encodeContexts([r.formulas.map((f) => must(f.contexts))])),
        );
    }
  });
});
