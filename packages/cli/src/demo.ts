// The repository's demo, what `npm start` runs (node packages/cli/src/demo.ts): checks and
// evaluates every example formula, examples/formulas/NAME.autoscale, with
// examples/contexts/NAME.json when there is one; then replays them all on the example week
// (examples/recordings/week.csv), open and closed loop, prints the summaries and writes the HTML
// report to examples/out/report.html. It reads the repository's examples/, so it is not part of
// the published `autoscale` command.

import { mkdir, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFormula, compileFormula, hasErrors, makeContext, serviceErrorLine } from '@autoscale/core';
import {
  renderHtml,
  renderText,
  replayFile,
  writeOutputFile,
  type FormulaSource,
  type RecordingReplay,
} from '@autoscale/replay';
import { fileErrorReason } from '@autoscale/node-io';
import { summaryLine } from './code-frame.ts';
import { loadContext } from './evaluation.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, nodeIo, SourceReader, type CliIo } from './io.ts';

/** The repository root, found from this file's place in packages/cli/src/. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Without a context file an example is evaluated at this instant (a Monday), default pool, no metrics. */
export const DEMO_INSTANT = Date.UTC(2026, 0, 5, 10, 0, 0);

export async function runDemo(io: CliIo): Promise<number> {
  const formulas = join(REPO_ROOT, 'examples', 'formulas');
  let names: string[];
  try {
    names = (await readdir(formulas)).filter((n) => n.endsWith('.autoscale')).sort();
  } catch (err) {
    io.stderr(`autoscale: cannot read ${formulas}: ${fileErrorReason(err)}\n`);
    return EXIT_USAGE;
  }
  const reader = new SourceReader(io);
  const sources: FormulaSource[] = [];
  let code = EXIT_OK;
  for (const name of names) {
    const formula = await reader.read(join(formulas, name), 'formula');
    if (formula === undefined) return EXIT_USAGE;
    const contextFile = join(REPO_ROOT, 'examples', 'contexts', `${name.slice(0, -'.autoscale'.length)}.json`);
    let context = makeContext({ now: DEMO_INSTANT });
    let contextLabel = 'default context at 2026-01-05T10:00:00Z';
    if (existsSync(contextFile)) {
      const source = await reader.read(contextFile, 'context');
      const loaded =
        source === undefined ? undefined : loadContext({ ...source, name: relative(REPO_ROOT, contextFile) }, {}, io);
      if (loaded === undefined) return EXIT_USAGE;
      context = loaded;
      contextLabel = `context ${relative(REPO_ROOT, contextFile)}`;
    }
    const analysis = analyzeFormula(formula.text);
    const result = compileFormula(formula.text, analysis.parsed).evaluate(context);
    io.stdout(
      `${relative(REPO_ROOT, join(formulas, name))}: ${summaryLine(analysis.diagnostics, 1).replace(/ in 1 file$/, '')} (${contextLabel})\n`,
    );
    io.stdout(`  ${result.results}\n`);
    if (result.error) io.stdout(`  ${serviceErrorLine(result.error)}\n`);
    if (hasErrors(analysis.diagnostics) || !result.ok) code = EXIT_FAILURE;
    sources.push({ name, text: formula.text });
  }
  const replayed = await replayExamples(sources, io);
  return replayed === EXIT_OK ? code : replayed;
}

/** The example week, replayed open and closed loop with every example formula side by side. */
async function replayExamples(sources: FormulaSource[], io: CliIo): Promise<number> {
  const recording = join(REPO_ROOT, 'examples', 'recordings', 'week.csv');
  const out = join(REPO_ROOT, 'examples', 'out', 'report.html');
  const replays: RecordingReplay[] = [];
  for (const mode of ['open', 'closed'] as const) {
    const outcome = await replayFile(recording, sources, { mode }, { buildResults: false });
    if (!outcome.ok) {
      for (const e of outcome.errors) io.stderr(`${e}\n`);
      return EXIT_USAGE;
    }
    replays.push({ ...outcome.replay, recording: relative(REPO_ROOT, recording) });
  }
  io.stdout(`\n${renderText(replays, true)}`);
  try {
    await mkdir(join(REPO_ROOT, 'examples', 'out'), { recursive: true });
    await writeOutputFile(out, renderHtml(replays, true));
  } catch (err) {
    io.stderr(`autoscale: cannot write ${relative(REPO_ROOT, out)}: ${fileErrorReason(err)}\n`);
    return EXIT_USAGE;
  }
  io.stdout(`\nHTML report: ${relative(REPO_ROOT, out)} (open it in a browser; it needs no network)\n`);
  io.stdout(`Try a formula in the browser: npx autoscale playground\n`);
  return EXIT_OK;
}

if (import.meta.main) process.exitCode = await runDemo(nodeIo());
