// Language server benchmark (run by `npm run bench`): the real `autoscale lsp --stdio` in a child
// process, an 8 KB formula open, and the time from sending didChange to receiving the matching
// publishDiagnostics, and from sending a completion request to its answer, over stdio.
// Prints figures; asserts nothing (targets are judged by reading them, never by a timed test).

import { CompletionRequest, type CompletionList, type Position } from 'vscode-languageserver-protocol/node';
import { DIAGNOSTICS_THROTTLE_MS } from '@autoscale/lsp-server';
import { EDITOR_CAPABILITIES, LspProcess, sleep } from '../packages/lsp-server/test/lsp-client.ts';
import { largeFormula } from './core.bench.ts';
import { percentile } from './stats.ts';

export interface LspBenchFigures {
  chars: number;
  edits: number;
  /** Edits are sent this far apart (a fast typist), so each finds the document quiet. */
  paceMs: number;
  diagnostics: { medianMs: number; p95Ms: number };
  /** Edits sent back to back: from the last one to its diagnostics (the throttle coalesces the rest). */
  burst: { size: number; medianMs: number; p95Ms: number; publicationsPerBurst: number };
  completion: { requests: number; medianMs: number; p95Ms: number; items: number };
  throttleMs: number;
}

/** The formula with its last statement reading `$tasks<d>` and `cap<d>`: every variant has the same length. */
function variant(base: string, d: number): string {
  return base.replace('min($tasks0, cap0)', `min($tasks${d}, cap${d})`);
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
}

export async function benchLsp(edits = 200, completions = 200): Promise<LspBenchFigures> {
  const base = largeFormula();
  const uri = 'file:///bench/large.autoscale';
  const server = new LspProcess();
  try {
    await server.initialize(EDITOR_CAPABILITIES);
    await server.open(uri, base);
    await server.diagnostics(uri);
    let version = 1;
    const paceMs = DIAGNOSTICS_THROTTLE_MS + 5;

    /** Sends one edit and returns the milliseconds until its diagnostics arrive. */
    const edit = async (): Promise<number> => {
      version++;
      const from = server.published.length;
      const sent = performance.now();
      await server.change(uri, variant(base, version % 10), version);
      const target = version;
      const p = await server.diagnostics(uri, (d) => d.version === target, from);
      return p.at - sent;
    };

    const diagnosticTimes: number[] = [];
    for (let i = 0; i < edits + 20; i++) {
      const started = performance.now();
      const ms = await edit();
      if (i >= 20) diagnosticTimes.push(ms); // the first 20 warm up the server's JIT
      await sleep(Math.max(0, paceMs - (performance.now() - started)));
    }

    const burstSize = 20;
    const burstTimes: number[] = [];
    let publications = 0;
    for (let b = 0; b < 20; b++) {
      const from = server.published.length;
      for (let i = 0; i < burstSize - 1; i++) void server.change(uri, variant(base, ++version % 10), version);
      burstTimes.push(await edit());
      publications += server.published.slice(from).filter((p) => p.uri === uri).length;
      await sleep(paceMs);
    }

    const offsets = [base.indexOf('$PendingTasks.') + '$PendingTasks.'.length, base.indexOf('max($') + 'max($'.length];
    const current = variant(base, version % 10);
    const completionTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < completions + 20; i++) {
      const position = positionAt(current, offsets[i % 2] as number);
      const sent = performance.now();
      const list = (await server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position,
      })) as CompletionList;
      if (i >= 20) completionTimes.push(performance.now() - sent);
      items = Math.max(items, list.items.length);
    }
    await server.shutdown();
    return {
      chars: base.length,
      edits,
      paceMs,
      diagnostics: { medianMs: percentile(diagnosticTimes, 50), p95Ms: percentile(diagnosticTimes, 95) },
      burst: {
        size: burstSize,
        medianMs: percentile(burstTimes, 50),
        p95Ms: percentile(burstTimes, 95),
        publicationsPerBurst: publications / 20,
      },
      completion: {
        requests: completions,
        medianMs: percentile(completionTimes, 50),
        p95Ms: percentile(completionTimes, 95),
        items,
      },
      throttleMs: DIAGNOSTICS_THROTTLE_MS,
    };
  } finally {
    server.kill();
  }
}

/** One line for `npm run bench`. */
export async function lspReport(): Promise<string> {
  const f = await benchLsp();
  const ms = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return (
    `language server over stdio, ${f.chars}-character formula: didChange -> publishDiagnostics median ${ms(f.diagnostics.medianMs)} ms, p95 ${ms(f.diagnostics.p95Ms)} ms ` +
    `(${f.edits} edits, one per ${f.paceMs} ms); bursts of ${f.burst.size} edits sent at once: last edit -> its diagnostics median ${ms(f.burst.medianMs)} ms, p95 ${ms(f.burst.p95Ms)} ms ` +
    `(${ms(f.burst.publicationsPerBurst)} publications per burst; throttle ${f.throttleMs} ms); ` +
    `completion median ${ms(f.completion.medianMs)} ms, p95 ${ms(f.completion.p95Ms)} ms (${f.completion.requests} requests, up to ${f.completion.items} items)   (target: median < 10 ms)`
  );
}
