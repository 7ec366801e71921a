// What the playground's downloadable HTML report inlines, exactly as `autoscale replay --out
// report.html` does: uPlot's IIFE build and stylesheet, its version, and the report's explain
// script (@autoscale/replay's dist/explain-page.js, built before the playground). Imported as
// text by Vite (`?raw`), so they load with the replay worker, never from the network.

import uplotStyle from 'uplot/dist/uPlot.min.css?raw';
import uplotScript from 'uplot/dist/uPlot.iife.min.js?raw';
import uplotPackage from 'uplot/package.json?raw';
import explainScript from '@autoscale/replay/explain-page.js?raw';
import type { ReportAssets } from '@autoscale/replay/browser';

export const REPORT_ASSETS: ReportAssets = {
  chart: { script: uplotScript, style: uplotStyle, version: (JSON.parse(uplotPackage) as { version: string }).version },
  explainScript,
};
