// Headless Chromium (Debian's, at /usr/bin/chromium) driven by playwright-core, with the flags this
// machine needs (no sandbox as root, no background networking: the machine has no internet).

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Opens a self-contained page (a report written to `file`) and collects into `problems` what must
 * not happen there: console errors and warnings (a CSP violation is one), page errors, and any
 * request beyond the file itself and data: URLs.
 */
export async function openSelfContainedPage(page: Page, file: string, problems: string[]): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const url = pathToFileURL(file).href;
  page.on('request', (r) => {
    if (r.url() !== url && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
}
