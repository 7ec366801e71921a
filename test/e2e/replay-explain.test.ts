// "Explain any point" in the replay's HTML report, as a user gets it: the built `autoscale`
// command (spawned) writes a side-by-side closed-loop report of two example formulas; in headless
// Chromium a click on a chart evaluates that instant again in the page, and each formula's
// results string is the one `autoscale replay --format json` gives for the same instant, with the
// trace `explain` prints; nothing is fetched and the CSP blocks nothing. A screenshot of the panel
// goes to test-results/e2e/.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths.ts';
import { clickChart, explained, explainedTime } from './support/explain-page.ts';
import { hasChromium, launchBrowser, openSelfContainedPage } from './support/browser.ts';

const REQUIRED = process.env.AUTOSCALE_E2E === 'required';
const ARTIFACTS = join(REPO_ROOT, 'test-results', 'e2e');
const CLI = join(REPO_ROOT, 'packages', 'cli', 'bin', 'autoscale.js');
const BUILT = existsSync(join(REPO_ROOT, 'packages', 'cli', 'dist', 'cli.cjs'));

interface JsonReport {
  replays: Array<{ formulas: Array<{ formula: string; timeline: Array<{ time: string; results: string }> }> }>;
}

function autoscale(args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`autoscale ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe.runIf((hasChromium() && BUILT) || REQUIRED)('explaining a point of the replay report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let report: JsonReport;

  beforeAll(async () => {
    expect(BUILT, 'the command is built (npm run build)').toBe(true);
    const args = [
      'replay',
      'examples/formulas/pending-tasks.autoscale',
      'examples/formulas/cpu-low-priority.autoscale',
      '--recording',
      'examples/recordings/week.csv',
      '--mode',
      'closed',
      '--compare',
    ];
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'replay-explain.html');
    autoscale([...args, '--out', file]);
    report = JSON.parse(autoscale([...args, '--format', 'json'])) as JsonReport;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await openSelfContainedPage(page, file, problems);
    await page.locator('.chart .uplot').nth(2).waitFor({ timeout: 30_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a click on a chart shows each formula’s evaluation there: the results the replay logged, and the trace', async () => {
    await clickChart(page, 1, 0.37);
    const { title, formulas } = await explained(page);
    const time = explainedTime(title);
    expect(formulas.map((f) => f.formula)).toEqual(['pending-tasks.autoscale', 'cpu-low-priority.autoscale']);
    formulas.forEach((shown, i) => {
      const row = report.replays[0]?.formulas[i]?.timeline.find((r) => Date.parse(r.time) === time);
      expect(row, `the JSON timeline has an evaluation at ${new Date(time).toISOString()}`).toBeDefined();
      expect(shown.outcome).toBe(row?.results);
      // The trace names each assignment as `explain` prints it.
      expect(shown.trace).toMatch(/^L\d+ +\$TargetDedicatedNodes = \d+/m);
      expect(Object.keys(shown.context)).toContain('$CurrentDedicatedNodes');
    });
    // The closed loop's simulated pending tasks, as the formula saw them.
    expect(formulas[0]?.context.$PendingTasks).toMatch(/ at \d{4}-.*samples? in the hour before/);
    await page
      .locator('.explain')
      .first()
      .screenshot({ path: join(ARTIFACTS, 'replay-explain.png') });
    expect(problems).toEqual([]);
  });

  it('another click explains another instant; a drag zooms and explains nothing', async () => {
    const first = explainedTime((await explained(page)).title);
    await clickChart(page, 0, 0.8);
    await expect.poll(async () => explainedTime((await explained(page)).title)).toBeGreaterThan(first);
    const shown = explainedTime((await explained(page)).title);
    const over = page.locator('.chart .uplot .u-over').nth(2);
    const box = await over.boundingBox();
    if (!box) throw new Error('no drawing area');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(explainedTime((await explained(page)).title)).toBe(shown);
    expect(problems).toEqual([]);
  });

  it('shows the formulas’ texts', async () => {
    const texts = await page.locator('details.formula-text summary').allTextContents();
    expect(texts).toEqual(['pending-tasks.autoscale', 'cpu-low-priority.autoscale']);
    await page.locator('details.formula-text summary').first().click();
    await expect.poll(() => page.locator('details.formula-text pre').first().isVisible()).toBe(true);
    expect(await page.locator('details.formula-text pre').first().textContent()).toContain('$PendingTasks');
  });
});

describe.runIf(!(hasChromium() && BUILT) && !REQUIRED)('explaining a point in Chromium: prerequisites missing', () => {
  it('needs Chromium and the build (scripts/setup-e2e.sh, npm run build): skipped on this machine', (context) =>
    context.skip('replay explain browser test skipped: run scripts/setup-e2e.sh and npm run build'));
});
