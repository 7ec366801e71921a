// Makes the VS Code extension's marketplace images, which are committed (this is a tool, not a
// test: run it by hand after a visible change, then look at the pictures before committing them):
//   npx node test/e2e/extension-images.ts icon          extension/images/icon.svg -> icon.png (256 x 256)
//   npx node test/e2e/extension-images.ts screenshots   the README's screenshots, in code-server
// The marketplace takes PNG icons only, so the icon's source is the SVG and headless Chromium
// renders it. The screenshots show the packaged extension in a real VS Code (code-server, as the
// end-to-end tests drive it), with the repository's pending-tasks example and a variant of it
// with two mistakes. Needs scripts/setup-e2e.sh.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, packageExtension } from '../support/extension-build.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { launchBrowser } from './support/browser.ts';
import { startCodeServer } from './support/code-server.ts';
import { WORKBENCH_SETTINGS } from './support/extension-fixture.ts';
import {
  hoverUntil,
  openFile,
  openWorkbench,
  outputText,
  pollUntil,
  runCommand,
  waitForErrorSquiggle,
} from './support/workbench.ts';

const IMAGES = join(EXTENSION_DIR, 'images');
/** The size the README shows them at: wide enough for the editor, the panel and a hover. */
const VIEWPORT = { width: 1200, height: 720 };

/** The pending-tasks example with two mistakes: a misspelt variable and a percentage compared with 0.7. */
const WITH_MISTAKES = [
  '// Scale on pending tasks, capped at 25 dedicated nodes.',
  'maxNumberOfVMs = 25;',
  'samplePercent = $PendingTasks.GetSamplePercent(180 * TimeInterval_Second);',
  'pending = samplePercent < 70 ? 1 : avg($PendingTask.GetSample(180 * TimeInterval_Second));',
  'busy = avg($CPUPercent.GetSample(TimeInterval_Minute * 5)) > 0.7;',
  '$TargetDedicatedNodes = min(maxNumberOfVMs, busy ? pending + 1 : pending);',
  '$NodeDeallocationOption = taskcompletion;',
  '',
].join('\n');

async function renderIcon(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
    await page.goto(pathToFileURL(join(IMAGES, 'icon.svg')).href);
    // Transparent outside the rounded square.
    await page.screenshot({ path: join(IMAGES, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('wrote extension/images/icon.png');
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(IMAGES, name) });
  console.log(`wrote extension/images/${name}`);
}

async function takeScreenshots(): Promise<void> {
  const { vsix } = await packageExtension();
  const server = await startCodeServer({
    vsix,
    files: {
      'pool.autoscale': WITH_MISTAKES,
      'pending-tasks.autoscale': readFileSync(
        join(REPO_ROOT, 'examples', 'formulas', 'pending-tasks.autoscale'),
        'utf8',
      ),
      'context.json': readFileSync(join(REPO_ROOT, 'examples', 'contexts', 'pending-tasks.json'), 'utf8'),
    },
    settings: {
      ...WORKBENCH_SETTINGS,
      'editor.minimap.enabled': false,
      'breadcrumbs.enabled': false,
      'editor.wordWrap': 'on',
      'workbench.editor.enablePreview': false,
    },
  });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(await browser.newContext({ viewport: VIEWPORT }), server.url);
    await openFile(page, 'pending-tasks.autoscale');
    await openFile(page, 'pool.autoscale');
    // The explorer has nothing to show here: give its width to the editor.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');

    // Diagnostics: the squiggles and the Problems panel with both messages.
    await waitForErrorSquiggle(page);
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'did you mean 70' })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.mouse.move(5, 5);
    await shoot(page, 'diagnostics.png');

    // Hover: a sample method's documentation.
    await hoverUntil(page, 'GetSamplePercent', 'percent');
    await shoot(page, 'hover.png');

    // Evaluate: the example with its context file, picked in VS Code's file dialog.
    await page.mouse.move(5, 5);
    await page.getByRole('tab', { name: /pending-tasks\.autoscale/ }).click();
    await runCommand(page, 'Batch Autoscale: Evaluate formula');
    await page.locator('.quick-input-widget').getByText('Choose a context file').first().click({ timeout: 30_000 });
    const path = page.locator('.quick-input-widget input');
    await pollUntil(
      () => path.inputValue(),
      (value) => value.startsWith('/'),
      'the file dialog',
    );
    await path.fill(join(server.workspace, 'context.json'));
    // The dialog resolves what was typed in the background: Enter before it lists the file
    // would act on the folder instead.
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'context.json' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await pollUntil(
      () => outputText(page),
      (text) => text.includes('results: $TargetDedicatedNodes=25'),
      'the evaluation',
    );
    // Make the panel tall enough for the whole output: drag its top edge up.
    const panel = await page.locator('.part.panel').boundingBox();
    if (panel) {
      await page.mouse.move(panel.x + panel.width / 2, panel.y - 1);
      await page.mouse.down();
      await page.mouse.move(panel.x + panel.width / 2, panel.y - 110, { steps: 5 });
      await page.mouse.up();
    }
    await page.mouse.move(5, 5);
    await page.waitForTimeout(500);
    await shoot(page, 'evaluate.png');

    // Completion (last: it leaves the formula edited): the sample methods that can follow a metric,
    // with the selected one's docs.
    await page.getByRole('tab', { name: /pool\.autoscale/ }).click();
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.editor-instance .view-line').last().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('$TargetLowPriorityNodes = $PendingTasks.');
    await page
      .locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: 'GetSamplePercent' })
      .first()
      .waitFor({ timeout: 30_000 });
    // The selected item's documentation beside the list: Ctrl+Space toggles it when it is not shown.
    await page.waitForTimeout(800);
    const details = page.locator('.suggest-details-container .docs');
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
    await page.waitForTimeout(800);
    await shoot(page, 'completion.png');
  } finally {
    await browser.close();
    server.stop();
  }
}

const what = process.argv[2];
if (what === 'icon') await renderIcon();
else if (what === 'screenshots') await takeScreenshots();
else {
  console.error('usage: npx node test/e2e/extension-images.ts icon|screenshots');
  process.exitCode = 2;
}
