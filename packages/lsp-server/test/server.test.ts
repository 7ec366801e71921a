// The language server as an editor meets it: `autoscale lsp --stdio` in a child process, driven
// over JSON-RPC by vscode-languageserver-protocol's client. Each feature is checked end to end
// against what the language service, core or the CLI computes for the same text, with positions
// counted independently here (lines split by hand) so conversion mistakes cannot cancel out.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { formatFormula, registry } from '@autoscale/core';
import { LanguageService, SEMANTIC_TOKENS_LEGEND } from '@autoscale/language-service';
import { EVALUATE_COMMAND, EVALUATE_REQUEST, type EvaluateResponse } from '@autoscale/lsp-server';
import { LspProcess } from './lsp-client.ts';

/** The LSP position of the `occurrence`-th `needle` in `text` (plus `shift` characters), counted by hand. */
function positionOf(text: string, needle: string, shift = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
}

function rangeOf(text: string, needle: string, occurrence = 1): Range {
  return { start: positionOf(text, needle, 0, occurrence), end: positionOf(text, needle, needle.length, occurrence) };
}

/** Applies LSP edits by hand (positions to offsets over `\n` lines), last edit first. */
function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Position) => (lineStarts[p.line] as number) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const service = new LanguageService();
let server: LspProcess;
let documentCount = 0;

/** Opens a new document and waits for its first diagnostics. */
async function openDocument(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///work/doc${++documentCount}.autoscale`;
  const from = server.published.length;
  await server.open(uri, text);
  return { uri, diagnostics: (await server.diagnostics(uri, () => true, from)).diagnostics };
}

beforeAll(async () => {
  server = new LspProcess();
});

afterAll(() => server.kill());

describe('autoscale lsp --stdio', () => {
  it('initializes and advertises every feature, in the forms the client said it supports', async () => {
    const { capabilities, serverInfo } = await server.initialize();
    expect(serverInfo?.name).toBe('autoscale-lsp');
    expect(capabilities.textDocumentSync).toEqual({ openClose: true, change: 1 });
    expect(capabilities.completionProvider?.triggerCharacters).toEqual(['$', '.']);
    expect(capabilities.signatureHelpProvider?.triggerCharacters).toEqual(['(', ',']);
    expect(capabilities.renameProvider).toEqual({ prepareProvider: true });
    expect(capabilities.semanticTokensProvider).toEqual({
      legend: {
        tokenTypes: [...SEMANTIC_TOKENS_LEGEND.tokenTypes],
        tokenModifiers: [...SEMANTIC_TOKENS_LEGEND.tokenModifiers],
      },
      full: true,
      range: true,
    });
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll'] });
    for (const key of [
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'documentFormattingProvider',
      'inlayHintProvider',
      'codeLensProvider',
    ] as const) {
      expect(capabilities[key], key).toBeTruthy();
    }
    // The extension registers batchAutoscale.evaluate itself; a second registration would fail.
    expect(capabilities.executeCommandProvider).toBeUndefined();
  });

  it('publishes diagnostics on open with the right codes, ranges, severities and versions', async () => {
    const text = "$x = $PendingTasks.GetSample(1);\n$y = 'a'\n$TargetDedicatedNodes = $Pendingtasks;\n";
    const { diagnostics } = await openDocument(text);
    expect(diagnostics.map((d) => d.code)).toEqual(service.diagnostics(text).map((d) => d.code));
    const byCode = new Map(diagnostics.map((d) => [d.code, d]));
    expect(byCode.get('AS2001')?.range).toEqual(rangeOf(text, '$Pendingtasks'));
    expect(byCode.get('AS2001')).toMatchObject({ severity: 1, source: 'autoscale' });
    expect(byCode.get('AS2001')?.message).toContain('$PendingTasks');
    expect(byCode.get('AS1005')?.range).toEqual(rangeOf(text, "'a'"));
    expect(byCode.get('AS4002')?.severity).toBe(2);
    expect(server.serverRequests).toContain('workspace/configuration');
  });

  it('republishes for each edit and clears the diagnostics of a closed document', async () => {
    const { uri, diagnostics } = await openDocument('$TargetDedicatedNodes = $nope;');
    expect(diagnostics.map((d) => d.code)).toEqual(['AS2001']);
    await server.change(uri, '$TargetDedicatedNodes = 1;', 2);
    expect((await server.diagnostics(uri, (p) => p.version === 2)).diagnostics).toEqual([]);
    const from = server.published.length;
    await server.close(uri);
    expect((await server.diagnostics(uri, () => true, from)).diagnostics).toEqual([]);
  });

  it("shows a built-in's documentation on hover, and nothing over a comment", async () => {
    const text = '// pending work\n$TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1));';
    const { uri } = await openDocument(text);
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '$PendingTasks', 3),
    });
    const entry = registry.variable('$PendingTasks');
    expect(entry).toBeDefined();
    const contents = hover?.contents as MarkupContent | undefined;
    expect(contents?.kind).toBe('markdown');
    expect(contents?.value).toContain(entry?.summary);
    expect(hover?.range).toEqual(rangeOf(text, '$PendingTasks'));
    expect(
      await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: positionOf(text, 'pending'),
      }),
    ).toBeNull();
  });

  it('completes service variables after `$` and only sample methods after `$PendingTasks.`', async () => {
    const text = '$a = $\n$b = $PendingTasks.';
    const { uri } = await openDocument(text);
    const afterDollar = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '$\n', 1),
    })) as CompletionList;
    const labels = afterDollar.items.map((i) => i.label);
    expect(labels).toContain('$PendingTasks');
    expect(labels).toContain('$TargetDedicatedNodes');
    expect(labels).toEqual(service.completion(text, text.indexOf('$\n') + 1).items.map((i) => i.label));
    const pending = afterDollar.items.find((i) => i.label === '$PendingTasks') as CompletionItem;
    expect(pending.textEdit).toEqual({
      range: { start: positionOf(text, '$\n'), end: positionOf(text, '$\n', 1) },
      newText: '$PendingTasks',
    });

    const end = positionOf(text, 'Tasks.', 6);
    const afterDot = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: end,
    })) as CompletionList;
    expect(afterDot.items.map((i) => i.label).sort()).toEqual(registry.methods.map((m) => m.name).sort());
    const getSample = afterDot.items.find((i) => i.label === 'GetSample') as CompletionItem;
    expect(getSample.kind).toBe(2); // Method
    expect(getSample.insertTextFormat).toBe(2); // snippet: the client declared snippet support
    expect((getSample.documentation as MarkupContent).value).toContain('GetSample(');
  });

  it('gives signature help for every overload with the active parameter', async () => {
    const text = '$a = $PendingTasks.GetSample(TimeInterval_Minute * 5, ';
    const { uri } = await openDocument(text);
    const help = await server.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri },
      position: positionOf(text, ', ', 2),
    });
    expect(help?.signatures.length).toBe(registry.method('GetSample')?.overloads.length);
    const active = help?.signatures[help.activeSignature ?? 0];
    expect(active?.label).toContain('GetSample(');
    expect(help?.activeParameter).toBe(1);
    const secondLabel = active?.parameters?.[1]?.label;
    expect(secondLabel).toHaveLength(2);
    const [from, to] = secondLabel as [number, number];
    expect(active?.label.slice(from, to)).toMatch(/samplePercent|endTime/);
  });

  it('goes to definitions, finds references and highlights reads and writes', async () => {
    const text = '$x = 1;\n$x = $x + 1;\n$TargetDedicatedNodes = $x;';
    const { uri } = await openDocument(text);
    const lastRead = positionOf(text, '$x;', 1);
    expect(
      await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: lastRead }),
    ).toEqual([{ uri, range: rangeOf(text, '$x', 2) }]);
    const refs = await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: lastRead,
      context: { includeDeclaration: true },
    });
    expect(refs?.map((r) => r.range)).toEqual([1, 2, 3, 4].map((n) => rangeOf(text, '$x', n)));
    const highlights = await server.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri },
      position: lastRead,
    });
    expect(highlights?.map((h) => h.kind)).toEqual([3, 3, 2, 2]);
  });

  it('renames a user variable keeping its `$`, and refuses built-ins and names in use with the reason', async () => {
    const text = '$x = 1;\n$TargetDedicatedNodes = $x + 1;';
    const { uri } = await openDocument(text);
    const at = positionOf(text, '$x', 1, 2);
    expect(
      await server.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at }),
    ).toEqual({ range: rangeOf(text, '$x', 2), placeholder: '$x' });
    const edit = await server.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: at,
      newName: 'tasks',
    });
    expect(applyLspEdits(text, edit?.changes?.[uri] ?? [])).toBe('$tasks = 1;\n$TargetDedicatedNodes = $tasks + 1;');
    await expect(
      server.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri },
        position: at,
        newName: '$PendingTasks',
      }),
    ).rejects.toThrow(/PendingTasks/);
    await expect(
      server.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri },
        position: positionOf(text, 'Target'),
      }),
    ).rejects.toThrow(/only user variables can be renamed/);
  });

  it('lists one symbol per assignment and folds comment blocks', async () => {
    const text = '// one\n// two\n$x = 1;\n$TargetDedicatedNodes = $x;';
    const { uri } = await openDocument(text);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => [s.name, s.detail, s.selectionRange])).toEqual([
      ['$x', 'double', rangeOf(text, '$x')],
      ['$TargetDedicatedNodes', 'double', rangeOf(text, '$TargetDedicatedNodes')],
    ]);
    expect(await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })).toEqual([
      { startLine: 0, endLine: 1, kind: 'comment' },
    ]);
  });

  it("formats with core's formatter and leaves a formula with a syntax error alone", async () => {
    const text = '$x=1;$TargetDedicatedNodes=max( 0,$x );';
    const { uri } = await openDocument(text);
    const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    const expected = formatFormula(text);
    expect(expected.ok && expected.text !== text).toBe(true);
    expect(applyLspEdits(text, edits ?? [])).toBe(expected.ok ? expected.text : '');
    const broken = await openDocument('$x = (1;');
    expect(
      await server.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri: broken.uri },
        options: { tabSize: 2, insertSpaces: true },
      }),
    ).toEqual([]);
  });

  it('offers quick fixes for the diagnostics in range and a fix-all source action', async () => {
    const text = "$y = 'a';\n$TargetDedicatedNodes = $Pendingtasks;";
    const { uri, diagnostics } = await openDocument(text);
    const whole = { start: { line: 0, character: 0 }, end: positionOf(text, ';', 1, 2) };
    const onName = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: rangeOf(text, '$Pendingtasks'),
      context: { diagnostics, only: ['quickfix'] },
    });
    expect(onName?.map((a) => ('kind' in a ? [a.title, a.kind] : []))).toEqual([
      ['Change to $PendingTasks', 'quickfix'],
    ]);
    const fix = onName?.[0];
    expect(fix && 'edit' in fix ? applyLspEdits(text, fix.edit?.changes?.[uri] ?? []) : '').toBe(
      "$y = 'a';\n$TargetDedicatedNodes = $PendingTasks;",
    );
    const fixAll = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: whole,
      context: { diagnostics, only: ['source.fixAll'] },
    });
    expect(fixAll?.length).toBe(1);
    const all = fixAll?.[0];
    // Fix-all applies only fixes that cannot change meaning: the quotes, not the did-you-mean guess.
    expect(all && 'edit' in all ? applyLspEdits(text, all.edit?.changes?.[uri] ?? []) : '').toBe(
      '$y = "a";\n$TargetDedicatedNodes = $Pendingtasks;',
    );
  });

  it('returns semantic tokens that tell user variables from service variables, for the document and a range', async () => {
    const text = '$x = $PendingTasks.GetSample(1);\n$TargetDedicatedNodes = $x;';
    const { uri } = await openDocument(text);
    const decode = (data: number[]) => {
      const out: Array<{ line: number; character: number; length: number; type: string; modifiers: string[] }> = [];
      let line = 0;
      let character = 0;
      for (let i = 0; i < data.length; i += 5) {
        const [dl, dc, length, type, bits] = data.slice(i, i + 5) as [number, number, number, number, number];
        character = dl === 0 ? character + dc : dc;
        line += dl;
        out.push({
          line,
          character,
          length,
          type: SEMANTIC_TOKENS_LEGEND.tokenTypes[type] as string,
          modifiers: SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, b) => (bits >> b) & 1),
        });
      }
      return out;
    };
    const tokens = decode(
      (await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))?.data ?? [],
    );
    const at = (needle: string, n = 1) =>
      tokens.find(
        (t) =>
          t.line === positionOf(text, needle, 0, n).line && t.character === positionOf(text, needle, 0, n).character,
      );
    expect(at('$x')).toMatchObject({ type: 'variable', length: 2, modifiers: ['declaration'] });
    expect(at('$PendingTasks')).toMatchObject({ type: 'variable', length: 13 });
    expect(at('$PendingTasks')?.modifiers).toContain('defaultLibrary');
    expect(at('GetSample')).toMatchObject({ type: 'method' });
    expect(at('$x', 2)).toMatchObject({ type: 'variable', modifiers: [] });
    const secondLine = decode(
      (
        await server.connection.sendRequest(SemanticTokensRangeRequest.type, {
          textDocument: { uri },
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 27 } },
        })
      )?.data ?? [],
    );
    expect(secondLine.length).toBeGreaterThan(0);
    expect(secondLine.every((t) => t.line === 1)).toBe(true);
  });

  it('puts an "Evaluate formula" code lens on the first statement, and none on an empty document', async () => {
    const text = '// header\n\n$TargetDedicatedNodes = 1;\n$x = 2;';
    const { uri } = await openDocument(text);
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    expect(lenses?.map((l) => [l.range.start, l.command])).toEqual([
      [positionOf(text, '$Target'), { title: 'Evaluate formula', command: EVALUATE_COMMAND, arguments: [uri] }],
    ]);
    const empty = await openDocument('// nothing yet\n');
    expect(await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: empty.uri } })).toEqual([]);
  });

  it('turns the lint layer off and inlay hints on through workspace/configuration', async () => {
    const text = '$x = $PendingTasks.GetSample(1);\n$TargetDedicatedNodes = $x;';
    const { uri, diagnostics } = await openDocument(text);
    expect(diagnostics.some((d) => String(d.code).startsWith('AS4'))).toBe(true);
    const hintsAt = () =>
      server.connection.sendRequest(InlayHintRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      });
    expect(await hintsAt()).toEqual([]);
    let from = server.published.length;
    server.settings = { diagnostics: { lint: false }, inlayHints: { types: true } };
    await server.configurationChanged();
    const quiet = await server.diagnostics(uri, () => true, from);
    expect(quiet.diagnostics.filter((d) => String(d.code).startsWith('AS4'))).toEqual([]);
    expect(quiet.diagnostics.length).toBe(diagnostics.filter((d) => !String(d.code).startsWith('AS4')).length);
    const expectedHints = service.inlayHints(text, { start: 0, end: text.length }, { variableTypes: true });
    expect(expectedHints.map((h) => h.label)).toEqual([': doubleVec']);
    expect(await hintsAt()).toEqual([
      {
        position: positionOf(text, '$x', 2),
        label: ': doubleVec',
        kind: 1,
        tooltip: { kind: 'markdown', value: expectedHints[0]?.tooltip },
      },
    ]);
    expect(server.serverRequests).toContain('workspace/inlayHint/refresh');
    from = server.published.length;
    server.settings = {};
    await server.configurationChanged();
    expect((await server.diagnostics(uri, () => true, from)).diagnostics).toEqual(diagnostics);
  });

  it('rejects the evaluate request for a document that is not open, or with malformed params', async () => {
    await expect(server.connection.sendRequest(EVALUATE_REQUEST, { uri: 'file:///nowhere.autoscale' })).rejects.toThrow(
      /not open/,
    );
    await expect(server.connection.sendRequest(EVALUATE_REQUEST, { uri: 42 })).rejects.toThrow(/uri must be a string/);
    await expect(
      server.connection.sendRequest(EVALUATE_REQUEST, { uri: 'file:///x', contextText: {} }),
    ).rejects.toThrow(/contextText/);
  });

  it('reports an unusable availability-delay setting when evaluating with the default context', async () => {
    const { uri } = await openDocument('$TargetDedicatedNodes = 1;');
    server.settings = { preview: { availabilityDelay: '30sec' } };
    await server.configurationChanged();
    // The setting is pulled asynchronously; poll until the server has it.
    let response: EvaluateResponse | undefined;
    for (let i = 0; i < 50 && (response?.contextErrors.length ?? 0) === 0; i++) {
      response = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri });
      if (response.contextErrors.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(response?.contextErrors).toEqual([
      expect.stringMatching(/^batchAutoscale\.preview\.availabilityDelay: .*30sec/),
    ]);
    expect(response?.results).toBe('');
    server.settings = {};
    await server.configurationChanged();
  });
});
