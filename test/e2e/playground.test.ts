// End to end in headless Chromium against the built playground (packages/playground/dist), served
// by the same server as `autoscale playground`: diagnostics, hover, quick fixes, completion and
// formatting from the language server in its worker; the evaluation panel against the CLI's
// `autoscale eval`; the replay tab's charts and node-hours against `autoscale replay`, from the
// bundled recording and from picked files; bad files; links that carry the formula; and no
// request leaves the page's origin, no policy violation, no error. Screenshots go to
// test-results/playground/ as artifacts.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPlayground, isBuilt } from '@autoscale/playground/build';
import { servePlayground, type PlaygroundServer } from '@autoscale/playground/serve';
import { encodeState } from '../../packages/playground/src/state/url-state.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { hasChromium, launchBrowser } from './support/browser.ts';

const REQUIRED = process.env.AUTOSCALE_E2E === 'required';
const ARTIFACTS = join(REPO_ROOT, 'test-results', 'playground');
const CLI = join(REPO_ROOT, 'packages', 'cli', 'bin', 'autoscale.js');
const example = (path: string): string => readFileSync(join(REPO_ROOT, 'examples', path), 'utf8');

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Editor text as a person reads it: Monaco renders spaces as non-breaking spaces. */
function visibleText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** The recording and formula columns of a report row, e.g. "dedicated node-hours". */
function cliRow(report: string, label: string): string[] {
  const line = report.split('\n').find((l) => l.startsWith(label));
  expect(line, `${label} in:\n${report}`).toBeDefined();
  return (line as string)
    .slice(label.length)
    .trim()
    .split(/\s{2,}/);
}

describe.runIf(hasChromium() || REQUIRED)('playground in headless Chromium', () => {
  let server: PlaygroundServer;
  let browser: Browser;
  /** Everything a page did that it should not: console errors, uncaught errors, off-origin requests. */
  const problems: string[] = [];

  beforeAll(async () => {
    expect(hasChromium(), 'Chromium is installed (scripts/setup-e2e.sh)').toBe(true);
    if (!isBuilt()) await buildPlayground();
    server = await servePlayground({ port: 0 });
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(state?: { formula: string; context: string }, rawHash?: string, height = 900): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height } });
    const origin = new URL(server.url).origin;
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      // Nothing is ever sent: a picked recording is read in the page, so every request is a GET of the site's own
      // files.
      if (r.method() !== 'GET') problems.push(`${r.method()} request: ${r.url()}`);
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
        problems.push(`request off the page's origin: ${url}`);
    });
    const hash = rawHash ?? (state ? await encodeState(state) : '');
    await page.goto(`${server.url}${hash}`);
    await page.waitForFunction(
      () => /problem|error|warning/i.test(document.getElementById('status')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    return page;
  }

  /** The rendered token with exactly this text in the formula editor (the text, not its squiggle, takes the mouse). */
  function token(page: Page, text: string) {
    return page
      .locator('.formula .view-lines span[class^="mtk"]', { hasText: new RegExp(`^${text.replace(/[$.]/g, '\\$&')}$`) })
      .first();
  }

  async function formulaText(page: Page): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps Monaco's line breaks; textContent joins the lines.
    return visibleText(await page.locator('.formula .view-lines').innerText());
  }

  async function closeClean(page: Page, screenshot: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, screenshot) });
    await page.close();
    expect(problems).toEqual([]);
  }

  it('loads from the built files under its policy, with the examples, and checks the first one clean', async () => {
    const page = await open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    // Every script is a file of the site's own; none is inline, none evaluates text.
    expect(await page.locator('script:not([src])').count()).toBe(0);
    const assets = join(REPO_ROOT, 'packages', 'playground', 'dist', 'assets');
    for (const name of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      expect(/\bnew Function\(|[^\w.$]eval\(/.test(readFileSync(join(assets, name), 'utf8')), name).toBe(false);
    }
    expect(await page.locator('#examples option').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('pending-tasks.autoscale'),
        expect.stringContaining('business-hours.autoscale'),
        expect.stringContaining('cpu-low-priority.autoscale'),
      ]),
    );
    expect(await page.textContent('#status')).toMatch(/^No problems/);
    // Colouring from the grammar: the target variable in the theme's bold red.
    const target = token(page, '$TargetDedicatedNodes');
    expect(await target.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(215, 58, 73)');
    await closeClean(page, 'loaded.png');
  });

  it('underlines a mistake typed into a clean formula, shows its message on hover, and clears it when fixed', async () => {
    const page = await open({ formula: 'tasks = 3;\n', context: '' });
    // No error; the one warning is lint AS4007 (no target assigned yet).
    expect(await page.textContent('#status')).toMatch(/^0 errors, 1 warning/);
    const squiggle = page.locator('.formula .squiggly-error');
    expect(await squiggle.count()).toBe(0);
    // Type a statement that reads a misspelt variable.
    await page.locator('.formula .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('$TargetDedicatedNodes = taks;');
    await squiggle.first().waitFor();
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('1 error, 0 warnings'));
    await token(page, 'taks').hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'Undefined symbol: taks. Did you mean tasks?' });
    await hover.first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'mistake-hover.png') });
    // Fix it by typing: the cursor after "taks", make it "tasks".
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('sks');
    await squiggle.first().waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('No problems'));
    expect(await formulaText(page)).toContain('$TargetDedicatedNodes = tasks;');
    await closeClean(page, 'mistake-fixed.png');
  });

  it('offers the quick fix, completion and formatting of the language server', async () => {
    const page = await open({ formula: '$TargetDedicatedNodes=min( 10,$PendingTask );\n', context: '' });
    await page.locator('.formula .squiggly-error').first().waitFor();
    // Quick fix: the cursor on the misspelt name, Ctrl+. and the first action.
    await token(page, '$PendingTask').click();
    await page.keyboard.press('Control+.');
    await page
      .locator('.action-widget .monaco-list-row', { hasText: 'Change to $PendingTasks' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'quick-fix.png') });
    await page.keyboard.press('Enter');
    // Fixed; what remains is lint AS4002 (a metric used as a number).
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('0 errors, 1 warning'));
    // Formatting, from the command palette: the canonical layout of `autoscale fmt`.
    await page.keyboard.press('F1');
    await page.keyboard.type('Format Document');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Format Document' }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => formulaText(page)).toContain('$TargetDedicatedNodes = min(10, $PendingTasks);');
    // Signature help inside a call.
    await page.keyboard.press('Control+End');
    await page.keyboard.type('y = max(');
    const hints = page.locator('.parameter-hints-widget');
    await hints.filter({ hasText: 'max(' }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'signature-help.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.type('1, 2);\n');
    // Completion in an expression (a statement cannot start with a read-only metric).
    await page.keyboard.press('Control+End');
    await page.keyboard.type('x = $Pend');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: '$PendingTasks' });
    await suggestion.first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'completion.png') });
    await page.keyboard.press('Escape');
    await closeClean(page, 'language-features.png');
  });

  it('renames a variable everywhere, and says why a service variable cannot be renamed', async () => {
    const page = await open({ formula: 'tasks = 3;\n$TargetDedicatedNodes = tasks;\n', context: '' });
    await page
      .locator('.formula .view-lines span[class^="mtk"]', { hasText: /^tasks$/ })
      .nth(1)
      .click();
    await page.keyboard.press('F2');
    const box = page.locator('.rename-box input');
    await box.waitFor();
    expect(await box.inputValue()).toBe('tasks');
    await box.fill('jobs');
    await box.press('Enter');
    await expect.poll(() => formulaText(page)).toMatch(/^jobs = 3;\n\$TargetDedicatedNodes = jobs;\s*$/);
    await token(page, '$TargetDedicatedNodes').click();
    await page.keyboard.press('F2');
    const refusal = page.locator('.monaco-editor-overlaymessage');
    await refusal.first().waitFor({ timeout: 10_000 });
    expect(await refusal.first().textContent()).toContain(
      "'$TargetDedicatedNodes' is a service variable; only user variables can be renamed.",
    );
    await page.screenshot({ path: join(ARTIFACTS, 'rename-refused.png') });
    await closeClean(page, 'rename.png');
  });

  it('switches the lint layer off and on', async () => {
    const page = await open({ formula: '$TargetDedicatedNodes = min(10, $PendingTasks);\n', context: '' });
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('0 errors, 1 warning'));
    await page.locator('.formula .squiggly-warning').first().waitFor();
    await page.uncheck('#lint');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('No problems'));
    await page.locator('.formula .squiggly-warning').first().waitFor({ state: 'detached' });
    await page.check('#lint');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('0 errors, 1 warning'));
    await closeClean(page, 'lint-toggle.png');
  });

  it('evaluates a known formula in its context exactly as `autoscale eval` does, and squiggles a bad context', async () => {
    const formula = example('formulas/business-hours.autoscale');
    const context = example('contexts/business-hours.json');
    const expected = cli([
      'eval',
      'examples/formulas/business-hours.autoscale',
      '--context',
      'examples/contexts/business-hours.json',
    ]).trim();
    const page = await open({ formula, context });
    await expect.poll(() => page.textContent('#results'), { timeout: 10_000 }).toBe(expected);
    const trace = await page.textContent('#trace');
    expect(trace).toMatch(/^L\d+\s+curTime = /m);
    await page.locator('#panel-evaluate').screenshot({ path: join(ARTIFACTS, 'evaluation.png') });
    // Break the context: a pool count that is not a number.
    await page.locator('.context .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(' "stray": ');
    await page.locator('#context-errors li').first().waitFor();
    expect(await page.textContent('#context-errors')).toMatch(/^context:\d+:\d+: /);
    expect(await page.textContent('#results')).toBe('(not evaluated)');
    await page.locator('.context .squiggly-error').first().waitFor();
    await closeClean(page, 'bad-context.png');
  });

  it('replays the bundled recording: charts drawn, node-hours as `autoscale replay` prints them', async () => {
    const formula = example('formulas/pending-tasks.autoscale');
    const report = cli([
      'replay',
      '--recording',
      'examples/recordings/week.csv',
      'examples/formulas/pending-tasks.autoscale',
    ]);
    const [recordedDedicated, formulaDedicated] = cliRow(report, 'dedicated node-hours');
    const [recordedLow, formulaLow] = cliRow(report, 'low-priority node-hours');
    const page = await open({ formula, context: '' }, undefined, 2400);
    await page.click('#tab-replay');
    await page.click('#replay-run');
    await page.locator('#replay-report .uplot').nth(2).waitFor({ timeout: 30_000 });
    expect(await page.locator('#replay-report .uplot canvas').count()).toBeGreaterThanOrEqual(3);
    const row = (label: string) =>
      page
        .locator('#replay-report table.summary tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
        .first()
        .locator('td')
        .allTextContents();
    expect(await row('dedicated node-hours')).toEqual([recordedDedicated, formulaDedicated]);
    expect(await row('low-priority node-hours')).toEqual([recordedLow, formulaLow]);
    expect(await page.textContent('#replay-status')).toBe('Replayed 1 formula.');
    await page.locator('#panel-replay').screenshot({ path: join(ARTIFACTS, 'replay-example.png') });
    await closeClean(page, 'replay-page.png');
  });

  it('replays picked files (the recording and its .meta.json) side by side with an example, as the CLI does', async () => {
    const formula = example('formulas/pending-tasks.autoscale');
    const report = cli([
      'replay',
      '--recording',
      'examples/recordings/week.csv',
      '--compare',
      'examples/formulas/pending-tasks.autoscale',
      'examples/formulas/business-hours.autoscale',
    ]);
    const page = await open({ formula, context: '' }, undefined, 2400);
    await page.click('#tab-replay');
    await page.setInputFiles('#recording-file', [
      join(REPO_ROOT, 'examples/recordings/week.csv'),
      join(REPO_ROOT, 'examples/recordings/week.meta.json'),
    ]);
    expect(await page.isChecked('input[name="recording"][value="file"]')).toBe(true);
    await page.getByLabel('Example: business-hours.autoscale').check();
    await page.check('#replay-compare');
    await page.click('#replay-run');
    await page.locator('#replay-report .uplot').nth(2).waitFor({ timeout: 30_000 });
    const cells = await page
      .locator('#replay-report table.summary tr', { has: page.locator('th', { hasText: /^dedicated node-hours$/ }) })
      .first()
      .locator('td')
      .allTextContents();
    expect(cells).toEqual(cliRow(report, 'dedicated node-hours'));
    expect(await page.locator('#replay-report table.summary').count()).toBe(1);
    await closeClean(page, 'replay-files.png');
  });

  it('explains a bad file, junk, and a lone .meta.json instead of replaying', async () => {
    const dir = join(ARTIFACTS, 'inputs');
    mkdirSync(dir, { recursive: true });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'time,$PendingTasks\n2026-01-05T00:00:00Z,3\n');
    const junk = join(dir, 'junk.csv');
    writeFileSync(junk, Buffer.from([0, 159, 146, 150, 255, 10, 1, 2, 3]));
    const page = await open();
    await page.click('#tab-replay');
    const attempt = async (files: string[]): Promise<string> => {
      await page.setInputFiles('#recording-file', files);
      await page.click('#replay-run');
      // Each run starts by clearing the last run's errors.
      await page.locator('#replay-errors li').first().waitFor();
      return (await page.textContent('#replay-errors')) ?? '';
    };
    expect(await attempt([bad])).toBe('bad.csv:1:1: the first column must be "timestamp", got "time"');
    expect(await page.textContent('#replay-status')).toBe('The replay did not run.');
    expect(await page.locator('#replay-report .uplot').count()).toBe(0);
    expect(await attempt([junk])).toMatch(/^junk\.csv:1:1: the first column must be "timestamp"/);
    expect(await attempt([join(REPO_ROOT, 'examples/recordings/week.meta.json')])).toContain('Pick a recording file');
    await page.locator('#panel-replay').screenshot({ path: join(ARTIFACTS, 'replay-bad-file.png') });
    await page.fill('#replay-interval', '1m');
    await page.click('input[name="recording"][value="example"]');
    await page.click('#replay-run');
    await expect.poll(() => page.textContent('#replay-errors')).toMatch(/^Evaluation interval: /);
    await closeClean(page, 'replay-errors.png');
  });

  it('keeps the formula and context in the link, and says so when a link is damaged', async () => {
    const page = await open();
    await page.locator('.formula .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// shared by link');
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/^#f=/);
    const link = page.url();
    const again = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await again.goto(link);
    await expect.poll(() => formulaText(again), { timeout: 15_000 }).toContain('// shared by link');
    await again.close();
    await page.close();
    const damaged = await open(undefined, '#f=AAAA');
    expect(await damaged.textContent('#status')).toMatch(
      /This link could not be read: the link's formula is damaged|No problems/,
    );
    await closeClean(damaged, 'damaged-link.png');
  });

  it('loads an example from the menu', async () => {
    const page = await open();
    await page.selectOption('#examples', {
      label: (await page.locator('#examples option', { hasText: 'cpu-low-priority.autoscale' }).textContent()) ?? '',
    });
    await expect.poll(() => formulaText(page)).toContain('CPU-based scaling');
    await expect
      .poll(() => page.textContent('#results'))
      .toBe(
        cli([
          'eval',
          'examples/formulas/cpu-low-priority.autoscale',
          '--context',
          'examples/contexts/cpu-low-priority.json',
        ]).trim(),
      );
    await closeClean(page, 'example-menu.png');
  });
});

describe.runIf(!hasChromium() && !REQUIRED)('playground in headless Chromium: prerequisites missing', () => {
  // Skipped, saying why: the prerequisite is missing on this machine (CI installs it and requires it).
  it('needs Chromium (scripts/setup-e2e.sh): skipped on this machine', (context) =>
    context.skip('end-to-end playground tests skipped: run scripts/setup-e2e.sh to install Chromium'));
});
