// Driving VS Code's workbench (code-server) in headless Chromium as a person would: open a file
// from the explorer, run a command from the palette, evaluate a formula, read the output panel,
// hover a token, read the status bar. Shared by the extension's end-to-end tests (Node and web
// worker extension hosts) and by test/e2e/extension-images.ts, which takes the README screenshots.
// Also installs an extension the way vscode.dev does: as a web extension served over https.

import { extname } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Editor text as a person reads it: VS Code renders spaces as non-breaking spaces. */
export function visibleText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/**
 * Reads `read()` every `intervalMs` until `accept` takes its value, and returns that value; throws
 * with the last value read after `timeoutMs`. (Not vitest's expect.poll: this module also runs
 * outside tests, and in beforeAll.)
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Loads the workbench at `url` and waits until it is drawn. */
export async function openWorkbench(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return page;
}

/** Opens `name` from the explorer and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.getByRole('treeitem', { name }).click({ timeout: 60_000 });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 30_000 });
}

/**
 * Runs a command by its title from the command palette. Some commands appear only once the
 * workbench has finished starting (their `when` context is set late), so it retries until then.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(title);
    // The palette filters as it is typed; Enter before it settles would run another command.
    const found = await row.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (found) break;
    if (Date.now() > deadline) throw new Error(`the command palette has no "${title}"`);
  }
  await page.keyboard.press('Enter');
}

/** The text shown in the panel's output editor. */
export async function outputText(page: Page): Promise<string> {
  return visibleText(
    (await page
      .locator('.panel .monaco-editor .view-lines')
      .textContent()
      .catch(() => '')) ?? '',
  );
}

/** Runs "Batch Autoscale: Evaluate formula" with the default context; returns once `expected` is in the output. */
export async function evaluateWithDefaultContext(page: Page, expected: string): Promise<string> {
  await runCommand(page, 'Batch Autoscale: Evaluate formula');
  await page.locator('.quick-input-widget').getByText('Default context').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  return pollUntil(
    () => outputText(page),
    (text) => text.includes(expected),
    `"${expected}" in the output`,
  );
}

/** Waits until the editor underlines an error. */
export async function waitForErrorSquiggle(page: Page): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
}

/** The status bar's problem counts as VS Code labels them, e.g. "Errors: 1, Warnings: 1". */
export async function problemsLabel(page: Page): Promise<string> {
  return (await page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
}

/** Hovers the editor token whose text is exactly `token` until a hover containing `expected` shows. */
export async function hoverUntil(page: Page, token: string, expected: string): Promise<void> {
  // Token spans sit inside one span per line: pick the one holding exactly the token.
  const span = page
    .locator('.editor-instance .view-line span span', { hasText: new RegExp(`^${token.replace(/[$.]/g, '\\$&')}$`) })
    .first();
  // VS Code keeps several hover widgets in the page; read them all. A hover can be missed on a
  // busy machine (the mouse arrives before the editor listens), so move away and back each try.
  const hoverText = async () => {
    await page.mouse.move(5, 5);
    await span.hover();
    await page.waitForTimeout(800);
    return visibleText((await page.locator('.monaco-hover').allTextContents()).join('\n'));
  };
  await pollUntil(hoverText, (text) => text.includes(expected), `a hover on ${token} saying "${expected}"`, 60_000);
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.cjs': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
};

/**
 * Installs an extension into the workbench as a web extension, as vscode.dev installs one from
 * the marketplace: its files come from an https origin and it can run only in the browser's web
 * worker extension host. The files (a VSIX's `extension/` folder, by relative path) are served
 * by Playwright's request routing, not a server: code-server's Content Security Policy lets the
 * page fetch from https origins only, and routing needs no certificate. Returns the paths the
 * browser fetched, in order, so a test can tell which entry VS Code loaded.
 */
export async function installWebExtension(page: Page, files: ReadonlyMap<string, Buffer>): Promise<string[]> {
  const origin = 'https://autoscale-extension.test';
  const fetched: string[] = [];
  await page.context().route(`${origin}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname).slice(1);
    fetched.push(path);
    const body = files.get(path);
    const headers = {
      'Access-Control-Allow-Origin': '*',
      'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    };
    return route.fulfill(body ? { status: 200, body, headers } : { status: 404, headers });
  });
  await runCommand(page, 'Developer: Install Extension from Location...');
  // The command asks for the location in a second quick input, once the palette's list is gone.
  await pollUntil(
    () => page.locator('.quick-input-widget .monaco-list-row', { hasText: 'from Location' }).count(),
    (rows) => rows === 0,
    'the location input',
    10_000,
  );
  await page.keyboard.type(`${origin}/`);
  await page.keyboard.press('Enter');
  return fetched;
}

/** A box on the page, in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where `needle` is drawn in the active editor: the box of its first character on the first
 * rendered line that holds it, measured with a DOM range over the line's text, so it works for
 * files VS Code does not colour (one span per line) as well as for coloured ones.
 */
export async function textBox(page: Page, needle: string): Promise<Box> {
  const box = await page.evaluate((wanted) => {
    for (const line of Array.from(document.querySelectorAll('.editor-instance .view-line'))) {
      const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      // Walk the line's text nodes to the character `at`.
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let left = at;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (left < length) {
          const range = document.createRange();
          range.setStart(node, left);
          range.setEnd(node, left + 1);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
        left -= length;
      }
    }
    return undefined;
  }, needle);
  if (!box) throw new Error(`the editor shows no "${needle}"`);
  return box;
}

/** The boxes of the error squiggles drawn in the active editor. */
export async function errorSquiggleBoxes(page: Page): Promise<Box[]> {
  const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-error');
  const boxes: Box[] = [];
  for (let i = 0; i < (await squiggles.count()); i++) {
    const box = await squiggles.nth(i).boundingBox();
    if (box) boxes.push(box);
  }
  return boxes;
}

/**
 * Waits until an error squiggle starts under the first character of `needle` in the active editor
 * (within a pixel of rounding); returns it, the needle's first character, and every squiggle.
 */
export async function squiggleUnder(
  page: Page,
  needle: string,
): Promise<{ squiggle: Box; character: Box; all: Box[] }> {
  const character = await textBox(page, needle);
  const startsThere = (b: Box) => Math.abs(b.x - character.x) < 2;
  const all = await pollUntil(
    () => errorSquiggleBoxes(page),
    (boxes) => boxes.some(startsThere),
    `a squiggle starting under "${needle}" (x=${character.x})`,
    60_000,
  );
  return { squiggle: all.find(startsThere) as Box, character, all };
}

/** Hovers the point (x, y) until a hover containing `expected` shows; returns the hover's text. */
export async function hoverPointUntil(page: Page, x: number, y: number, expected: string): Promise<string> {
  const hoverText = async () => {
    await page.mouse.move(5, 5);
    await page.mouse.move(x, y);
    await page.waitForTimeout(800);
    return visibleText((await page.locator('.monaco-hover').allTextContents()).join('\n'));
  };
  return pollUntil(
    hoverText,
    (text) => text.includes(expected),
    `a hover at (${x}, ${y}) saying "${expected}"`,
    60_000,
  );
}
