// Formulas inside host files, over JSON-RPC with `autoscale lsp --stdio` as an editor meets it:
// diagnostics, hover, completion and signature help at the host file's positions (counted here by
// hand), whatever language id the client gives the file; nothing for files that hold no formula
// and none of the formula-only features (formatting, symbols) for host files; evaluation of a
// pool JSON in its own context, compared with the service's recorded run.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { EVALUATE_REQUEST, type EvaluateResponse } from '@autoscale/lsp-server';
import { LspProcess, REPO_ROOT } from './lsp-client.ts';

/** The LSP position of the first `needle` in `text`, plus `shift` characters, counted by hand. */
function positionOf(text: string, needle: string, shift = 0): Position {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
}

const BICEP = `param maxNodes int = 10

resource pool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  name: 'render'
  properties: {
    scaleSettings: {
      autoScale: {
        evaluationInterval: 'PT5M'
        formula: '$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);\\n$TargetDedicatedNodes = min(\${maxNodes}, $PendingTask.GetSample(1));'
      }
    }
  }
}
`;

const TERRAFORM = `resource "azurerm_batch_pool" "render" {
  name = "render"
  auto_scale {
    evaluation_interval = "PT5M"
    formula = "$TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1));\\n$NodeDeallocationOption = taskcompletion;"
  }
}
`;

let server: LspProcess;
let count = 0;

async function open(
  name: string,
  text: string,
  languageId: string,
): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///infra/${++count}/${name}`;
  const from = server.published.length;
  await server.open(uri, text, 1, languageId);
  return { uri, diagnostics: (await server.diagnostics(uri, () => true, from)).diagnostics };
}

beforeAll(async () => {
  server = new LspProcess();
  await server.initialize();
});

afterAll(() => server.kill());

describe('host files in the language server', () => {
  it('reports a Bicep formula’s mistake at the Bicep file’s line and column, and a placeholder as information', async () => {
    const { diagnostics } = await open('main.bicep', BICEP, 'bicep');
    const unknown = diagnostics.find((d) => d.code === 'AS2001');
    expect(unknown?.range).toEqual({
      start: positionOf(BICEP, '$PendingTask.'),
      end: positionOf(BICEP, '$PendingTask.', '$PendingTask'.length),
    });
    expect(unknown?.severity).toBe(1);
    const placeholder = diagnostics.find((d) => d.code === 'AS5002');
    expect(placeholder?.range.start).toEqual(positionOf(BICEP, '{maxNodes}', -1));
    expect(placeholder?.severity).toBe(3);
    expect(placeholder?.message).toContain('maxNodes');
  });

  it('uses placeholder values from the batchAutoscale.placeholderValues setting', async () => {
    const { uri } = await open('values.bicep', BICEP, 'bicep');
    const from = server.published.length;
    server.settings = { placeholderValues: { maxNodes: 12 } };
    await server.configurationChanged();
    const next = await server.diagnostics(uri, () => true, from);
    expect(next.diagnostics.map((d) => d.code)).not.toContain('AS5002');
    expect(next.diagnostics.map((d) => d.code)).toContain('AS2001');
    const reset = server.published.length;
    server.settings = {};
    await server.configurationChanged();
    await server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'AS5002'), reset);
  });

  it('reads a .tf file by its name whatever its language id, through the \\n escape', async () => {
    const broken = TERRAFORM.replace('taskcompletion', 'whenever');
    const { diagnostics } = await open('pool.tf', broken, 'plaintext');
    const option = diagnostics.find((d) => d.code === 'AS2010');
    expect(option?.range).toEqual({
      start: positionOf(broken, 'whenever'),
      end: positionOf(broken, 'whenever', 'whenever'.length),
    });
  });

  it('publishes nothing for JSON and Bicep files without a pool formula', async () => {
    expect((await open('package.json', '{ "name": "x", "version": "1.0.0" }', 'json')).diagnostics).toEqual([]);
    expect(
      (await open('storage.bicep', "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {}\n", 'bicep'))
        .diagnostics,
    ).toEqual([]);
  });

  it('hovers, completes and helps with signatures inside the formula, at host positions', async () => {
    const { uri } = await open('hover.tf', TERRAFORM, 'terraform');
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(TERRAFORM, 'PendingTasks.GetSample'),
    });
    expect((hover?.contents as MarkupContent | undefined)?.value).toContain('$PendingTasks');
    expect(hover?.range).toEqual({
      start: positionOf(TERRAFORM, '$PendingTasks'),
      end: positionOf(TERRAFORM, '$PendingTasks', '$PendingTasks'.length),
    });

    const completion = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(TERRAFORM, 'GetSample(1)', 3),
    })) as CompletionList;
    const item = completion.items.find((i: CompletionItem) => i.label === 'GetSamplePercent');
    expect(item?.textEdit && 'range' in item.textEdit ? item.textEdit.range.start : undefined).toEqual(
      positionOf(TERRAFORM, 'GetSample(1)'),
    );

    const help = await server.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri },
      position: positionOf(TERRAFORM, 'max(0, ', 'max(0, '.length),
    });
    expect(help?.signatures[help.activeSignature ?? 0]?.label).toMatch(/^max\(/);

    const outside = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(TERRAFORM, 'evaluation_interval'),
    });
    expect(outside).toBeNull();
  });

  it('leaves formatting, symbols and colouring of host files to their own tools', async () => {
    const { uri } = await open('format.tf', TERRAFORM, 'terraform');
    expect(
      await server.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      }),
    ).toBeNull();
    expect(await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).toBeNull();
    expect(await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })).toEqual({
      data: [],
    });
  });

  it('evaluates pool JSON in its own context and compares with the recorded run', async () => {
    const text = readFileSync(`${REPO_ROOT}test/corpus/host/json/pool-agrees.json`, 'utf8');
    const { uri } = await open('pool.json', text, 'json');
    const response = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri });
    expect(response.results).toContain('$TargetDedicatedNodes=4');
    expect(response.host).toMatchObject({ kind: 'pool-json', formulaName: 'office-hours', formulas: ['office-hours'] });
    expect(response.host?.recorded).toEqual({ agrees: true, differences: [], evaluatedAt: '2026-11-30T10:15:00.123Z' });

    const changed = text.replace('< 12 ? 4 : 1', '< 12 ? 5 : 1');
    const other = await open('pool-differs.json', changed, 'json');
    const differs = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri: other.uri });
    expect(differs.host?.recorded?.agrees).toBe(false);
    expect(differs.host?.recorded?.differences).toEqual([
      '$TargetDedicatedNodes=5 here, $TargetDedicatedNodes=4 recorded',
    ]);
  });

  it('refuses to evaluate a formula with a placeholder that has no value, or a name the file does not hold', async () => {
    const { uri } = await open('eval.bicep', BICEP, 'bicep');
    const response = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri });
    expect(response.results).toBe('');
    expect(response.contextErrors).toEqual([expect.stringMatching(/\$\{maxNodes\}|maxNodes.*placeholderValues/)]);
    const missing = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, {
      uri,
      formulaName: 'nope',
    });
    expect(missing.contextErrors).toEqual(['There is no formula named nope here; the file holds pool.']);
    await expect(server.connection.sendRequest(EVALUATE_REQUEST, { uri, formulaName: 3 })).rejects.toThrow(
      /formulaName must be a string/,
    );
  });

  it('evaluates a pasted pool JSON in an untitled formula document (the playground)', async () => {
    const text = readFileSync(`${REPO_ROOT}test/corpus/host/json/pool-agrees.json`, 'utf8');
    const uri = 'inmemory://playground/formula';
    const from = server.published.length;
    await server.open(uri, text);
    expect((await server.diagnostics(uri, () => true, from)).diagnostics).toEqual([]);
    const response = await server.connection.sendRequest<EvaluateResponse>(EVALUATE_REQUEST, { uri });
    expect(response.host?.recorded?.agrees).toBe(true);
  });

  it('reports only where a pasted pool JSON is broken, not formula errors all over it, and will not evaluate it', async () => {
    const text = '{\n  "id": "p",\n  "autoScaleFormula": "$TargetDedicatedNodes = 1;",\n}\n';
    const uri = 'inmemory://playground/broken';
    const from = server.published.length;
    await server.open(uri, text);
    const { diagnostics } = await server.diagnostics(uri, () => true, from);
    expect(diagnostics.map((d) => d.code)).toEqual(['AS5001']);
    expect(diagnostics[0]?.range.start.line).toBe(3);
    expect(diagnostics[0]?.message).toMatch(/trailing comma/);
    await expect(server.connection.sendRequest(EVALUATE_REQUEST, { uri })).rejects.toThrow(
      /does not read: .*trailing comma/,
    );
    // The same text as a .autoscale file is a formula, whatever it holds.
    const asFormula = await server.diagnostics(
      'file:///infra/pasted.autoscale',
      () => true,
      await server.open('file:///infra/pasted.autoscale', text).then(() => from),
    );
    expect(asFormula.diagnostics.some((d) => String(d.code).startsWith('AS1'))).toBe(true);
  });
});
