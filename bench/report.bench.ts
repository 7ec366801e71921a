// Report benchmark (run by `npm run bench`): a year-long compare of three formulas, as
// `autoscale replay a b c --recording year.csv --compare --out report.html` writes it, on the
// replay benchmark's pool-year (1,051,200 rows of 30-s samples) open loop every 5 minutes: the
// page's size, and the time headless Chromium takes from opening the file to the last chart drawn.
// A screenshot of the page goes to test-results/bench/. Prints figures; asserts nothing (target:
// a few MB, drawn in under a second).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml, replayFile } from '@autoscale/replay';
import { hasChromium, launchBrowser } from '../test/e2e/support/browser.ts';
import { REPO_ROOT } from '../test/support/paths.ts';
import { BENCH_FORMULA, writeYear } from './replay.bench.ts';

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
}

export async function benchReport(): Promise<ReportBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-report-'));
  try {
    const year = join(dir, 'pool-year.csv');
    await writeYear(year);
    const r = await replayFile(year, FORMULAS, { mode: 'open', interval: 5 * 60_000 });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const page = renderHtml([r.replay], true);
    const file = join(dir, 'report.html');
    writeFileSync(file, page);
    const evaluations = r.replay.formulas.reduce((n, f) => n + f.summary.evaluations, 0);
    const sizeMb = Buffer.byteLength(page) / 1024 / 1024;
    if (!hasChromium()) return { evaluations, sizeMb, drawnMs: undefined };
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
      await tab.screenshot({ path: join(shots, 'year-compare-report.png'), fullPage: true });
      return { evaluations, sizeMb, drawnMs: Math.min(...times) };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
