// Playground benchmark (run by `npm run bench`): the built page in headless Chromium with an 8 KB
// formula, typing into it, and the time from each keystroke to the updated diagnostics. Two
// measures: inside the page (model change -> markers set, what the status bar shows) and from the
// test's key press to the page showing the result (adds the DevTools-protocol round trip).
// Prints figures; asserts nothing (targets are judged by reading them, never by a timed test).

import { buildPlayground, isBuilt } from '@autoscale/playground/build';
import { servePlayground } from '@autoscale/playground/serve';
import { encodeState } from '../packages/playground/src/state/url-state.ts';
import { hasChromium, launchBrowser } from '../test/e2e/support/browser.ts';
import { largeFormula } from './core.bench.ts';

export interface PlaygroundBenchFigures {
  chars: number;
  keystrokes: number;
  paceMs: number;
  inPage: { medianMs: number; p95Ms: number };
  endToEnd: { medianMs: number; p95Ms: number };
  burst: { size: number; medianMs: number; p95Ms: number };
}

/** Room left in the formula for the typed characters, so it stays within the 8 KB limit. */
const TYPING_ROOM = 60;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function benchPlayground(keystrokes = 40, bursts = 10, burstSize = 5): Promise<PlaygroundBenchFigures | undefined> {
  if (!hasChromium()) return undefined;
  if (!isBuilt()) await buildPlayground();
  const formula = `${largeFormula().replace(/^\/\/ -+/, (pad) => pad.slice(0, pad.length - TYPING_ROOM))}\n// `;
  const server = await servePlayground({ port: 0 });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}${await encodeState({ formula, context: '' })}`);
    await page.waitForFunction(() => document.getElementById('status')?.dataset['checkedVersion'] !== undefined, undefined, { timeout: 30_000 });
    await page.locator('.formula .view-lines').click();
    await page.keyboard.press('Control+End');
    const checkedVersion = async (): Promise<number> => Number(await page.locator('#status').getAttribute('data-checked-version'));
    /** Resolves when the diagnostics of a version after `after` are shown; returns the page's own latency. */
    const waitChecked = async (after: number): Promise<number> => {
      await page.waitForFunction((v) => Number(document.getElementById('status')?.dataset['checkedVersion']) > v, after);
      return Number(await page.locator('#status').getAttribute('data-latency-ms'));
    };
    const paceMs = 150;
    const inPage: number[] = [];
    const endToEnd: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
      const before = await checkedVersion();
      const start = performance.now();
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
      inPage.push(await waitChecked(before));
      endToEnd.push(performance.now() - start);
      await page.waitForTimeout(paceMs);
    }
    // Back-to-back keystrokes: the server coalesces them; the last one's diagnostics are what count.
    const burst: number[] = [];
    for (let b = 0; b < bursts; b++) {
      const before = await checkedVersion();
      await page.keyboard.type('x'.repeat(burstSize - 1), { delay: 10 });
      const start = performance.now();
      await page.keyboard.type('y');
      const last = before + burstSize;
      await page.waitForFunction((v) => Number(document.getElementById('status')?.dataset['checkedVersion']) >= v, last);
      burst.push(performance.now() - start);
      for (let k = 0; k < burstSize; k++) await page.keyboard.press('Backspace');
      await page.waitForFunction((v) => Number(document.getElementById('status')?.dataset['checkedVersion']) >= v, last + burstSize);
      await page.waitForTimeout(paceMs);
    }
    return {
      chars: formula.length,
      keystrokes,
      paceMs,
      inPage: { medianMs: percentile(inPage, 50), p95Ms: percentile(inPage, 95) },
      endToEnd: { medianMs: percentile(endToEnd, 50), p95Ms: percentile(endToEnd, 95) },
      burst: { size: burstSize, medianMs: percentile(burst, 50), p95Ms: percentile(burst, 95) },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function playgroundReport(): Promise<string> {
  const f = await benchPlayground();
  if (f === undefined) return 'playground: Chromium not installed (scripts/setup-e2e.sh) — no figures';
  const ms = (n: number) => n.toFixed(1);
  return (
    `playground in headless Chromium, ${f.chars}-character formula, ${f.keystrokes} keystrokes ${f.paceMs} ms apart: keystroke -> diagnostics shown ` +
    `median ${ms(f.inPage.medianMs)} ms, p95 ${ms(f.inPage.p95Ms)} ms inside the page; ${ms(f.endToEnd.medianMs)} / ${ms(f.endToEnd.p95Ms)} ms from the driver's key press; ` +
    `bursts of ${f.burst.size} keys 10 ms apart, last key -> its diagnostics median ${ms(f.burst.medianMs)} ms, p95 ${ms(f.burst.p95Ms)} ms   (target: < 100 ms)`
  );
}

if (import.meta.main) console.log(await playgroundReport());
