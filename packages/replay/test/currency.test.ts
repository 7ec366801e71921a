// The currency of the replay's prices: an ISO 4217 code is checked (a refusal says what was
// meant); costs print with it as "EUR 1,234.50" in the currency's own digits, in the text and HTML
// reports' summary tables alike, and JSON carries it in the settings; without one, costs print as
// they always did.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCurrency,
  formatRecordingError,
  readRecording,
  renderHtml,
  renderJson,
  renderText,
  runReplay,
  type Recording,
} from '@autoscale/replay';
import { money, moneyDifference } from '../src/report/format.ts';
import { csv, TempFiles } from './support.ts';

describe('checkCurrency', () => {
  it('accepts ISO 4217 codes in use', () => {
    for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'BHD']) expect(checkCurrency(code)).toBeUndefined();
  });

  it('refuses anything else, naming the code meant when there is one', () => {
    expect(checkCurrency('eur')).toBe(
      '"eur" is not an ISO 4217 currency code such as "USD" or "EUR"; did you mean "EUR"?',
    );
    expect(checkCurrency('EURO')).toContain('did you mean "EUR"?');
    for (const bad of ['', '€', 'US$', 'QQQZZZ'])
      expect(checkCurrency(bad)).toMatch(/^".*" is not an ISO 4217 currency code/);
  });
});

describe('money in reports', () => {
  it('without a currency, two decimals and no grouping, as before', () => {
    expect(money(1234.5)).toBe('1234.50');
    expect(money(null, 'EUR')).toBe('-');
    expect(moneyDifference(1.6, 51.2)).toBe('+1.60 (+3.1%)');
  });

  it("with one, its code, the number grouped, in the currency's own digits", () => {
    expect(money(1234.5, 'EUR')).toBe('EUR 1,234.50');
    expect(money(1234.5, 'JPY')).toBe('JPY 1,235');
    expect(money(1234.5, 'BHD')).toBe('BHD 1,234.500');
    expect(money(0, 'USD')).toBe('USD 0.00');
  });

  it('differences carry the sign before the code, and the percentage after', () => {
    expect(moneyDifference(1.6, 51.2, 'EUR')).toBe('+EUR 1.60 (+3.1%)');
    expect(moneyDifference(-2500, 10_000, 'USD')).toBe('-USD 2,500.00 (-25.0%)');
    expect(moneyDifference(0, 0, 'EUR')).toBe('±EUR 0.00');
    expect(moneyDifference(null, 1, 'EUR')).toBe('-');
  });
});

describe('a replay with a currency', () => {
  const files = new TempFiles();
  afterAll(() => files.remove());
  let recording: Recording;
  beforeAll(async () => {
    // Two hours of 2 dedicated nodes; the formula asks for 3.
    const text = csv(['$CurrentDedicatedNodes'], 241, () => 2);
    const r = await readRecording(files.write('two-hours.csv', text));
    if (!r.ok) throw new Error(r.errors.map(formatRecordingError).join('\n'));
    recording = r.value;
  });
  const formulas = [{ name: 'grow.autoscale', text: '$TargetDedicatedNodes = 3;' }];

  it('prints costs with the code in the text and HTML reports, and JSON names it in the settings', () => {
    const run = runReplay(recording, formulas, { mode: 'open', priceDedicated: 1500, currency: 'EUR' });
    if (!run.ok) throw new Error(run.errors.join('\n'));
    const { recorded, formulas: [grow] = [] } = run.replay;
    // The figures the text shows are the summary's: 4 recorded node-hours at 1,500 is 6,000.
    expect(recorded.cost).toBe(6000);
    const text = renderText([run.replay], false);
    const row = /^cost\s+EUR ([\d,]+\.\d\d)\s+EUR ([\d,]+\.\d\d)$/m.exec(text);
    expect(row?.[1]).toBe('6,000.00');
    expect(Number(row?.[2]?.replaceAll(',', ''))).toBeCloseTo(grow?.summary.cost ?? Number.NaN, 2);
    expect(text).toMatch(/^ {2}vs recorded\s+\+EUR [\d,]+\.\d\d \(\+\d+\.\d%\)$/m);
    const json = JSON.parse(renderJson([run.replay], false)) as { replays: Array<{ settings: { currency: unknown } }> };
    expect(json.replays[0]?.settings.currency).toBe('EUR');
    expect(renderHtml([run.replay], false)).toContain('<td class="num">EUR 6,000.00</td>');
  });

  it('without one, costs print as plain numbers and the settings say null', () => {
    const run = runReplay(recording, formulas, { mode: 'open', priceDedicated: 1500 });
    if (!run.ok) throw new Error(run.errors.join('\n'));
    expect(renderText([run.replay], false)).toMatch(/^cost\s+6000\.00\s+\d+\.\d\d$/m);
    const json = JSON.parse(renderJson([run.replay], false)) as { replays: Array<{ settings: { currency: unknown } }> };
    expect(json.replays[0]?.settings.currency).toBeNull();
  });

  it('is refused when the code is not ISO 4217', () => {
    const run = runReplay(recording, formulas, { mode: 'open', priceDedicated: 1, currency: 'Euro' });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.errors.join('\n')).toContain('the currency: "Euro" is not an ISO 4217 currency code');
  });
});
