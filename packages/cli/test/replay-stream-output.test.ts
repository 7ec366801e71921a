// `autoscale replay --format json|csv` writes the timeline as it goes (the report's chunks, one
// write each), and what it writes is exactly the pure renderers' text for the same replay: to
// stdout, to --out FILE, and beside an HTML page. The example week every 5 minutes makes a timeline
// of about two thousand rows, many chunks long.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CHARS, renderCsv, renderJson, renderText, replayFile, type RecordingReplay } from '@autoscale/replay';
import { cliArgs, REPO_ROOT, TempDir } from './run-cli.ts';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const WEEK = join(REPO_ROOT, 'examples/recordings/week.csv');
const FORMULA = 'pending-tasks.autoscale';
let replay: RecordingReplay;

/** The command's stdout, however long (the test helper's spawn stops at 1 MB). */
function stdoutOf(args: readonly string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, cliArgs(args), { cwd: tmp.dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout };
}

beforeAll(async () => {
  const text = readFileSync(join(REPO_ROOT, 'examples/formulas', FORMULA), 'utf8');
  tmp.file(FORMULA, text);
  const r = await replayFile(WEEK, [{ name: FORMULA, text }], { mode: 'open', interval: 5 * 60_000 }, {});
  if (!r.ok) throw new Error(r.errors.join('\n'));
  replay = r.replay;
});

describe('autoscale replay --format json|csv', () => {
  it('prints the renderers’ very text to stdout, many chunks long', () => {
    const json = stdoutOf(['replay', FORMULA, '-r', WEEK, '--interval', '5m', '--format', 'json']);
    expect(json.code).toBe(0);
    const expected = renderJson([replay], false);
    expect(expected.length).toBeGreaterThan(10 * CHUNK_CHARS);
    expect(json.stdout).toBe(expected);
    const csv = stdoutOf(['replay', FORMULA, '-r', WEEK, '--interval', '5m', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(renderCsv([replay]));
  });

  it('writes the same text to --out FILE, and prints it beside an HTML page', () => {
    const out = tmp.run(['replay', FORMULA, '-r', WEEK, '--interval', '5m', '--out', 'week.json']);
    expect(out).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(tmp.path('week.json'), 'utf8')).toBe(renderJson([replay], false));
    const page = stdoutOf(['replay', FORMULA, '-r', WEEK, '--interval', '5m', '--out', 'week.html', '--format', 'csv']);
    expect(page.code).toBe(0);
    expect(page.stdout).toBe(renderCsv([replay]));
    const text = tmp.run(['replay', FORMULA, '-r', WEEK, '--interval', '5m']);
    expect(text.stdout).toBe(renderText([replay], false));
  });
});
