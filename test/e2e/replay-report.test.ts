// The replay's self-contained HTML report (`autoscale replay ... --compare --out report.html`) in
// headless Chromium, opened from a file: it draws its charts and the overview strip with no
// request, no policy violation and no error; the verdict comes first; the overview's brush shows
// the period brushed in every chart, and "show the whole replay" draws them as before; a click on a
// chart (not a drag) announces the evaluation nearest to it ('autoscale-explain'). A long replay
// (four months of 5-minute evaluations) is drawn at each chart's width in pixels, and zooming in or
// widening the window draws finer detail. The pages and screenshots go to test-results/e2e/.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type uPlot from 'uplot';
import { renderHtml, replayFile, type RecordingReplay } from '@autoscale/replay';
import { REPO_ROOT } from '../support/paths.ts';
import { hasChromium, launchBrowser, openSelfContainedPage } from './support/browser.ts';

const REQUIRED = process.env.AUTOSCALE_E2E === 'required';
const ARTIFACTS = join(REPO_ROOT, 'test-results', 'e2e');

/** The recorded pending tasks of one 5-minute sample in the long recording; the rest stay under 60. */
const SPIKE_TASKS = 500;

/** Four months of 5-minute samples with one short spike, replayed every 5 minutes. */
async function longReplay(): Promise<RecordingReplay> {
  const start = Date.parse('2026-01-05T00:00:00Z');
  const lines = ['timestamp,$ActiveTasks,$RunningTasks,$PendingTasks,$CurrentDedicatedNodes,$CurrentLowPriorityNodes'];
  const samples = 120 * 288;
  for (let i = 0; i < samples; i++) {
    const active = i === 20_000 ? SPIKE_TASKS - 3 : Math.round(20 + 15 * Math.sin(i / 40) + ((i * 7919) % 13));
    const time = new Date(start + i * 300_000).toISOString().replace('.000Z', 'Z');
    lines.push(`${time},${active},3,${active + 3},4,0`);
  }
  const file = join(ARTIFACTS, 'long.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const text = '$TargetDedicatedNodes = min(25, $PendingTasks.GetSample(1));';
  const replay = await replayFile(file, [{ name: 'follow.autoscale', text }], { mode: 'open', interval: 300_000 });
  if (!replay.ok) throw new Error(replay.errors.join('\n'));
  return replay.replay;
}

describe.runIf(hasChromium() || REQUIRED)('replay report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    expect(hasChromium(), 'Chromium is installed (scripts/setup-e2e.sh)').toBe(true);
    const formula = (name: string) => ({
      name,
      text: readFileSync(join(REPO_ROOT, 'examples', 'formulas', name), 'utf8'),
    });
    const replay = await replayFile(
      join(REPO_ROOT, 'examples', 'recordings', 'week.csv'),
      [formula('pending-tasks.autoscale'), formula('business-hours.autoscale')],
      { mode: 'closed', priceDedicated: 0.45, currency: 'EUR' },
    );
    if (!replay.ok) throw new Error(replay.errors.join('\n'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'replay-report.html');
    writeFileSync(file, renderHtml([replay.replay], true));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await openSelfContainedPage(page, file, problems);
    await page.locator('.chart .uplot').nth(2).waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws three charts and the overview, the verdict first, with nothing blocked or fetched', async () => {
    expect(await page.locator('.chart .uplot canvas').count()).toBe(3);
    expect(await page.locator('.overview .uplot canvas').count()).toBe(1);
    const tables = await page.locator('table').evaluateAll((all) => all.map((t) => t.className));
    expect(tables[0]).toBe('verdict');
    expect(await page.locator('table.verdict td.better, table.verdict td.worse').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'replay-report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the time at the cursor in UTC, 24-hour', async () => {
    const over = page.locator('.chart .uplot .u-over').first();
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    if (!box) throw new Error('the first chart has no drawing area');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const time = page.locator('.chart .uplot').first().locator('.u-legend .u-series').first().locator('.u-value');
    await expect.poll(() => time.textContent()).toMatch(/^2026-01-\d\d \d\d:\d\d UTC$/);
  });

  it("brushing the overview shows that period in every chart; 'show the whole replay' undoes it", async () => {
    const drawn = async (n: number) => {
      await page.mouse.move(0, 0);
      return page.locator('.chart .uplot canvas').nth(n).screenshot();
    };
    const before = [await drawn(0), await drawn(2)];
    // Below the verdict and the summary: scrolled to, as a reader would.
    await page.locator('.overview').scrollIntoViewIfNeeded();
    const box = await page.locator('.overview .uplot .u-over').boundingBox();
    if (!box) throw new Error('the overview has no drawing area');
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await drawn(0)).equals(before[0] as Buffer)).toBe(false);
    await expect.poll(async () => (await drawn(2)).equals(before[1] as Buffer)).toBe(false);
    await page.click('button.reset-zoom');
    await expect.poll(async () => (await drawn(0)).equals(before[0] as Buffer)).toBe(true);
    await expect.poll(async () => (await drawn(2)).equals(before[1] as Buffer)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a click on a chart announces the group and the evaluation nearest to it; a drag announces nothing', async () => {
    await page.evaluate(() => {
      const picks: unknown[] = [];
      Object.assign(window, { picks });
      document.addEventListener('autoscale-explain', (e) => picks.push((e as CustomEvent).detail));
    });
    const picks = () =>
      page.evaluate(() => (window as unknown as { picks: Array<{ group: string; time: number }> }).picks);
    const x: number[] = await page.evaluate(
      () => JSON.parse(document.getElementById('replay-data')?.textContent ?? '{}').charts[1].x,
    );
    const over = page.locator('.chart .uplot .u-over').nth(1);
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    if (!box) throw new Error('the second chart has no drawing area');
    // The chart shows the whole replay: its drawing area runs from the first evaluation to the last.
    const first = x[0] as number;
    const last = x[x.length - 1] as number;
    const fraction = 0.4;
    await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
    await expect.poll(picks).toHaveLength(1);
    const [pick] = await picks();
    expect(pick?.group).toBe('recording-0-0');
    const instants = x.map((t) => Math.round(t * 1000));
    expect(instants).toContain(pick?.time);
    // The nearest one: within one interval of the time under the mouse.
    const clicked = (first + (last - first) * fraction) * 1000;
    expect(Math.abs((pick?.time ?? 0) - clicked)).toBeLessThanOrEqual((x[1] as number) * 1000 - first * 1000);
    // A drag zooms and announces nothing.
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(await picks()).toHaveLength(1);
    await page.click('button.reset-zoom');
    expect(problems).toEqual([]);
  });

  describe('a long replay', () => {
    let long: Page;
    const longProblems: string[] = [];
    /** The embedded series of the first chart (recorded demand) and what its uPlot draws now. */
    const firstChart = () =>
      long.evaluate(() => {
        const u = (window as unknown as { plots: uPlot[] }).plots[0] as uPlot;
        const embedded = JSON.parse(document.getElementById('replay-data')?.textContent ?? '{}').charts[0];
        return {
          embedded: { x: embedded.x as number[], values: embedded.series[0].values as Array<number | null> },
          x: [...u.data[0]],
          values: [...(u.data[1] ?? [])] as Array<number | null>,
          pixels: u.bbox.width,
          min: u.scales.x?.min as number,
          max: u.scales.x?.max as number,
        };
      });

    beforeAll(async () => {
      const file = join(ARTIFACTS, 'replay-report-long.html');
      writeFileSync(file, renderHtml([await longReplay()], false));
      long = await browser.newPage({ viewport: { width: 640, height: 900 } });
      // Each uPlot the page makes is kept where the test can read what it draws.
      await long.addInitScript(() => {
        const plots: unknown[] = [];
        let wrapped: unknown;
        Object.defineProperty(window, 'plots', { value: plots });
        Object.defineProperty(window, 'uPlot', {
          configurable: true,
          get: () => wrapped,
          set(library: new (...args: unknown[]) => unknown) {
            function Recorded(...args: unknown[]) {
              const u = new library(...args);
              plots.push(u);
              return u;
            }
            Object.setPrototypeOf(Recorded, library);
            wrapped = Recorded;
          },
        });
      });
      await openSelfContainedPage(long, file, longProblems);
      await long.locator('.chart .uplot').nth(2).waitFor({ timeout: 30_000 });
    }, 120_000);

    it('draws each chart at its width in pixels, keeps the spike, and draws finer detail zoomed in', async () => {
      const whole = await firstChart();
      // 34,560 evaluations embedded as MAX_POINTS, drawn as at most two points per pixel (and both ends).
      expect(whole.embedded.x.length).toBeGreaterThan(1900);
      expect(whole.x.length).toBeLessThanOrEqual(2 * whole.pixels + 4);
      expect(whole.x.length).toBeLessThan(whole.embedded.x.length * 0.7);
      expect(Math.max(...whole.values.map((v) => v ?? 0))).toBe(SPIKE_TASKS);
      // Brush a tenth of the overview: the charts show that period with every embedded point in it.
      await long.locator('.overview').scrollIntoViewIfNeeded();
      const box = await long.locator('.overview .uplot .u-over').boundingBox();
      if (!box) throw new Error('the overview has no drawing area');
      await long.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
      await long.mouse.down();
      await long.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
      await long.mouse.up();
      await expect.poll(async () => (await firstChart()).max).toBeLessThan(whole.max);
      const zoomed = await firstChart();
      const inView = (x: number[]) => x.filter((t) => t >= zoomed.min && t <= zoomed.max).length;
      expect(inView(zoomed.x)).toBe(inView(whole.embedded.x));
      expect(inView(zoomed.x)).toBeGreaterThan(1.5 * inView(whole.x));
      // Back to the whole replay, then a wider window: more pixels, more points.
      await long.click('button.reset-zoom');
      await expect.poll(async () => (await firstChart()).x).toEqual(whole.x);
      await long.setViewportSize({ width: 1200, height: 900 });
      await expect.poll(async () => (await firstChart()).pixels).toBeGreaterThan(whole.pixels * 1.5);
      const wider = await firstChart();
      expect(wider.x.length).toBeGreaterThan(whole.x.length * 1.3);
      expect(wider.x.length).toBeLessThanOrEqual(2 * wider.pixels + 4);
      await long.screenshot({ path: join(ARTIFACTS, 'replay-report-long.png'), fullPage: true });
      expect(longProblems).toEqual([]);
    });
  });
});

describe.runIf(!hasChromium() && !REQUIRED)('replay report in headless Chromium: prerequisites missing', () => {
  it('needs Chromium (scripts/setup-e2e.sh): skipped on this machine', (context) =>
    context.skip('replay report browser test skipped: run scripts/setup-e2e.sh to install Chromium'));
});
