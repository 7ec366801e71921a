// The `autoscale/evaluate` request against the command line: for the same formula and context the
// server must return exactly what `autoscale explain` prints (trace lines, then the results string
// or the error) and, for a bad context file, the lines `autoscale eval` reports on stderr.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula, makeContext } from '@autoscale/core';
import { MAX_ANALYZED_LENGTH } from '@autoscale/language-service';
import { EVALUATE_REQUEST, type EvaluateResponse } from '@autoscale/lsp-server';
import { CONTEXT, TempDir } from '../../cli/test/run-cli.ts';
import { LspProcess } from './lsp-client.ts';

const FORMULA = `// Scale on pending tasks
$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 10);
$tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 10)));
$TargetDedicatedNodes = min(20, $tasks);
$NodeDeallocationOption = taskcompletion;
`;

/** Needs 70% of five minutes of samples, so it fails in the default context, which has none. */
const NEEDS_SAMPLES = `$cap = 10;
$busy = $PendingTasks.GetSample(TimeInterval_Minute * 5, 70);
$TargetDedicatedNodes = min($cap, max($busy));
`;

const BAD_CONTEXT = JSON.stringify(
  { now: 'yesterday', pool: { currentDedicatedNodes: -1 }, metrics: { $PendingTask: { values: '1 2 3' } } },
  null,
  2,
);

let server: LspProcess;
const dir = new TempDir();
let count = 0;

async function evaluate(text: string, context?: { text: string; name: string }): Promise<EvaluateResponse> {
  const uri = `file:///work/eval${++count}.autoscale`;
  await server.open(uri, text);
  const params = context ? { uri, contextText: context.text, contextName: context.name } : { uri };
  return server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, params);
}

/** `head` then comment lines up to exactly `length` characters. */
function padded(head: string, length: number): string {
  const text = head + '// padding\n'.repeat(Math.ceil(length / 11));
  return text.slice(0, length);
}

/** What `autoscale explain` prints, as the response would carry it. */
function explain(text: string, contextFile?: string): string[] {
  dir.file('formula.autoscale', text);
  const run = dir.run(
    contextFile === undefined
      ? ['explain', 'formula.autoscale']
      : ['explain', 'formula.autoscale', '--context', contextFile],
  );
  return run.stdout.trimEnd().split('\n');
}

/** Core's results string in a default context (for formulas that do not read the clock). */
function defaultResults(text: string): string {
  return compileFormula(text).evaluate(makeContext({ now: Date.now() })).results;
}

function asExplainLines(response: EvaluateResponse): string[] {
  const last = response.error
    ? `error: ${response.error.code}: ${response.error.values.map((v) => v.value).join('; ')}`
    : `results: ${response.results}`;
  return [...response.trace, last];
}

beforeAll(async () => {
  server = new LspProcess();
  await server.initialize();
});

afterAll(() => {
  server.kill();
  dir.remove();
});

describe('autoscale/evaluate', () => {
  it('evaluates in the default context (now, empty pool, no samples) as `autoscale explain` does', async () => {
    const response = await evaluate(FORMULA);
    expect(response).toMatchObject({ contextErrors: [], error: null });
    expect(response.results).toMatch(/^\$TargetDedicatedNodes=0;/);
    expect(response.trace.length).toBe(4);
    expect(asExplainLines(response)).toEqual(explain(FORMULA));
  });

  it("returns the service's error with the failed and not-run statements, as `autoscale explain` does", async () => {
    const response = await evaluate(NEEDS_SAMPLES);
    expect(response.error?.code).toBe('InsufficientSampleData');
    // The service returns the pool's unchanged targets beside the error, as `autoscale eval` prints.
    expect(response.results).toBe(defaultResults(NEEDS_SAMPLES));
    expect(response.results).toMatch(/^\$TargetDedicatedNodes=0;/);
    expect(response.trace).toEqual([
      expect.stringContaining('$cap = 10'),
      expect.stringContaining('failed: Line 2, Col'),
      expect.stringContaining('not run'),
    ]);
    expect(asExplainLines(response)).toEqual(explain(NEEDS_SAMPLES));
  });

  it("evaluates with a context file's text as `autoscale explain --context` does", async () => {
    dir.file('busy.json', CONTEXT);
    const response = await evaluate(FORMULA, { text: CONTEXT, name: 'busy.json' });
    expect(response.contextErrors).toEqual([]);
    expect(response.error).toBeNull();
    expect(response.results).toMatch(/^\$TargetDedicatedNodes=\d+;/);
    expect(asExplainLines(response)).toEqual(explain(FORMULA, 'busy.json'));
  });

  it('reports every problem of a bad context file as `file:line:col` lines, as `autoscale eval` does, and evaluates nothing', async () => {
    dir.file('bad.json', BAD_CONTEXT);
    const response = await evaluate(FORMULA, { text: BAD_CONTEXT, name: 'bad.json' });
    const cli = dir.run(['eval', 'formula.autoscale', '--context', 'bad.json']);
    expect(cli.code).toBe(2);
    expect(response.contextErrors.length).toBeGreaterThanOrEqual(3);
    expect(response.contextErrors).toEqual(cli.stderr.trimEnd().split('\n'));
    expect(response).toMatchObject({ results: '', error: null, trace: [] });
  });

  it('answers for a context text that is not JSON at all', async () => {
    const response = await evaluate(FORMULA, { text: '\u0000\u0001 not json', name: 'junk.json' });
    expect(response.contextErrors.length).toBeGreaterThan(0);
    expect(response.contextErrors[0]).toMatch(/^junk\.json:1:\d+: /);
  });

  it("returns the service's syntax error and no trace for a formula that does not parse", async () => {
    const broken = '$TargetDedicatedNodes = (1;';
    const response = await evaluate(broken);
    expect(response.error?.code).toBe('AutoScalingFormulaSyntaxError');
    expect(response.results).toBe(defaultResults(broken));
    expect(response.trace).toEqual([]);
    expect(asExplainLines(response)).toEqual(explain(broken));
  });

  it("returns the service's too-long error for a document far over the limit", async () => {
    const long = `$x = 1;\n${'// padding\n'.repeat(10_000)}`;
    const response = await evaluate(long);
    expect(response.error?.code).toBe('AutoScaleFormulaTooLong');
    expect(response.results).toBe(defaultResults(long));
    expect(response.error?.values[0]?.value).toMatch(/^Line \d+, Col \d+: /);
    expect(response.trace).toEqual([]);
  });

  // A syntax error on the first line tells whether the text was parsed: the core reports the first
  // error by position, so a parsed text answers AutoScalingFormulaSyntaxError; a refused one
  // answers the service's AutoScaleFormulaTooLong, as the language service reports only AS1009.
  const BROKEN_HEAD = '$TargetDedicatedNodes = (1;\n';

  it("refuses a document over the language service's limit without parsing it: the service's too-long error and the pool unchanged", async () => {
    const long = padded(BROKEN_HEAD, MAX_ANALYZED_LENGTH + 1);
    const response = await evaluate(long);
    expect(response.error?.code).toBe('AutoScaleFormulaTooLong');
    expect(response.error?.values[0]?.value).toMatch(
      new RegExp(`^Line \\d+, Col \\d+: Formula is ${MAX_ANALYZED_LENGTH + 1} characters long`),
    );
    // The results string the service returns beside an error: the pool's targets, unchanged.
    expect(response.results).toBe(defaultResults('$TargetDedicatedNodes = (1;'));
    expect(response).toMatchObject({ trace: [], contextErrors: [] });
  });

  it("still evaluates a document of exactly the language service's limit (the core reports its first error)", async () => {
    const atLimit = padded(BROKEN_HEAD, MAX_ANALYZED_LENGTH);
    expect(atLimit.length).toBe(MAX_ANALYZED_LENGTH);
    const response = await evaluate(atLimit);
    expect(response.error?.code).toBe('AutoScalingFormulaSyntaxError');
    expect(response.results).toBe(defaultResults(atLimit));
  });

  it('reports a bad context before refusing a document that is too long', async () => {
    const response = await evaluate(padded(BROKEN_HEAD, MAX_ANALYZED_LENGTH + 1), {
      text: BAD_CONTEXT,
      name: 'bad.json',
    });
    expect(response.contextErrors.length).toBeGreaterThanOrEqual(3);
    expect(response).toMatchObject({ results: '', error: null, trace: [] });
  });

  it('answers at once for a 5 MB document (parsing it took seconds and hundreds of megabytes)', async () => {
    const uri = `file:///work/eval${++count}.autoscale`;
    const from = server.published.length;
    // One long line, as minified junk would be: the time below is then the evaluation's, not the
    // line count of the text that every feature pays for the document.
    await server.open(uri, `$TargetDedicatedNodes = 1; ${'$x = max(1, 2) * 3; '.repeat(250_000)}`);
    // Wait for the diagnostics, so the time below is the evaluation's alone.
    expect((await server.diagnostics(uri, () => true, from)).diagnostics.map((d) => d.code)).toEqual(['AS1009']);
    const started = performance.now();
    const response = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri });
    const elapsed = performance.now() - started;
    expect(response.error?.code).toBe('AutoScaleFormulaTooLong');
    // Refusing is a line count of the text (a few milliseconds); parsing it took 3 to 4 seconds.
    expect(elapsed).toBeLessThan(1000);
  });
});
