// The server under abuse, as a separate process: a burst of 500 edits, a 1 MB document, binary
// junk, malformed messages and unknown methods. Each must get an answer or an error, the process
// must stay alive and answer the next request, and it must end with the right exit code.
// Also: a client without workspace/configuration gets defaults and can push settings.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { LanguageService } from '@autoscale/language-service';
import { DIAGNOSTICS_THROTTLE_MS, EVALUATE_REQUEST } from '@autoscale/lsp-server';
import { run } from '../../cli/test/run-cli.ts';
import { LspProcess, sleep } from './lsp-client.ts';

const service = new LanguageService();
let server: LspProcess;

beforeAll(async () => {
  server = new LspProcess();
  // No capabilities at all: no configuration pulls, no snippets, flat symbols.
  await server.initialize({});
});

afterAll(() => server.kill());

/** Every position-based request there is, at `position`; resolves when all have answered or failed. */
async function askEverything(uri: string, position: Position): Promise<number> {
  const textDocument = { uri };
  const range = { start: { line: 0, character: 0 }, end: position };
  const requests: Array<Promise<unknown>> = [
    server.connection.sendRequest(HoverRequest.type, { textDocument, position }),
    server.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
    server.connection.sendRequest(SignatureHelpRequest.type, { textDocument, position }),
    server.connection.sendRequest(ReferencesRequest.type, {
      textDocument,
      position,
      context: { includeDeclaration: true },
    }),
    server.connection.sendRequest(RenameRequest.type, { textDocument, position, newName: 'renamed' }),
    server.connection.sendRequest(SemanticTokensRequest.type, { textDocument }),
    server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
    server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument,
      options: { tabSize: 2, insertSpaces: true },
    }),
    server.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }),
    server.connection.sendRequest(InlayHintRequest.type, { textDocument, range }),
    server.connection.sendRequest(CodeLensRequest.type, { textDocument }),
    server.connection.sendRequest(EVALUATE_REQUEST, { uri }),
  ];
  const settled = await Promise.allSettled(requests);
  // Rename may be refused (an error answer); nothing else should fail on any text.
  return settled.filter((s, i) => s.status === 'rejected' && i !== 4).length;
}

async function stillAnswers(): Promise<void> {
  const uri = `file:///alive-${Math.random()}.autoscale`;
  const text = '$TargetDedicatedNodes = $PendingTasks;';
  await server.open(uri, text);
  const hover = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: 27 },
  });
  expect(hover?.range).toEqual({ start: { line: 0, character: 24 }, end: { line: 0, character: 37 } });
  expect(server.child.exitCode).toBeNull();
}

describe('robustness of autoscale lsp --stdio', () => {
  it('ends 500 rapid edits with the diagnostics of the final text, and never publishes an older text after it', async () => {
    const uri = 'file:///burst.autoscale';
    const texts = new Map<number, string>([[1, '$TargetDedicatedNodes = 1;']]);
    for (let version = 2; version <= 501; version++)
      texts.set(
        version,
        version === 501
          ? '$TargetDedicatedNodes = $final;'
          : `$TargetDedicatedNodes = ${version};\n$x${version} = 'q';`,
      );
    const from = server.published.length;
    await server.open(uri, texts.get(1) as string);
    await Promise.all([...texts].filter(([v]) => v > 1).map(([version, text]) => server.change(uri, text, version)));
    const final = await server.diagnostics(uri, (p) => p.version === 501, from);
    expect(final.diagnostics.map((d) => [d.code, JSON.stringify(d.message).includes('$final')])).toEqual([
      ['AS2001', true],
    ]);
    await sleep(DIAGNOSTICS_THROTTLE_MS * 4);
    const mine = server.published.slice(from).filter((p) => p.uri === uri);
    expect(mine[mine.length - 1]?.version).toBe(501);
    // Versions only go up, each publication matches its own text, and the burst was coalesced.
    const versions = mine.map((p) => p.version as number);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(mine.length).toBeLessThan(100);
    for (const p of mine)
      expect(
        p.diagnostics.map((d) => d.code),
        `version ${p.version}`,
      ).toEqual(service.diagnostics(texts.get(p.version as number) as string).map((d) => d.code));
  });

  it('answers every request on a 1 MB document, reports it too long, and recovers when it shrinks', async () => {
    const uri = 'file:///huge.autoscale';
    const line = '$tasks = max(0, $PendingTasks.GetSample(TimeInterval_Minute * 5));\n';
    const huge = line.repeat(Math.ceil(1_048_576 / line.length));
    const from = server.published.length;
    await server.open(uri, huge);
    const published = await server.diagnostics(uri, () => true, from);
    expect(published.diagnostics.map((d) => d.code)).toEqual(['AS1009']);
    expect(await askEverything(uri, { line: 5000, character: 20 })).toBe(0);
    await server.change(uri, '$TargetDedicatedNodes = $nope;', 2);
    expect((await server.diagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.code)).toEqual(['AS2001']);
    await stillAnswers();
  });

  it('answers every request on a 5 MB document at once: nothing parses a text over the analysis limit', async () => {
    const uri = 'file:///five-megabytes.autoscale';
    // 250,000 short LF lines: the line map every feature shares was once quadratic in them (17 s).
    const text = `$TargetDedicatedNodes = 1;\n${'$x = max(1, 2) * 3;\n'.repeat(250_000)}`;
    expect(text.length).toBeGreaterThan(5_000_000);
    const from = server.published.length;
    await server.open(uri, text);
    expect((await server.diagnostics(uri, () => true, from)).diagnostics.map((d) => d.code)).toEqual(['AS1009']);
    // Each of the 13 requests is a lookup in the snapshot; evaluating used to parse the text (seconds).
    expect(await askEverything(uri, { line: 125_000, character: 5 })).toBe(0);
    await server.close(uri);
  });

  it('answers every request on binary junk, at positions inside and far outside the text', async () => {
    const uri = 'file:///junk.autoscale';
    // Deterministic junk over all UTF-16 code units: NULs, control characters, lone surrogates.
    let seed = 42;
    const junk = Array.from({ length: 6000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(seed % 0x10000);
    }).join('');
    const from = server.published.length;
    await server.open(uri, junk);
    const published = await server.diagnostics(uri, () => true, from);
    expect(published.diagnostics.length).toBeGreaterThan(0);
    for (const position of [
      { line: 0, character: 0 },
      { line: 0, character: 3000 },
      { line: 10_000, character: 10_000 },
      { line: -1, character: -5 },
    ]) {
      expect(await askEverything(uri, position), JSON.stringify(position)).toBe(0);
    }
    await stillAnswers();
  });

  it('answers unknown methods with MethodNotFound, malformed params with an error, and survives malformed frames', async () => {
    await expect(server.connection.sendRequest('autoscale/nonsense', { a: 1 })).rejects.toMatchObject({ code: -32601 });
    await server.connection.sendNotification('autoscale/nonsense', { a: 1 });
    await expect(server.connection.sendRequest(HoverRequest.type.method, { position: 'here' })).rejects.toBeDefined();
    await expect(server.connection.sendRequest(EVALUATE_REQUEST, null)).rejects.toMatchObject({ code: -32602 });
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 42 } });
    await server.connection.sendNotification('textDocument/didChange', { contentChanges: 'all of it' });
    await server.connection.sendNotification('workspace/didChangeConfiguration', 'not an object');
    // Bytes no client should send: a body that is not JSON, and a JSON body that is no message.
    server.child.stdin?.write('Content-Length: 5\r\n\r\n{bad}');
    server.child.stdin?.write('Content-Length: 2\r\n\r\n[]');
    await stillAnswers();
  });

  it('answers requests about documents that are not open with nothing', async () => {
    const textDocument = { uri: 'file:///never-opened.autoscale' };
    expect(
      await server.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 0, character: 0 } }),
    ).toBeNull();
    expect(await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument })).toEqual({ data: [] });
  });
});

describe('a client without workspace/configuration', () => {
  it('gets the defaults (lint on) and can push settings in didChangeConfiguration', async () => {
    const uri = 'file:///pushed.autoscale';
    const text = '$x = $PendingTasks.GetSample(1);\n$TargetDedicatedNodes = $x;';
    let from = server.published.length;
    await server.open(uri, text);
    const before = await server.diagnostics(uri, () => true, from);
    expect(before.diagnostics.some((d) => String(d.code).startsWith('AS4'))).toBe(true);
    expect(server.serverRequests).not.toContain('workspace/configuration');
    from = server.published.length;
    await server.configurationChanged({ batchAutoscale: { diagnostics: { lint: false } } });
    const after = await server.diagnostics(uri, () => true, from);
    expect(after.diagnostics.filter((d) => String(d.code).startsWith('AS4'))).toEqual([]);
    await server.configurationChanged({ batchAutoscale: { diagnostics: { lint: 'yes please' } } });
    await stillAnswers();
    expect(server.logs.some((l) => l.includes('batchAutoscale.diagnostics.lint must be true or false'))).toBe(true);
  });

  it('answers in forms a client without snippets, label offsets or hierarchical symbols can display', async () => {
    const uri = 'file:///bare.autoscale';
    const text = '$x = 1;\n$TargetDedicatedNodes = ma';
    await server.open(uri, text);
    const list = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 26 },
    })) as CompletionList;
    const max = list.items.find((i) => i.label === 'max');
    expect(max?.insertTextFormat).toBe(1);
    expect(max?.textEdit?.newText).toMatch(/^max\(/);
    expect(list.items.every((i) => i.insertTextFormat === 1 && !/\$\{\d|\$\d/.test(i.textEdit?.newText ?? ''))).toBe(
      true,
    );
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    expect(symbols?.[0]).toMatchObject({ name: '$x', location: { uri, range: { start: { line: 0, character: 0 } } } });
    const help = await server.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    expect(help).toBeNull();
    const call = '$y = max(1, 2';
    await server.change(uri, call, 2);
    const inCall = await server.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: call.length },
    });
    expect(inCall?.signatures[0]?.parameters?.every((p) => typeof p.label === 'string')).toBe(true);
  });

  it('ends with exit code 0 after shutdown and exit', async () => {
    expect(await server.shutdown()).toBe(0);
  });
});

describe('a client that goes away', () => {
  it('ends the server (exit code 1, no shutdown) when stdin closes', async () => {
    const orphan = new LspProcess();
    await orphan.initialize({});
    orphan.child.stdin?.end();
    expect((await orphan.exited).code).toBe(1);
    orphan.kill();
  });
});

describe('the lsp command line', () => {
  it('refuses to start without --stdio (exit 2) and documents itself in --help', () => {
    const bare = run(['lsp']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("required option '--stdio'");
    expect(bare.stdout).toBe('');
    const help = run(['lsp', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0 {2}the editor sent shutdown[\s\S]*Example/);
  });
});
