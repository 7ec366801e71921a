// The replay's self-contained HTML report (`autoscale replay ... --compare --out report.html`) in
// headless Chromium, opened from a file: it draws its charts and the overview strip with no
// request, no policy violation and no error; the verdict comes first; the overview's brush shows
// the period brushed in every chart, and "show the whole replay" draws them as before. The page
// and a screenshot go to test-results/e2e/ as artifacts.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderHtml, replayFile } from '@autoscale/replay';
import { REPO_ROOT } from '../support/paths.ts';
import { hasChromium, launchBrowser, openSelfContainedPage } from './support/browser.ts';

const REQUIRED = process.env.AUTOSCALE_E2E === 'required';
const ARTIFACTS = join(REPO_ROOT, 'test-results', 'e2e');

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
});

describe.runIf(!hasChromium() && !REQUIRED)('replay report in headless Chromium: prerequisites missing', () => {
  it('needs Chromium (scripts/setup-e2e.sh): skipped on this machine', (context) =>
    context.skip('replay report browser test skipped: run scripts/setup-e2e.sh to install Chromium'));
});
