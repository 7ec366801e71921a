// The service history in the reports: the text lines, the JSON objects beside an unchanged summary,
// the HTML fragment (escaped), and nothing at all without a history. Built from a real replay of
// the fixtures (fixtures/service-history/: 5 compared, 4 agree, first disagreement at 00:17).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agreementHtml,
  agreementText,
  formatRecordingError,
  readServiceHistory,
  renderHtml,
  renderJson,
  renderText,
  replayFile,
  type RecordingReplay,
} from '@autoscale/replay';
import { must } from './support.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/service-history');
const fixture = (name: string): string => join(FIXTURES, name);
const RES = (n: number): string =>
  `$TargetDedicatedNodes=${n};$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue`;

async function replay(name: string, withHistory: boolean): Promise<RecordingReplay> {
  const h = readServiceHistory([fixture('events.jsonl')]);
  if (!h.ok) throw new Error(h.errors.map(formatRecordingError).join('\n'));
  const out = await replayFile(
    fixture('half-hour.csv'),
    [{ name, text: readFileSync(fixture('latest.autoscale'), 'utf8') }],
    { mode: 'open', interval: 5 * 60_000, ...(withHistory ? { serviceHistory: h.value } : {}) },
  );
  if (!out.ok) throw new Error(out.errors.join('\n'));
  return out.replay;
}

describe('the service history in the reports', () => {
  it('text: the share agreeing, the first disagreement with both results, the other formula, the notes', async () => {
    const text = renderText([await replay('latest.autoscale', true)], false);
    expect(text).toContain(
      [
        "Service history (pool render-farm, 1 file): 7 evaluations, 6 in the replay's window (1 outside it ignored)",
        '  latest.autoscale: 5 compared, 4 agree (80%)',
        '    first disagreement at 2026-01-05T00:17:00.012Z:',
        `      service: ${RES(6)}`,
        `      replay:  ${RES(5)}`,
        '    the service ran a different formula from 2026-01-05T00:27:00.678Z (1 evaluation, not compared)',
        "  - The formulas were evaluated again at the service's own instants in the window (besides the replay's schedule), against the recording as recorded, with the pool's targets as the service's previous evaluation left them.",
        '  - 1 diagnostic record of other events skipped.',
      ].join('\n'),
    );
  });

  it('text: an error shows its code and detail; a share is never rounded up to 100%', async () => {
    const r = await replay('f', true);
    const a = must(r.formulas[0]?.agreement);
    a.compared = 10_000;
    a.agreed = 9_999;
    a.agreementPercent = 99.99;
    must(a.firstDisagreement).service.error = { code: 'InsufficientSampleData', message: 'Line 1, Col 9: wanted 70%' };
    const lines = agreementText(r);
    expect(lines).toContain('  f: 10000 compared, 9999 agree (99.9%)');
    expect(lines).toContain(`      service: ${RES(6)} (error InsufficientSampleData: Line 1, Col 9: wanted 70%)`);
    a.compared = 0;
    a.agreed = 0;
    a.agreementPercent = null;
    expect(agreementText(r)).toContain('  f: no evaluation compared');
  });

  it('JSON: "agreement" beside an unchanged summary, "serviceHistory" beside the settings, instants in ISO 8601', async () => {
    const plain = JSON.parse(renderJson([await replay('f', false)], false));
    const json = JSON.parse(renderJson([await replay('f', true)], false));
    const [p, j] = [plain.replays[0], json.replays[0]];
    expect(Object.keys(j.formulas[0].summary)).toEqual(Object.keys(p.formulas[0].summary));
    expect(j.formulas[0].summary).toEqual(p.formulas[0].summary);
    expect(Object.keys(p)).not.toContain('serviceHistory');
    expect(Object.keys(p.formulas[0])).not.toContain('agreement');
    expect(j.serviceHistory).toMatchObject({
      files: [fixture('events.jsonl')],
      poolId: 'render-farm',
      evaluations: 7,
      inWindow: 6,
      outsideWindow: 1,
    });
    expect(j.formulas[0].agreement).toEqual({
      compared: 5,
      agreed: 4,
      agreementPercent: 80,
      firstDisagreement: {
        time: '2026-01-05T00:17:00.012Z',
        service: { results: RES(6), error: null },
        replay: { results: RES(5), error: null },
        differences: ['$TargetDedicatedNodes=5 here, $TargetDedicatedNodes=6 recorded'],
      },
      otherFormula: {
        evaluations: 1,
        periods: [{ from: '2026-01-05T00:27:00.678Z', to: '2026-01-05T00:27:00.678Z', evaluations: 1 }],
      },
    });
  });

  it("HTML: one table in the recording's section, every text escaped; nothing without a history", async () => {
    const r = await replay('<b>f</b>', true);
    const fragment = agreementHtml(r);
    expect(fragment).toContain('<table class="agreement">');
    expect(fragment).toContain(
      '<td>&lt;b&gt;f&lt;/b&gt;</td><td class="num">5</td><td class="num">4</td><td class="num">80%</td>',
    );
    expect(fragment).toContain(`replay: <code>${RES(5)}</code>`);
    expect(fragment).not.toContain('<b>f</b>');
    expect(renderHtml([r], false)).toContain(fragment);
    const plain = await replay('f', false);
    expect(agreementHtml(plain)).toBe('');
    expect(agreementText(plain)).toEqual([]);
    expect(renderText([plain], false)).not.toContain('Service history');
  });
});
