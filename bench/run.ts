// `npm run bench`: runs every benchmark and prints its figures with the target beside each.

import { benchCheck, benchEvaluate } from './core.bench.ts';
import { benchTesting } from './testing.bench.ts';
import { languageServiceReport } from './language-service.bench.ts';
import { lspReport } from './lsp.bench.ts';
import { benchReplay } from './replay.bench.ts';
import { benchReport } from './report.bench.ts';
import { playgroundReport } from './playground.bench.ts';
import { benchStartup } from './startup.bench.ts';
import { benchTune } from './tune.bench.ts';
import { benchFleet, fleetReport } from './fleet.bench.ts';

const fmt = (n: number, digits = 3) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

console.log(`Node ${process.version}, ${process.arch}`);
const startup = benchStartup();
if (startup === undefined) console.log('start-up of the published command: not built (npm run build)');
for (const f of startup ?? []) {
  const target = f.command.startsWith('check') ? '   (target: <= 3x node -e 0)' : '';
  console.log(
    `start-up of the published command, autoscale ${f.command}: median ${fmt(f.medianMs, 1)} ms; node -e 0 on the same Node: ${fmt(f.nodeMedianMs, 1)} ms; ratio ${fmt(f.ratio, 2)}x${target}`,
  );
}
const check = benchCheck();
console.log(
  `check (parse + check) of a ${check.chars}-character, ${check.statements}-statement formula: median ${fmt(check.medianMs)} ms, p95 ${fmt(check.p95Ms)} ms; ` +
    `anchors in the same run: one pass over its characters ${fmt(check.floorMedianMs, 4)} ms, the lexer alone ${fmt(check.lexMedianMs, 4)} ms ` +
    `(check = ${fmt(check.medianMs / check.floorMedianMs, 1)}x one pass)   (target: median <= 0.5 ms)`,
);
const evaluation = benchEvaluate();
console.log(
  `evaluate docs Example 2 over 30 days of 30-s samples (${fmt(evaluation.samples, 0)} samples, ${fmt(evaluation.evaluations, 0)} evaluations): ` +
    `${fmt(evaluation.perSecond, 0)} evaluations/s; with the results string built: ${fmt(evaluation.perSecondWithResults, 0)}/s; ` +
    `the anchor, Example 2 written by hand in TypeScript: ${fmt(evaluation.handWrittenPerSecond, 0)}/s (the evaluator at ${fmt(evaluation.handWrittenPerSecond / evaluation.perSecond, 1)}x its time)   ` +
    '(targets: >= 2,000,000/s; with results >= 1,000,000/s)',
);
const replay = await benchReplay();
console.log(
  `read a pool-year CSV (${fmt(replay.rows, 0)} rows of 30-s samples, 9 columns): a minimal byte-level read into Float64Array columns (the anchor) ${fmt(replay.baselineMs / 1000, 2)} s; ` +
    `the reader ${fmt(replay.readMs / 1000, 2)} s (${fmt(replay.readRssMb, 0)} MB), ${fmt(replay.readRatio, 2)}x the anchor   (target: <= 1.5x)`,
);
console.log(
  `replay it open loop every 5 min (${fmt(replay.evaluations, 0)} evaluations), text report: ${fmt(replay.replayMs / 1000, 2)} s, ${fmt(replay.replayRatio, 2)}x the anchor; ` +
    `peak RSS ${fmt(replay.replayRssMb, 0)} MB, median of the rounds (largest ${fmt(replay.replayRssMaxMb, 0)} MB; ${fmt(replay.replayStartRssMb, 0)} MB before reading), ${fmt(replay.replayRssMb / replay.columnsMb, 2)}x the ${fmt(replay.keptColumns - 1, 0)} kept columns' and timestamps' own ${fmt(replay.columnsMb, 0)} MB   (targets: <= 2x the anchor, <= 2x the columns)`,
);
console.log(
  `the same replay written as --format json: ${fmt(replay.jsonMs / 1000, 2)} s, ${fmt(replay.jsonRatio, 2)}x the text report (peak RSS ${fmt(replay.jsonRssMb, 0)} MB); ` +
    `--format csv: ${fmt(replay.csvMs / 1000, 2)} s, ${fmt(replay.csvRatio, 2)}x (${fmt(replay.csvRssMb, 0)} MB)   (target: json <= 1.25x text)`,
);
console.log(
  `  ${fmt(replay.repeatedShare * 100, 0)}% of those evaluations repeat the results before them (kept once); with results that never repeat ` +
    `(Example 2 and $now = time()): text ${fmt(replay.textUniqueMs / 1000, 2)} s, json ${fmt(replay.jsonUniqueMs / 1000, 2)} s, ${fmt(replay.jsonUniqueRatio, 2)}x`,
);
const report = await benchReport();
console.log(
  `HTML report of a year-long compare of three formulas (${fmt(report.evaluations, 0)} evaluations): ${fmt(report.sizeMb, 2)} MB; ` +
    (report.drawnMs === undefined
      ? 'Chromium not installed, not drawn'
      : `opened and every chart drawn in headless Chromium in ${fmt(report.drawnMs, 0)} ms, ` +
        `a click explained (the year's contexts inflated, three formulas evaluated with a trace) in ${fmt(report.explainedMs ?? Number.NaN, 0)} ms`) +
    '   (target: a few MB, under 1 s)',
);
for (const f of await benchTune())
  console.log(
    `tune on the example week (pending-tasks, maxNumberOfVMs), ${f.mode} loop, ${f.variants} variants, --jobs ${f.jobs}: ` +
      `${fmt(f.ms / 1000, 2)} s, ${fmt(f.perSecond, 1)} variants/s`,
  );
console.log(fleetReport(await benchFleet()));
console.log(languageServiceReport());
console.log(await lspReport());
console.log(await playgroundReport());
const testing = await benchTesting();
const promtool = testing.promtool;
console.log(
  `autoscale test: ${testing.tests} tests x ${fmt(testing.samplesPerTest, 0)} samples (24 h of 30-s samples, 3 metrics): in-process ${fmt(testing.inProcess.ms, 0)} ms (${testing.inProcess.passed} passed, ${testing.inProcess.failed} failed), ` +
    `spawned CLI ${fmt(testing.cli.ms, 0)} ms (exit ${testing.cli.exitCode}); ` +
    (promtool === undefined
      ? 'promtool not installed (apt-get install prometheus) — no comparison'
      : `promtool ${promtool.version} test rules: recording rule ${fmt(promtool.rule.ms, 0)} ms (exit ${promtool.rule.exitCode}), ratio ${fmt(promtool.rule.ms / testing.cli.ms, 1)}x; ` +
        `expression queried directly ${fmt(promtool.direct.ms, 0)} ms (exit ${promtool.direct.exitCode}), ratio ${fmt(promtool.direct.ms / testing.cli.ms, 1)}x`) +
    '   (target: faster than promtool)',
);
