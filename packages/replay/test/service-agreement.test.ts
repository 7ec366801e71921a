// A replay beside the service's own history, on hand-checked fixtures (fixtures/service-history/):
// half-hour.csv has $PendingTasks 3 for ten minutes, then 5, then 8 (2 dedicated nodes); each
// service evaluation is evaluated again at its own instant and compared. Checks the agreement
// figures, the first disagreement with both results, an error run, the service's formula change,
// the window, the targets the pool had, pool selection, and that the replay's own figures do not
// move. The expected figures are worked out by hand in the comments, never copied from a run.

import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatRecordingError,
  readServiceHistory,
  replayFile,
  type RecordingReplay,
  type ReplayFileRequest,
  type ServiceHistory,
} from '@autoscale/replay';
import { must, TempFiles } from './support.ts';

const tmp = new TempFiles();
afterAll(() => tmp.remove());
const FIXTURES = join(import.meta.dirname, 'fixtures/service-history');
const fixture = (name: string): string => join(FIXTURES, name);
const at = (iso: string): number => Date.parse(iso);
const RES = (n: number): string =>
  `$TargetDedicatedNodes=${n};$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue`;
const LATEST = { name: 'latest', text: readFileSync(fixture('latest.autoscale'), 'utf8') };
const WINDOW = { name: 'window', text: readFileSync(fixture('window.autoscale'), 'utf8') };

function history(...names: string[]): ServiceHistory {
  const r = readServiceHistory(names.map(fixture));
  if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
  return r.value;
}

async function replay(
  formulas: Array<{ name: string; text: string }>,
  serviceHistory: ServiceHistory | undefined,
  request: Partial<ReplayFileRequest> = {},
  recording = fixture('half-hour.csv'),
): Promise<RecordingReplay> {
  const out = await replayFile(recording, formulas, {
    mode: 'open',
    interval: 5 * 60_000,
    ...request,
    ...(serviceHistory ? { serviceHistory } : {}),
  });
  if (!out.ok) throw new Error(out.errors.join('\n'));
  return out.replay;
}

/** A history of one pool's evaluations at the given instants, with the given results and formula. */
function made(runs: Array<[string, string, string?]>, formula = LATEST.text, poolId = 'render-farm'): ServiceHistory {
  return {
    files: ['made'],
    evaluations: runs.map(([time, results, code]) => ({
      time: at(time),
      results,
      error: code === undefined ? null : { code, message: 'detail' },
      formula,
      poolId,
    })),
    records: runs.length,
    duplicates: 0,
    otherEvents: 0,
    withoutRun: 0,
  };
}

describe('agreement with PoolAutoScaleEvent records', () => {
  it('5 compared, 4 agree; the first disagreement with both results; the other formula set apart', async () => {
    const r = await replay([LATEST], history('events.jsonl'));
    // Seven evaluations; 00:45 is after the recording's last sample (00:29:30): outside, ignored.
    expect(r.serviceHistory).toMatchObject({ poolId: 'render-farm', evaluations: 7, inWindow: 6, outsideWindow: 1 });
    const a = must(must(r.formulas[0]).agreement);
    // 00:02 sees 00:01:30 (3), 00:07 sees 00:06:30 (3), 00:12 sees 00:11:30 (5), 00:22 sees 00:21:30 (8):
    // as the service said. 00:17 sees 00:16:30 (5) where the service said 6. 00:27 ran window.autoscale.
    expect(a.compared).toBe(5);
    expect(a.agreed).toBe(4);
    expect(a.agreementPercent).toBe(80);
    expect(a.firstDisagreement).toEqual({
      time: at('2026-01-05T00:17:00.012Z'),
      service: { results: RES(6), error: null },
      replay: { results: RES(5), error: null },
      differences: ['$TargetDedicatedNodes=5 here, $TargetDedicatedNodes=6 recorded'],
    });
    expect(a.otherFormula).toEqual({
      evaluations: 1,
      periods: [{ from: at('2026-01-05T00:27:00.678Z'), to: at('2026-01-05T00:27:00.678Z'), evaluations: 1 }],
    });
  });

  it("the replay's own schedule and figures are the same with and without a history", async () => {
    const plain = await replay([LATEST], undefined);
    const beside = await replay([LATEST], history('events.jsonl'));
    expect(beside.formulas.map((f) => f.summary)).toEqual(plain.formulas.map((f) => f.summary));
    expect(beside.formulas.map((f) => f.timeline)).toEqual(plain.formulas.map((f) => f.timeline));
    expect(plain.serviceHistory).toBeUndefined();
    expect(plain.formulas[0]?.agreement).toBeUndefined();
  });

  it('only the window counts: evaluations before --from are outside too', async () => {
    const r = await replay([LATEST], history('events.jsonl'), { from: at('2026-01-05T00:10:00Z') });
    expect(r.serviceHistory).toMatchObject({ inWindow: 4, outsideWindow: 3 });
    // 00:12, 00:17 (disagrees), 00:22 compared; 00:27 another formula.
    expect(must(r.formulas[0]?.agreement)).toMatchObject({ compared: 3, agreed: 2 });
  });

  it('a closed-loop replay compares against the recording as recorded all the same', async () => {
    const r = await replay([LATEST], history('events.jsonl'), { mode: 'closed' });
    expect(must(r.formulas[0]?.agreement)).toMatchObject({ compared: 5, agreed: 4, agreementPercent: 80 });
  });
});

describe('agreement with az batch pool show snapshots', () => {
  it('4 compared, 3 agree, the error run among the agreeing; first disagreement at 00:25', async () => {
    const r = await replay([WINDOW], history('pool-show.json'));
    expect(r.serviceHistory).toMatchObject({ evaluations: 4, inWindow: 4, outsideWindow: 0 });
    const a = must(r.formulas[0]?.agreement);
    // 00:02: 4 of the window's 10 samples visible (40% < 70%): InsufficientSampleData, targets unchanged
    // at the recording's 2 nodes, as the service said. 00:10 max 3 and 00:20 max 5 agree; at 00:25 the
    // window holds only 8s (rows from 00:20:30), where the service said 7.
    expect(a).toMatchObject({ compared: 4, agreed: 3, agreementPercent: 75 });
    expect(a.firstDisagreement).toMatchObject({
      time: at('2026-01-05T00:25:00.400Z'),
      service: { results: RES(7), error: null },
      replay: { results: RES(8), error: null },
    });
  });

  it('an error run agrees only with the same error code', async () => {
    const h = history('pool-show.json');
    const first = must(h.evaluations[0]);
    first.error = { code: 'AutoScalingFormulaEvaluationError', message: 'Line 1, Col 1: Undefined symbol: x' };
    const a = must((await replay([WINDOW], h)).formulas[0]?.agreement);
    expect(a).toMatchObject({ compared: 4, agreed: 2 });
    expect(a.firstDisagreement?.time).toBe(at('2026-01-05T00:02:00.123Z'));
    expect(a.firstDisagreement?.replay.error?.code).toBe('InsufficientSampleData');
    expect(a.firstDisagreement?.replay.error?.message).toMatch(
      /^Line 2, Col \d+: Insufficient data from data set: \$PendingTasks wanted 70%, received 40%$/,
    );
    expect(a.firstDisagreement?.differences).toEqual([
      'error: InsufficientSampleData here, AutoScalingFormulaEvaluationError recorded',
    ]);
  });

  it('several formulas: each compared with the service, the one it did not run set apart whole', async () => {
    const r = await replay([LATEST, WINDOW], history('pool-show.json'));
    const [latest, window] = r.formulas.map((f) => must(f.agreement));
    expect(must(latest)).toMatchObject({ compared: 0, agreed: 0, agreementPercent: null, firstDisagreement: null });
    // "the service ran a different formula from 00:02 to 00:25", not four disagreements.
    expect(must(latest).otherFormula.periods).toEqual([
      { from: at('2026-01-05T00:02:00.123Z'), to: at('2026-01-05T00:25:00.400Z'), evaluations: 4 },
    ]);
    expect(must(window)).toMatchObject({ compared: 4, agreed: 3 });
  });
});

describe('what the formula sees at the service instants', () => {
  it("the pool's targets are what the service's previous evaluation left", async () => {
    const grow = { name: 'grow', text: '$TargetDedicatedNodes = $TargetDedicatedNodes + 1;' };
    // Starting targets: the recording's 2 nodes. The service went 3, 4 and then 6: the replay says
    // 2+1, 3+1 (agree) and 4+1 = 5 (disagrees), each from the service's own previous target.
    const h = made(
      [
        ['2026-01-05T00:05:00Z', RES(3)],
        ['2026-01-05T00:10:00Z', RES(4)],
        ['2026-01-05T00:15:00Z', RES(6)],
      ],
      grow.text,
    );
    const a = must((await replay([grow], h)).formulas[0]?.agreement);
    expect(a).toMatchObject({ compared: 3, agreed: 2 });
    expect(a.firstDisagreement).toMatchObject({ time: at('2026-01-05T00:15:00Z'), replay: { results: RES(5) } });
  });

  it('a formula text with other spacing and comments is the same formula; another statement is not', async () => {
    const spaced = made(
      [['2026-01-05T00:12:00Z', RES(5)]],
      '// same\n$TargetDedicatedNodes   =\n  max( $PendingTasks.GetSample(1) ) ;\n',
    );
    expect(must((await replay([LATEST], spaced)).formulas[0]?.agreement)).toMatchObject({ compared: 1, agreed: 1 });
    const other = made([['2026-01-05T00:12:00Z', RES(5)]], '$TargetDedicatedNodes = max($PendingTasks.GetSample(2));');
    expect(must((await replay([LATEST], other)).formulas[0]?.agreement)).toMatchObject({
      compared: 0,
      otherFormula: { evaluations: 1 },
    });
  });

  it('two stretches of another formula are two periods', async () => {
    const h = made([
      ['2026-01-05T00:05:00Z', RES(3)],
      ['2026-01-05T00:10:00Z', RES(5)],
      ['2026-01-05T00:15:00Z', RES(5)],
      ['2026-01-05T00:20:00Z', RES(5)],
    ]);
    const [a, b, c, d] = h.evaluations;
    must(b).formula = WINDOW.text;
    must(d).formula = WINDOW.text;
    expect(must(a).formula).toBe(must(c).formula);
    const periods = must((await replay([LATEST], h)).formulas[0]?.agreement).otherFormula.periods;
    expect(periods.map((p) => [p.from, p.evaluations])).toEqual([
      [at('2026-01-05T00:10:00Z'), 1],
      [at('2026-01-05T00:20:00Z'), 1],
    ]);
  });
});

describe("choosing the recording's pool", () => {
  it("takes the pool the recording's metadata names from a history of several pools", async () => {
    const h = made([['2026-01-05T00:12:00Z', RES(5)]]);
    h.evaluations.push({ ...must(h.evaluations[0]), poolId: 'other', results: RES(9) });
    const r = await replay([LATEST], h);
    expect(r.serviceHistory).toMatchObject({ poolId: 'render-farm', evaluations: 1 });
    expect(must(r.formulas[0]?.agreement)).toMatchObject({ compared: 1, agreed: 1 });
  });

  it('refuses a history of another pool, and several pools when the recording names none', async () => {
    const other = await replayFile(fixture('half-hour.csv'), [LATEST], {
      mode: 'open',
      serviceHistory: made([['2026-01-05T00:12:00Z', RES(5)]], LATEST.text, 'elsewhere'),
    });
    expect(other).toEqual({
      ok: false,
      errors: [
        `${fixture('half-hour.csv')}: the service history holds pool "elsewhere", not "render-farm" (the recording's poolId)`,
      ],
    });
    const two = made([['2026-01-05T00:12:00Z', RES(5)]], LATEST.text, 'a');
    two.evaluations.push({ ...must(two.evaluations[0]), poolId: 'b' });
    // The same rows in a recording whose metadata names no pool.
    const path = tmp.write('plain.csv', readFileSync(fixture('half-hour.csv'), 'utf8').replace(/^# poolId:.*\n/, ''));
    const out = await replayFile(path, [LATEST], { mode: 'open', serviceHistory: two });
    expect(out).toEqual({
      ok: false,
      errors: [
        `${path}: the service history holds 2 pools ("a", "b"): set "poolId" in the recording's metadata to choose one`,
      ],
    });
  });
});
