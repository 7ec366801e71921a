// Editor features inside formulas of host files: each case is the host text with its expected
// ranges marked (⟦...⟧) or a cursor (‸), so positions through escapes, heredoc indentation and
// placeholders read as the file itself.

import { describe, expect, it } from 'vitest';
import {
  hostCompletion,
  hostDiagnostics,
  hostHover,
  hostSignatureHelp,
  MAX_HOST_DOCUMENT_LENGTH,
  readHostDocument,
  type HostDocument,
} from '@autoscale/language-service';
import { markRanges, parseMarked, withCursor } from './support/markers.ts';

function host(fileName: string, text: string, values?: Record<string, string>): HostDocument {
  const read = readHostDocument(fileName, text, values ? { values: new Map(Object.entries(values)) } : {});
  if (!read) throw new Error(`${fileName} was not read as a host file`);
  return read;
}

/** The host text with each diagnostic's range marked, and the codes in order. */
function marked(fileName: string, text: string, values?: Record<string, string>) {
  const found = hostDiagnostics(host(fileName, text, values));
  return {
    text: markRanges(
      text,
      found.map((d) => d.range),
    ),
    codes: found.map((d) => `${d.code} ${d.severity}`),
  };
}

const bicep = (formula: string) => `resource pool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  name: 'render'
  properties: {
    scaleSettings: {
      autoScale: {
        formula: ${formula}
      }
    }
  }
}
`;

const terraform = (formula: string) => `resource "azurerm_batch_pool" "render" {
  name = "render"
  auto_scale {
    evaluation_interval = "PT5M"
    formula = ${formula}
  }
}
`;

describe('which documents are host files', () => {
  it('reads Bicep, Terraform, ARM and pool JSON holding a pool formula', () => {
    expect(readHostDocument('main.bicep', bicep("'$TargetDedicatedNodes = 1;'"))?.kind).toBe('bicep');
    expect(readHostDocument('pool.tf', terraform('"$TargetDedicatedNodes = 1;"'))?.kind).toBe('terraform');
    expect(readHostDocument('pool.json', '{ "id": "p", "autoScaleFormula": "$TargetDedicatedNodes = 1;" }')?.kind).toBe(
      'pool-json',
    );
  });

  it('leaves alone a plain formula, a JSON file of another kind, and a file that is not readable', () => {
    expect(readHostDocument('a.autoscale', '$TargetDedicatedNodes = 1;')).toBeUndefined();
    expect(readHostDocument('package.json', '{ "name": "x", "scripts": { "formula": 1 } }')).toBeUndefined();
    expect(readHostDocument('tsconfig.json', '{ "compilerOptions": {} }')).toBeUndefined();
    expect(readHostDocument('broken.json', '{ "autoScaleFormula": ')).toBeUndefined();
    expect(
      readHostDocument('main.bicep', "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {}"),
    ).toBeUndefined();
  });

  it('does not read a text longer than the editor limit', () => {
    const long = `{ "autoScaleFormula": "$TargetDedicatedNodes = 1;", "pad": "${'x'.repeat(MAX_HOST_DOCUMENT_LENGTH)}" }`;
    expect(readHostDocument('pool.json', long)).toBeUndefined();
  });
});

describe('diagnostics at the host file’s positions', () => {
  it('Bicep: an unknown name in a single-quoted formula', () => {
    const text = bicep("'$TargetDedicatedNodes = $PendingTask;'");
    expect(marked('main.bicep', text)).toEqual({
      text: bicep("'$TargetDedicatedNodes = ⟦$PendingTask⟧;'"),
      codes: ['AS2001 error'],
    });
  });

  it('Bicep: after escapes the columns are the file’s, not the formula’s', () => {
    const text = bicep("'// it\\'s \\\\ here\\n$TargetDedicatedNodes = nope;'");
    expect(marked('main.bicep', text).text).toBe(bicep("'// it\\'s \\\\ here\\n$TargetDedicatedNodes = ⟦nope⟧;'"));
  });

  it('Bicep: in a multi-line string', () => {
    const text = bicep("'''\n$x = 1;\n$TargetDedicatedNodes = max(1, $y);\n'''");
    expect(marked('main.bicep', text)).toEqual({
      text: bicep("'''\n$x = 1;\n$TargetDedicatedNodes = max(1, ⟦$y⟧);\n'''"),
      codes: expect.arrayContaining(['AS2001 error']) as unknown as string[],
    });
  });

  it('ARM JSON: through \\n and \\" escapes', () => {
    const text = '{ "autoScaleFormula": "$a = time(\\"2024\\");\\n$TargetDedicatedNodes = $b;" }';
    expect(marked('pool.json', text).text).toBe(
      '{ "autoScaleFormula": "$a = time(\\"2024\\");\\n$TargetDedicatedNodes = ⟦$b⟧;" }',
    );
  });

  it('Terraform: in an indented heredoc', () => {
    const text = terraform('<<-EOF\n      $TargetDedicatedNodes = max(0, $Pending);\n    EOF');
    expect(marked('pool.tf', text).text).toBe(
      terraform('<<-EOF\n      $TargetDedicatedNodes = max(0, ⟦$Pending⟧);\n    EOF'),
    );
  });

  // biome-ignore-start lint/suspicious/noTemplateCurlyInString: HCL interpolations in Terraform text, not JavaScript templates
  it('a placeholder without a value is information at the interpolation, and its value is used when given', () => {
    const text = terraform('"$TargetDedicatedNodes = min(${var.max_nodes}, 10);"');
    expect(marked('pool.tf', text)).toEqual({
      text: terraform('"$TargetDedicatedNodes = min(⟦${var.max_nodes}⟧, 10);"'),
      codes: ['AS5002 info'],
    });
    expect(marked('pool.tf', text, { max_nodes: '4' }).codes).toEqual([]);
    expect(marked('pool.tf', text, { max_nodes: 'nope' })).toEqual({
      text: terraform('"$TargetDedicatedNodes = min(⟦${var.max_nodes}⟧, 10);"'),
      codes: ['AS2001 error'],
    });
  });
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: HCL interpolations

  it('two pools in one file: each formula’s diagnostics at its own place', () => {
    const text = `${bicep("'$TargetDedicatedNodes = a;'")}\n${bicep("'$TargetDedicatedNodes = b;'").replace("'render'", "'other'")}`;
    const found = hostDiagnostics(host('main.bicep', text));
    expect(found.map((d) => text.slice(d.range.start, d.range.end))).toEqual(['a', 'b']);
  });

  it('a correct formula has no diagnostics, and lint can be switched off', () => {
    expect(hostDiagnostics(host('main.bicep', bicep("'$TargetDedicatedNodes = 1;'")))).toEqual([]);
    const lint = bicep("'$TargetDedicatedNodes = 1; $Wednesday = time().weekday == 7;'");
    expect(hostDiagnostics(host('main.bicep', lint)).map((d) => d.layer)).toContain('lint');
    expect(hostDiagnostics(host('main.bicep', lint), { lint: false })).toEqual([]);
  });
});

describe('hover, completion and signature help at host positions', () => {
  it('hovers a built-in inside a JSON string, with the host range', () => {
    const { text, offset } = withCursor(
      '{ "autoScaleFormula": "$a = 1;\\n$TargetDedicatedNodes = max(1, $Pending‸Tasks.GetSample(1));" }',
    );
    const answer = hostHover(host('pool.json', text), offset);
    expect(answer?.markdown).toContain('PendingTasks');
    expect(answer && text.slice(answer.range.start, answer.range.end)).toBe('$PendingTasks');
  });

  it('answers nothing outside the formula', () => {
    const { text, offset } = withCursor(
      bicep("'$TargetDedicatedNodes = 1;'").replace('scaleSettings', 'scale‸Settings'),
    );
    const doc = host('main.bicep', text);
    expect(hostHover(doc, offset)).toBeUndefined();
    expect(hostCompletion(doc, offset).items).toEqual([]);
    expect(hostSignatureHelp(doc, offset)).toBeUndefined();
  });

  it('completes sample methods after a dot, replacing the host’s own characters', () => {
    const { text, offset } = withCursor(terraform('"$TargetDedicatedNodes = $PendingTasks.Get‸;"'));
    const list = hostCompletion(host('pool.tf', text), offset);
    const item = list.items.find((i) => i.label === 'GetSample');
    expect(item).toBeDefined();
    expect(item && text.slice(item.range.start, item.range.end)).toBe('Get');
  });

  it('offers no item whose text the host string would have to escape', () => {
    const { text, offset } = withCursor(bicep("'$TargetDedicatedNodes = 1;\\n‸'"));
    const items = hostCompletion(host('main.bicep', text), offset).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.label)).toContain('$TargetDedicatedNodes');
    for (const item of items) expect(item.insertText).not.toMatch(/["'\\\n]|\$\{/);
  });

  it('gives signature help inside a call in a heredoc', () => {
    const { text, offset } = withCursor(
      terraform('<<EOF\n$TargetDedicatedNodes = $PendingTasks.GetSample(TimeInterval_Minute, ‸);\nEOF'),
    );
    const help = hostSignatureHelp(host('pool.tf', text), offset);
    expect(help?.signatures[help.activeSignature]?.label).toMatch(/^GetSample\(/);
    expect(help?.activeParameter).toBe(1);
  });
});

it('marker helper round-trips (guards the cases above)', () => {
  const { text, ranges } = parseMarked('a⟦b⟧c');
  expect(markRanges(text, ranges)).toBe('a⟦b⟧c');
});
