// `npm run bench`: runs every benchmark and prints its figures with the target beside each.

import { benchCheck, benchEvaluate } from './core.bench.ts';

const fmt = (n: number, digits = 3) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

console.log(`Node ${process.version}, ${process.arch}`);
const check = benchCheck();
console.log(`check (parse + check) of a ${check.chars}-character, ${check.statements}-statement formula: median ${fmt(check.medianMs)} ms, p95 ${fmt(check.p95Ms)} ms   (target: median < 1 ms)`);
const evaluation = benchEvaluate();
console.log(
  `evaluate docs Example 2 over 30 days of 30-s samples (${fmt(evaluation.samples, 0)} samples, ${fmt(evaluation.evaluations, 0)} evaluations): ` +
    `${fmt(evaluation.perSecond, 0)} evaluations/s; with the results string built: ${fmt(evaluation.perSecondWithResults, 0)}/s   (target: >= 200,000/s)`,
);
