// Report benchmark (run by `npm run bench`): a year-long compare of three formulas, as
// `autoscale replay a b c --recording year.csv --compare --out report.html` writes it (every
// evaluation's context kept, so that any point can be explained in the page), on a noisy seeded
// pool-year (1,051,200 rows of 30-s samples, test/e2e/support/year-recording.ts) open loop every
// 5 minutes: the page's size, the time headless Chromium takes from opening the file to the last
// chart drawn, and from a click on a chart to that evaluation explained (the first click inflates
// the year's contexts). A screenshot of the page goes to test-results/bench/. Prints figures;
// asserts nothing (target: a few MB, drawn in under a second).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml, replayFile } from '@autoscale/replay';
import { hasChromium, launchBrowser } from '../test/e2e/support/browser.ts';
import { REPO_ROOT } from '../test/support/paths.ts';
import { clickChart } from '../test/e2e/support/explain-page.ts';
import { writeYearRecording } from '../test/e2e/support/year-recording.ts';
import { BENCH_FORMULA } from './replay.bench.ts';

/** Three formulas to compare: the docs' Example 2 and two variants of it with other caps. */
const FORMULAS = [
  { name: 'example-2.autoscale', text: BENCH_FORMULA },
  { name: 'half.autoscale', text: `${BENCH_FORMULA}\n$TargetDedicatedNodes = $TargetDedicatedNodes / 2;` },
  { name: 'capped.autoscale', text: `${BENCH_FORMULA}\n$TargetDedicatedNodes = min(8, $TargetDedicatedNodes);` },
];

export interface ReportBenchFigures {
  evaluations: number;
  sizeMb: number;
  /** From navigation to every chart drawn, best of three loads; undefined without Chromium. */
  drawnMs: number | undefined;
  /** From the first click on a chart to its evaluations explained; undefined without Chromium. */
  explainedMs: number | undefined;
}

export async function benchReport(): Promise<ReportBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-report-'));
  try {
    const year = join(dir, 'pool-year.csv');
    await writeYearRecording(year);
    const r = await replayFile(year, FORMULAS, { mode: 'open', interval: 5 * 60_000 }, { keepContexts: true });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const page = renderHtml([r.replay], true);
    const file = join(dir, 'report.html');
    writeFileSync(file, page);
    const evaluations = r.replay.formulas.reduce((n, f) => n + f.summary.evaluations, 0);
    const sizeMb = Buffer.byteLength(page) / 1024 / 1024;
    if (!hasChromium()) return { evaluations, sizeMb, drawnMs: undefined, explainedMs: undefined };
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await tab.goto(pathToFileURL(file).href);
        // Compare mode: one group of three charts (demand, targets, nodes).
        await tab.waitForFunction(() => document.querySelectorAll('.uplot canvas').length >= 3);
        times.push(performance.now() - t0);
      }
      const shots = join(REPO_ROOT, 'test-results', 'bench');
      mkdirSync(shots, { recursive: true });
      const t0 = performance.now();
      await clickChart(tab, 1, 0.6);
      await tab.locator('.explained').first().waitFor();
      const explainedMs = performance.now() - t0;
      await tab.screenshot({ path: join(shots, 'year-compare-report.png'), fullPage: true });
      return { evaluations, sizeMb, drawnMs: Math.min(...times), explainedMs };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
