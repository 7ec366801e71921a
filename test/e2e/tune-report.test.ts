// The tune report (`autoscale tune --out tune.html`) in headless Chromium: opened from a file, it
// draws its chart with no request, no policy violation and no error; the best variant is shown
// first; a row of the front, and a point picked on the chart, show that point's parameters,
// formula and summary. The page and screenshots go to test-results/tune/ as artifacts.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { analyzeFormula } from '@autoscale/core';
import { renderTuneHtml, tuneFormula, tuneSpace, type TuneResult } from '@autoscale/replay';
import { REPO_ROOT } from '../support/paths.ts';
import { hasChromium, launchBrowser, openSelfContainedPage } from './support/browser.ts';

const REQUIRED = process.env.AUTOSCALE_E2E === 'required';
const ARTIFACTS = join(REPO_ROOT, 'test-results', 'tune');

/** A closed-loop search on the example week's first day: a front of several points, a best one. */
async function search(): Promise<TuneResult> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const week = readFileSync(join(REPO_ROOT, 'examples/recordings/week.csv'), 'utf8').split('\n');
  const recording = join(ARTIFACTS, 'day.csv');
  writeFileSync(recording, `${week.slice(0, 2881).join('\n')}\n`);
  writeFileSync(join(ARTIFACTS, 'day.meta.json'), readFileSync(join(REPO_ROOT, 'examples/recordings/week.meta.json')));
  const text = readFileSync(join(REPO_ROOT, 'examples/formulas/pending-tasks.autoscale'), 'utf8');
  const space = tuneSpace(analyzeFormula(text), [
    { name: 'maxNumberOfVMs', from: 4, to: 40, step: 4 },
    { name: 'startingNumberOfVMs', from: 0, to: 2, step: 1 },
  ]);
  if (!space.ok) throw new Error('parameters');
  const outcome = await tuneFormula({
    formula: { name: 'pending-tasks.autoscale', text },
    space: space.space,
    recording,
    replay: { mode: 'closed', priceDedicated: 0.5, currency: 'EUR' },
    objective: 'cost',
    maxWaitP95Seconds: 3600,
    budget: 200,
    seed: 1,
    shard: null,
    jobs: 2,
  });
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.result;
}

describe.runIf(hasChromium() || REQUIRED)('tune report in headless Chromium', () => {
  let browser: Browser;
  let result: TuneResult;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    expect(hasChromium(), 'Chromium is installed (scripts/setup-e2e.sh)').toBe(true);
    result = await search();
    const file = join(ARTIFACTS, 'tune-report.html');
    writeFileSync(file, renderTuneHtml(result));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 1100 } });
    await openSelfContainedPage(page, file, problems);
    await page.waitForSelector('#front-chart canvas');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The text of the point section shown, and which point it is. */
  async function shown(): Promise<{ index: string | null; formula: string; text: string }> {
    const section = page.locator('section.point:not([hidden])');
    await expect(section.count()).resolves.toBe(1);
    return {
      index: await section.getAttribute('data-point'),
      formula: (await section.locator('pre.formula').textContent()) ?? '',
      text: (await section.textContent()) ?? '',
    };
  }

  it('draws the chart with nothing blocked and nothing fetched, the best point shown first', async () => {
    expect(result.best).not.toBeNull();
    expect(result.front.length).toBeGreaterThan(3);
    const first = await shown();
    expect(first.text).toContain('best');
    expect(first.formula).toBe(result.best?.formula);
    expect(await page.locator('.u-legend').textContent()).toContain('Pareto front');
    await page.screenshot({ path: join(ARTIFACTS, 'tune-report.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('a row of the front shows its parameters, formula and summary', async () => {
    await page.locator('tr[data-point="1"]').click();
    const picked = await shown();
    expect(picked.index).toBe('1');
    const point = result.front[0];
    if (point === undefined) throw new Error('no front');
    expect(picked.formula).toContain(`maxNumberOfVMs = ${point.params.maxNumberOfVMs};`);
    expect(picked.formula).toContain(`startingNumberOfVMs = ${point.params.startingNumberOfVMs};`);
    expect(picked.text).toContain('closedLoop.waitP95Seconds');
    expect(picked.text).toContain((point.summary.cost as number).toFixed(3));
    await expect(page.locator('tr[data-point="1"]').getAttribute('class')).resolves.toContain('selected');
    expect(problems).toEqual([]);
  });

  it('a point picked on the chart shows that point', async () => {
    const picks = JSON.parse((await page.locator('#front-chart').getAttribute('data-picks')) ?? '[]') as Array<
      [number, number] | null
    >;
    // The point farthest from every other, so the click cannot land nearer another one.
    const spread = picks.map((p, i) =>
      p === null
        ? -1
        : Math.min(...picks.map((q, j) => (q === null || j === i ? Infinity : Math.hypot(p[0] - q[0], p[1] - q[1])))),
    );
    const target = spread.indexOf(Math.max(...spread));
    expect(target).toBeGreaterThanOrEqual(0);
    expect(spread[target]).toBeGreaterThan(15);
    const over = await page.locator('#front-chart .u-over').boundingBox();
    const [x, y] = picks[target] as [number, number];
    await page.mouse.click((over?.x ?? 0) + x + 2, (over?.y ?? 0) + y - 2);
    const picked = await shown();
    expect(picked.index).toBe(String(target));
    const params = target === 0 ? result.baseline.params : result.front[target - 1]?.params;
    expect(picked.text).toContain(`maxNumberOfVMs${params?.maxNumberOfVMs}`);
    await page.screenshot({ path: join(ARTIFACTS, 'tune-report-picked.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});

describe.runIf(!hasChromium() && !REQUIRED)('tune report in headless Chromium: prerequisites missing', () => {
  it('needs Chromium (scripts/setup-e2e.sh): skipped on this machine', (context) =>
    context.skip('end-to-end tune report tests skipped: run scripts/setup-e2e.sh to install Chromium'));
});
