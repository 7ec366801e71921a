// Playground benchmark (run by `npm run bench`): the built page in headless Chromium with an 8 KB
// formula, typing into it, and the time from each keystroke to the updated diagnostics. Two
// measures: inside the page (model change -> markers set, what the status bar shows) and from the
// test's key press to the page showing the result (adds the DevTools-protocol round trip).
// Also: a pool-year recording picked as a file and replayed in the page's worker, from the click
// to the report. Prints figures; asserts nothing (targets are judged by reading them, never by a timed test).

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildPlayground, isBuilt } from '@autoscale/playground/build';
import { servePlayground } from '@autoscale/playground/serve';
import { encodeState } from '../packages/playground/src/state/url-state.ts';
import { hasChromium, launchBrowser } from '../test/e2e/support/browser.ts';
import { largeFormula } from './core.bench.ts';
import { BENCH_FORMULA, writeYear, YEAR_ROWS } from './replay.bench.ts';
import { percentile } from './stats.ts';

export interface PlaygroundBenchFigures {
  chars: number;
  keystrokes: number;
  paceMs: number;
  inPage: { medianMs: number; p95Ms: number };
  endToEnd: { medianMs: number; p95Ms: number };
  burst: { size: number; medianMs: number; p95Ms: number };
  /** A pool-year CSV picked as a file: click -> report shown, in ms; the file's size in MB. */
  yearReplay: { ms: number; megabytes: number; rows: number };
}

/** Room left in the formula for the typed characters, so it stays within the 8 KB limit. */
const TYPING_ROOM = 60;

export async function benchPlayground(
  keystrokes = 40,
  bursts = 10,
  burstSize = 5,
): Promise<PlaygroundBenchFigures | undefined> {
  if (!hasChromium()) return undefined;
  if (!isBuilt()) await buildPlayground();
  const formula = `${largeFormula().replace(/^\/\/ -+/, (pad) => pad.slice(0, pad.length - TYPING_ROOM))}\n// `;
  const server = await servePlayground({ port: 0 });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}${await encodeState({ formula, context: '' })}`);
    await page.waitForFunction(
      () => document.getElementById('status')?.dataset.checkedVersion !== undefined,
      undefined,
      { timeout: 30_000 },
    );
    await page.locator('.formula .view-lines').click();
    await page.keyboard.press('Control+End');
    const checkedVersion = async (): Promise<number> =>
      Number(await page.locator('#status').getAttribute('data-checked-version'));
    /** Resolves when the diagnostics of a version after `after` are shown; returns the page's own latency. */
    const waitChecked = async (after: number): Promise<number> => {
      await page.waitForFunction((v) => Number(document.getElementById('status')?.dataset.checkedVersion) > v, after);
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
      await page.waitForFunction((v) => Number(document.getElementById('status')?.dataset.checkedVersion) >= v, last);
      burst.push(performance.now() - start);
      for (let k = 0; k < burstSize; k++) await page.keyboard.press('Backspace');
      await page.waitForFunction(
        (v) => Number(document.getElementById('status')?.dataset.checkedVersion) >= v,
        last + burstSize,
      );
      await page.waitForTimeout(paceMs);
    }
    const yearReplay = await replayYear(await browser.newPage({ viewport: { width: 1400, height: 900 } }), server.url);
    return {
      yearReplay,
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

/**
 * Picks a generated pool-year recording and replays the replay benchmark's formula on it, open loop every 5 minutes.
 */
async function replayYear(page: Page, url: string): Promise<PlaygroundBenchFigures['yearReplay']> {
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
  try {
    await page.goto(`${url}${await encodeState({ formula: BENCH_FORMULA, context: '' })}`);
    await page.waitForFunction(
      () => document.getElementById('status')?.dataset.checkedVersion !== undefined,
      undefined,
      { timeout: 30_000 },
    );
    const file = join(dir, 'year.csv');
    await writeYear(file);
    await page.click('#tab-replay');
    await page.setInputFiles('#recording-file', [file]);
    await page.fill('#replay-interval', '5m');
    const start = performance.now();
    await page.click('#replay-run');
    await page.waitForFunction(
      () => /^(Replayed|The replay did not run)/.test(document.getElementById('replay-status')?.textContent ?? ''),
      undefined,
      { timeout: 120_000 },
    );
    const ms = performance.now() - start;
    const status = await page.textContent('#replay-status');
    if (!status?.startsWith('Replayed'))
      throw new Error(`the pool-year replay failed: ${await page.textContent('#replay-errors')}`);
    return { ms, megabytes: statSync(file).size / 1e6, rows: YEAR_ROWS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function playgroundReport(): Promise<string> {
  const f = await benchPlayground();
  if (f === undefined) return 'playground: Chromium not installed (scripts/setup-e2e.sh) — no figures';
  const ms = (n: number) => n.toFixed(1);
  return (
    `playground in headless Chromium, ${f.chars}-character formula, ${f.keystrokes} keystrokes ${f.paceMs} ms apart: keystroke -> diagnostics shown ` +
    `median ${ms(f.inPage.medianMs)} ms, p95 ${ms(f.inPage.p95Ms)} ms inside the page; ${ms(f.endToEnd.medianMs)} / ${ms(f.endToEnd.p95Ms)} ms from the driver's key press; ` +
    `bursts of ${f.burst.size} keys 10 ms apart, last key -> its diagnostics median ${ms(f.burst.medianMs)} ms, p95 ${ms(f.burst.p95Ms)} ms   (target: < 100 ms)\n` +
    `playground replay of a picked pool-year file (${f.yearReplay.megabytes.toFixed(0)} MB, ${f.yearReplay.rows.toLocaleString('en-US')} rows), the docs' Example 2 open loop every 5 min, click -> report: ${(f.yearReplay.ms / 1000).toFixed(2)} s`
  );
}

if (import.meta.main) console.log(await playgroundReport());
