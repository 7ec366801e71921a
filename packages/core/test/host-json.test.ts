// The JSON host reader (src/host/json.ts, arm-expression.ts) on the fixtures in test/corpus/host/json:
// which formulas an ARM template, a REST body and pool JSON hold, their exact text, their
// placeholders, and positions mapped back through JSON escapes and ARM expressions; then the
// whole path a command takes (readHostFile, analyzeFormula, embeddedDiagnostics) with each
// diagnostic at the host file's own line and column.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFormula } from '../src/analyze.ts';
import { assemble } from '../src/host/embedded.ts';
import { embeddedDiagnostics, readHostFile } from '../src/host/host-file.ts';
import { readJsonHost } from '../src/host/json.ts';
import { compareWithRecorded, readPoolRun } from '../src/host/pool-run.ts';
import { LineMap } from '../src/text/source.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/corpus/host/json');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** `line:column`, both 1-based, of a host offset. */
function at(text: string, offset: number): string {
  const p = new LineMap(text).positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

describe('JSON host reader', () => {
  const arm = fixture('arm-template.json');

  it('finds each pool of an ARM template, named by the last segment of its name', () => {
    const { formulas, problems } = readJsonHost(arm);
    expect(problems).toEqual([]);
    expect(formulas.map((f) => f.name)).toEqual(['render', 'capped', 'nightly', 'formatted']);
  });

  it('decodes JSON escapes and maps offsets after them back to the host', () => {
    const [render] = readJsonHost(arm).formulas.map((f) => assemble(f, new Map()));
    expect(render?.text).toBe('$tasks = max(0, $PendingTasks.GetSample(1));\n$TargetDedicatedNodes = min(10, $tasks);');
    const afterNewline = render?.text.indexOf('$TargetDedicatedNodes') ?? -1;
    // `\n` is two host characters: the statement after it starts two columns after the escape.
    expect(at(arm, render?.map.toHost(afterNewline) ?? -1)).toBe('19:71');
    expect(arm.slice(render?.map.toHost(afterNewline), (render?.map.toHost(afterNewline) ?? 0) + 21)).toBe(
      '$TargetDedicatedNodes',
    );
    // A range over the escape covers both of its characters.
    const newline = afterNewline - 1;
    expect(render?.map.rangeToHost({ start: newline, end: afterNewline })).toEqual({
      start: (render?.map.toHost(newline) ?? 0) + 0,
      end: (render?.map.toHost(newline) ?? 0) + 2,
    });
  });

  it('reads concat() and format() with parameters as placeholders and variables inlined', () => {
    const formulas = readJsonHost(arm).formulas;
    const filled = formulas.map((f) => assemble(f, new Map([['maxNodes', '12']])));
    expect(filled[1]?.text).toBe('$TargetDedicatedNodes = min(12, $PendingTasks.GetSample(1));');
    expect(filled[1]?.placeholders.map((p) => [p.name, at(arm, p.hostRange.start), p.value])).toEqual([
      ['maxNodes', '32:65', '12'],
    ]);
    // variables('nightly') is read from the template's variables, at the variable's own position.
    expect(filled[2]?.text).toBe('$TargetDedicatedNodes = time().hour < 6 ? 4 : 1;');
    expect(at(arm, filled[2]?.map.toHost(0) ?? -1)).toBe('9:17');
    // format(): {0} twice, {1} a string literal argument; \" is one quote.
    expect(filled[3]?.text).toBe('$x = 12; $TargetDedicatedNodes = "a" == "a" ? 12 : 1;');
    const unfilled = assemble(formulas[1] ?? { name: '', pieces: [], hostRange: { start: 0, end: 0 } }, new Map());
    expect(unfilled.text).toBe('$TargetDedicatedNodes = min(0, $PendingTasks.GetSample(1));');
    expect(unfilled.placeholders[0]?.value).toBeUndefined();
  });

  it('reads pool JSON (az batch pool show) by its id and a REST body by its name', () => {
    const pool = readJsonHost(fixture('pool-show.json')).formulas;
    expect(pool.map((f) => f.name)).toEqual(['render-pool']);
    const rest = readJsonHost(fixture('rest-body.json')).formulas;
    expect(rest.map((f) => [f.name, assemble(f, new Map()).text])).toEqual([
      ['batchpool', '$TargetDedicatedNodes = 1 $TargetLowPriorityNodes = 2;'],
    ]);
  });

  it('reports a file that is not JSON and a formula that is not a string, at their positions', () => {
    const broken = fixture('not-json.json');
    const notJson = readJsonHost(broken);
    expect(notJson.formulas).toEqual([]);
    expect(notJson.problems.map((p) => [p.message, at(broken, p.range.start)])).toEqual([
      ['not valid JSON: trailing comma before "}"', '4:1'],
    ]);
    const numeric = fixture('not-a-string.json');
    expect(readJsonHost(numeric).problems.map((p) => [p.message, at(numeric, p.range.start)])).toEqual([
      ['the formula at autoScaleFormula is not a string', '1:40'],
    ]);
  });

  it('reads an ARM expression it cannot follow as a placeholder named by its text, never as formula text', () => {
    const text = `{"resources": [{"type": "Microsoft.Batch/batchAccounts/pools", "name": "p",
      "properties": {"scaleSettings": {"autoScale": {"formula": "[reference('x').formula]"}}}}]}`;
    const [formula] = readJsonHost(text).formulas.map((f) => assemble(f, new Map()));
    expect(formula?.placeholders.map((p) => p.name)).toEqual(["reference('x').formula"]);
    // `[[` at the start is a literal `[`: not an expression.
    const literal = text.replace("[reference('x').formula]", '[[x = 1;');
    expect(readJsonHost(literal).formulas.map((f) => assemble(f, new Map()).text)).toEqual(['[x = 1;']);
  });
});

describe('diagnostics of an embedded formula at host positions', () => {
  /** Each diagnostic of each formula of a fixture as `line:col CODE`, from the whole check path. */
  function hostDiagnostics(name: string, values = new Map<string, string>()): string[] {
    const text = fixture(name);
    const host = readHostFile(name, text, { values });
    const out = host.problems.map((d) => `${at(text, d.range.start)} ${d.code}`);
    for (const formula of host.formulas)
      for (const d of embeddedDiagnostics(formula, analyzeFormula(formula.text)))
        out.push(`${formula.name} ${at(text, d.range.start)}-${at(text, d.range.end)} ${d.code}`);
    return out;
  }

  it('puts a missing semicolon in a REST body at the host column', () => {
    // `$TargetLowPriorityNodes` starts at column 46 of line 7 in the host file.
    expect(hostDiagnostics('rest-body.json')).toEqual(['batchpool 7:47-7:70 AS1002']);
  });

  it('underlines a quoted keyword through its escaped quotes in pool JSON', () => {
    // "taskcompletion" in the formula is \"taskcompletion\" in the host: 18 host characters.
    expect(hostDiagnostics('pool-show.json')).toEqual(['render-pool 5:204-5:222 AS2010']);
  });

  it('reports a placeholder without a value once, at the interpolation, and nothing inside it', () => {
    const arm = hostDiagnostics('arm-template.json');
    expect(arm.filter((d) => d.endsWith('AS5002'))).toEqual([
      'capped 32:65-32:87 AS5002',
      'formatted 50:98-50:120 AS5002',
      'formatted 50:98-50:120 AS5002',
    ]);
    expect(
      hostDiagnostics('arm-template.json', new Map([['maxNodes', '12']])).filter((d) => d.endsWith('AS5002')),
    ).toEqual([]);
  });

  it('reports what is wrong with the host file as AS5001', () => {
    expect(hostDiagnostics('not-json.json')).toEqual(['4:1 AS5001']);
  });
});

describe('pool JSON as an evaluation context', () => {
  it('reads the counts, targets and slots from the data plane shape and from management REST properties', () => {
    expect(readPoolRun(fixture('pool-agrees.json'))).toEqual({
      pool: {
        currentDedicatedNodes: 4,
        currentLowPriorityNodes: 2,
        targetDedicatedNodes: 4,
        targetLowPriorityNodes: 2,
        taskSlotsPerNode: 4,
      },
      recorded: {
        // Seven fractional digits, as the service prints them, read to the millisecond.
        evaluatedAt: Date.parse('2026-11-30T10:15:00.123Z'),
        results: '$TargetDedicatedNodes=4;$TargetLowPriorityNodes=2;$NodeDeallocationOption=taskcompletion',
        error: null,
      },
    });
    const rest =
      '{"name": "p", "properties": {"currentDedicatedNodes": 3, "maxTasksPerNode": 2, "autoScaleRun": {"timestamp": "x", "error": {"code": "InsufficientSampleData", "message": "m"}}}}';
    expect(readPoolRun(rest)).toEqual({
      pool: { currentDedicatedNodes: 3, taskSlotsPerNode: 2 },
      recorded: { evaluatedAt: undefined, results: '', error: { code: 'InsufficientSampleData', message: 'm' } },
    });
    expect(readPoolRun('{"id": "no-run"}')).toEqual({ pool: {}, recorded: undefined });
    expect(readPoolRun('[1, 2]')).toBeUndefined();
  });

  it('compares results entry by entry, and errors by code', () => {
    const recorded = { evaluatedAt: 0, results: '$TargetDedicatedNodes=4;x=1', error: null };
    expect(compareWithRecorded('$TargetDedicatedNodes=4;x=1', null, recorded)).toEqual({
      agrees: true,
      differences: [],
    });
    expect(compareWithRecorded('$TargetDedicatedNodes=5;y=2', { code: 'InsufficientSampleData' }, recorded)).toEqual({
      agrees: false,
      differences: [
        'error: InsufficientSampleData here, none recorded',
        '$TargetDedicatedNodes=5 here, $TargetDedicatedNodes=4 recorded',
        'y=2 here, not in the recorded results',
        'x=1 recorded, not in these results',
      ],
    });
  });
});
