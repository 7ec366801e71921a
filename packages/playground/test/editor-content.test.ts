// What the formula editor holds, read as the language server reads it: a plain formula, a host
// file with its pools' formulas and placeholders, or a host-looking text that does not read (said
// with its line and column); the notice beside the editor; and the formula the replay takes from
// a host file, refused when the file does not read or a placeholder has no value.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_HOST_DOCUMENT_LENGTH } from '@autoscale/language-service';
import { describe, expect, it } from 'vitest';
import {
  contentNotice,
  EDITOR_FORMULA_NAME,
  FORMULA_MODEL_URI,
  MAX_HOST_TEXT_LENGTH,
  placeholderNames,
  readEditorContent,
  replayFormula,
} from '../src/host/editor-content.ts';

const corpus = (path: string): string =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'corpus', 'host', path), 'utf8');

const NONE = new Map<string, string>();

describe('what the editor holds', () => {
  it('reads a formula as a formula, even one that mentions formula keys in a comment', () => {
    expect(readEditorContent('$TargetDedicatedNodes = 1;\n')).toEqual({ kind: 'formula' });
    expect(readEditorContent('// "formula": "x"\n$TargetDedicatedNodes = 1;')).toEqual({ kind: 'formula' });
    expect(readEditorContent('')).toEqual({ kind: 'formula' });
    expect(contentNotice({ kind: 'formula' })).toBeUndefined();
  });

  it('reads pasted pool JSON with its pool name', () => {
    const content = readEditorContent(corpus('json/pool-agrees.json'));
    expect(content).toEqual({
      kind: 'host',
      hostKind: 'pool-json',
      formulas: [{ name: 'office-hours', placeholders: [] }],
    });
    expect(contentNotice(content)).toBe('Pool JSON: formula of pool office-hours');
  });

  it('reads an ARM template with every pool and the placeholders of each', () => {
    const content = readEditorContent(corpus('json/arm-template.json'));
    expect(content.kind === 'host' && content.hostKind).toBe('arm');
    expect(content.kind === 'host' && content.formulas.map((f) => f.name)).toEqual([
      'render',
      'capped',
      'nightly',
      'formatted',
    ]);
    expect(contentNotice(content)).toBe('ARM template: formulas of pools render, capped, nightly, formatted');
    // maxNodes (parameters('maxNodes')) is used by two pools and listed once.
    expect(placeholderNames(content)).toEqual(['maxNodes']);
  });

  it('reads Bicep and Terraform by their content, without a file name to go by', () => {
    expect(contentNotice(readEditorContent(corpus('bicep/two-pools.bicep')))).toBe(
      'Bicep: formulas of pools render, encode',
    );
    expect(contentNotice(readEditorContent(corpus('terraform/two-pools.tf')))).toBe(
      'Terraform: formulas of pools small, large',
    );
  });

  it('says where pasted JSON that does not read is broken, and that it is checked as a formula meanwhile', () => {
    const content = readEditorContent(corpus('json/not-json.json'));
    expect(content).toMatchObject({ kind: 'unreadable', hostKind: 'pool-json' });
    expect(contentNotice(content)).toBe(
      'Looks like pool JSON, but it does not read as one: not valid JSON: trailing comma before "}" (line 4, column 1); the editor marks where.',
    );
    expect(contentNotice(readEditorContent(corpus('json/not-a-string.json')))).toContain(
      'the formula at autoScaleFormula is not a string (line 1, column 40)',
    );
  });

  it('says a Terraform pool without a formula has none, without a place in the file', () => {
    const content = readEditorContent('resource "azurerm_batch_pool" "p" {\n  name = "p"\n}\n');
    expect(contentNotice(content)).toBe(
      'Looks like Terraform, but it does not read as one: no pool autoscale formula found in this Terraform file; until it does, the text is checked as a formula.',
    );
  });

  it('never throws on text cut anywhere in a host file', () => {
    const text = corpus('json/arm-template.json');
    for (let end = 0; end <= text.length; end += 7) {
      const content = readEditorContent(text.slice(0, end));
      expect(['formula', 'host', 'unreadable']).toContain(content.kind);
      if (content.kind !== 'formula') expect(contentNotice(content)).toBeTruthy();
    }
  });

  it('reads nothing as a host file beyond the language service’s limit, as the server does', () => {
    expect(MAX_HOST_TEXT_LENGTH).toBe(MAX_HOST_DOCUMENT_LENGTH);
    const pool = corpus('json/pool-agrees.json');
    const padded = `${pool.slice(0, -2)}, "pad": "${'x'.repeat(MAX_HOST_TEXT_LENGTH)}"}\n`;
    expect(readEditorContent(padded)).toEqual({ kind: 'formula' });
  });

  it('names the model so that the server reads its content (no .autoscale extension)', () => {
    expect(FORMULA_MODEL_URI).toBe('inmemory://playground/formula');
    expect(FORMULA_MODEL_URI.endsWith('.autoscale')).toBe(false);
  });
});

describe('the formula the replay takes from the editor', () => {
  it('is the text itself for a formula', () => {
    expect(replayFormula('$TargetDedicatedNodes = 1;', undefined, NONE)).toEqual({
      ok: true,
      name: EDITOR_FORMULA_NAME,
      text: '$TargetDedicatedNodes = 1;',
    });
  });

  it('is the formula inside pool JSON, named as the command line names it', () => {
    expect(replayFormula(corpus('json/pool-agrees.json'), undefined, NONE)).toEqual({
      ok: true,
      name: 'editor.json#office-hours',
      text: '$TargetDedicatedNodes = time().hour < 12 ? 4 : 1;\n$NodeDeallocationOption = taskcompletion;',
    });
  });

  it('is the picked pool of several, the first when the pick is gone, with placeholder values filled in', () => {
    const arm = corpus('json/arm-template.json');
    expect(replayFormula(arm, 'nightly', NONE)).toMatchObject({ ok: true, name: 'editor.json#nightly' });
    expect(replayFormula(arm, 'gone', NONE)).toMatchObject({ ok: true, name: 'editor.json#render' });
    const capped = replayFormula(arm, 'capped', new Map([['maxNodes', '7']]));
    expect(capped).toEqual({
      ok: true,
      name: 'editor.json#capped',
      text: '$TargetDedicatedNodes = min(7, $PendingTasks.GetSample(1));',
    });
    expect(replayFormula(corpus('terraform/two-pools.tf'), 'large', NONE)).toMatchObject({
      ok: true,
      name: 'editor.tf#large',
    });
  });

  it('is refused while a placeholder has no value, naming it and where to give one', () => {
    expect(replayFormula(corpus('json/arm-template.json'), 'capped', NONE)).toEqual({
      ok: false,
      name: 'editor.json#capped',
      reason:
        'The formula of pool capped uses maxNodes, which has no value here: give it a value under Placeholder values in the Evaluate tab to replay it.',
    });
  });

  it('is refused for JSON that does not read, saying where it is broken', () => {
    const refused = replayFormula(corpus('json/not-json.json'), undefined, NONE);
    expect(refused).toEqual({
      ok: false,
      name: 'editor.json',
      reason:
        'The editor\'s text looks like pool JSON but does not read as one: not valid JSON: trailing comma before "}" (line 4, column 1). Fix it, or paste the formula itself, to replay it.',
    });
  });
});
