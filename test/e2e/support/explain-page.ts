// Driving a replay report's "explain any point" in Chromium: a plain click (no drag) at a share of
// a chart's width, and what the group's explain panel then shows, read back per formula. Shared
// by the replay explain test, the year-long report test and the installed-packages test.

import type { Page } from 'playwright-core';

export interface ExplainedFormula {
  formula: string;
  /** The results string, or the error line prefixed "error: ". */
  outcome: string;
  trace: string;
  context: Record<string, string>;
}

/** Clicks chart `chart` (in page order) at `share` of its width, half way down. */
export async function clickChart(page: Page, chart: number, share: number): Promise<void> {
  const over = page.locator('.chart .uplot .u-over').nth(chart);
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) throw new Error(`chart ${chart} has no drawing area`);
  await page.mouse.click(box.x + box.width * share, box.y + box.height / 2);
}

/** The explain panel `panel` (in page order) once it shows an evaluation: its title and each formula's block. */
export async function explained(page: Page, panel = 0): Promise<{ title: string; formulas: ExplainedFormula[] }> {
  const root = page.locator('.explain').nth(panel);
  await root.locator('.explained').first().waitFor({ timeout: 30_000 });
  const title = (await root.locator('.explain-title').textContent()) ?? '';
  const formulas = await root.locator('.explained').evaluateAll((blocks) =>
    blocks.map((b) => ({
      formula: b.querySelector('h4')?.textContent ?? '',
      outcome: b.querySelector('.explain-results code, .explain-error')?.textContent ?? '',
      trace: b.querySelector('.explain-trace')?.textContent ?? '',
      context: Object.fromEntries(
        Array.from(b.querySelectorAll('.explain-context tr')).map((tr) => [
          tr.querySelector('th')?.textContent ?? '',
          tr.querySelector('td')?.textContent ?? '',
        ]),
      ),
    })),
  );
  return { title, formulas };
}

/** The instant an explain title names ("Evaluation 12 at 2026-01-05T01:00:00Z, …"), ms since the epoch. */
export function explainedTime(title: string): number {
  const iso = /at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(title)?.[1];
  if (iso === undefined) throw new Error(`no instant in the explain title "${title}"`);
  return Date.parse(iso);
}
