// The currency of `autoscale replay`'s costs as a spawned command meets it: `replay.currency` in
// autoscale.config.json, `--currency CODE` winning over it, costs printed with the code in the
// text, JSON and HTML reports, today's plain numbers without one; a bad code refused in the config
// (file:line:column, exit 2) and on the command line (exit 2), and by the shipped schema.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

/** Two hours of the example week (with its metadata), in `dir`. */
function project(dir: string, config: unknown): string {
  mkdirSync(tmp.path(dir), { recursive: true });
  const week = readFileSync(join(REPO_ROOT, 'examples/recordings/week.csv'), 'utf8').split('\n');
  writeFileSync(tmp.path(`${dir}/hours.csv`), `${week.slice(0, 241).join('\n')}\n`);
  writeFileSync(
    tmp.path(`${dir}/hours.meta.json`),
    readFileSync(join(REPO_ROOT, 'examples/recordings/week.meta.json'), 'utf8'),
  );
  writeFileSync(tmp.path(`${dir}/pool.autoscale`), '$TargetDedicatedNodes = 40;\n');
  if (config !== undefined)
    writeFileSync(
      tmp.path(`${dir}/autoscale.config.json`),
      typeof config === 'string' ? config : JSON.stringify(config, null, 2),
    );
  return tmp.path(dir);
}

const replay = (cwd: string, ...args: string[]) =>
  run(['replay', 'pool.autoscale', '--recording', 'hours.csv', ...args], { cwd });

interface Report {
  replays: Array<{
    settings: { currency: string | null };
    recorded: { cost: number };
    formulas: Array<{ summary: { cost: number } }>;
  }>;
}

/** The cost row of the text report: its two cells. */
function costRow(text: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith('cost ')) ?? '';
  return line.slice('cost'.length).trim().split(/ {2,}/);
}

describe('the currency of replay costs', () => {
  const eur = project('eur', { replay: { priceDedicated: 25, currency: 'EUR' } });

  it('from the config: the text report prints "EUR 1,234.50", the figures the JSON report holds', () => {
    const text = replay(eur);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const cells = costRow(text.stdout);
    for (const cell of cells) expect(cell).toMatch(/^EUR \d{1,3}(,\d{3})*\.\d\d$/);
    const json = replay(eur, '--format', 'json');
    const report = JSON.parse(json.stdout) as Report;
    const r = report.replays[0];
    expect(r?.settings.currency).toBe('EUR');
    const amounts = cells.map((c) => Number(c.slice('EUR '.length).replaceAll(',', '')));
    expect(amounts[0]).toBeCloseTo(r?.recorded.cost ?? Number.NaN, 2);
    expect(amounts[1]).toBeCloseTo(r?.formulas[0]?.summary.cost ?? Number.NaN, 2);
    // A formula costing more than 1,000 shows the grouping.
    expect(amounts[1]).toBeGreaterThan(1000);
    expect(cells[1]).toContain(',');
    expect(text.stdout).toMatch(/^ {2}vs recorded\s+.*[+-]EUR [\d,]+\.\d\d \([+-]\d+\.\d%\)$/m);
  });

  it('--currency wins over the config, in the HTML report too', () => {
    const r = replay(eur, '--currency', 'USD', '--out', 'report.html');
    expect(r.code).toBe(0);
    for (const cell of costRow(r.stdout)) expect(cell).toMatch(/^USD [\d,]+\.\d\d$/);
    const page = readFileSync(join(eur, 'report.html'), 'utf8');
    expect(page).toMatch(/<td class="num">USD [\d,]+\.\d\d<\/td>/);
    expect(page).not.toContain('EUR ');
  });

  it('unset, costs print as they always did, and the JSON settings say null', () => {
    const plain = project('plain', { replay: { priceDedicated: 2.5 } });
    for (const cell of costRow(replay(plain).stdout)) expect(cell).toMatch(/^\d+\.\d\d$/);
    const report = JSON.parse(replay(plain, '--format', 'json').stdout) as Report;
    expect(report.replays[0]?.settings.currency).toBeNull();
    // The flag alone is enough.
    for (const cell of costRow(replay(plain, '--currency', 'JPY').stdout)) expect(cell).toMatch(/^JPY [\d,]+$/);
  });

  it('a bad code in the config is refused with file:line:column and exit 2, before replaying', () => {
    const lower = project('lower', '{\n  "replay": {\n    "priceDedicated": 1,\n    "currency": "eur"\n  }\n}\n');
    const r = replay(lower);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'autoscale: autoscale.config.json:4:17: replay.currency: "eur" is not an ISO 4217 currency code such as "USD" or "EUR"; did you mean "EUR"?\n',
    );
    const number = project('number', '{ "replay": { "currency": 978 } }');
    expect(replay(number).stderr).toBe(
      'autoscale: autoscale.config.json:1:27: replay.currency: expected a currency code such as "USD" or "EUR"\n',
    );
  });

  it('a bad --currency is bad usage, exit 2', () => {
    const r = replay(eur, '--currency', 'EURO');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `option '--currency <code>' argument 'EURO' is invalid. "EURO" is not an ISO 4217 currency code such as "USD" or "EUR"; did you mean "EUR"?`,
    );
  });

  it('the shipped schema accepts a code and rejects what is not three capitals', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve('@autoscale/cli/autoscale.config.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate({ replay: { priceDedicated: 1, currency: 'EUR' } })).toBe(true);
    expect(validate({ replay: { currency: 'eur' } })).toBe(false);
    expect(validate({ replay: { currency: 978 } })).toBe(false);
  });
});
