// A file that holds formulas, whatever its kind: a plain formula file, or a host file (ARM template
// or pool JSON, Bicep, Terraform) with formulas embedded in it. `readHostFile` detects the kind
// (by extension, then content; `kind` overrides), finds the formulas, fills their placeholders
// from the given values and reports what is wrong with the host file itself (AS5001, or AS5003
// when it holds no pool formula at all) as diagnostics at host ranges. `embeddedDiagnostics` turns a formula's own diagnostics into the
// host file's: mapped to host ranges, without those inside a placeholder that has no value, and
// with one AS5002 for each such placeholder.

import type { FormulaAnalysis } from '../analyze.ts';
import { type Diagnostic, diagnostic } from '../diagnostics.ts';
import { LineMap, type Range } from '../text/source.ts';
import { readBicep } from './bicep.ts';
import { assemble, type EmbeddedFormula, type HostKind, type HostReadResult } from './embedded.ts';
import { readJsonHost } from './json.ts';
import { OffsetMap } from './offset-map.ts';
import { readTerraform } from './terraform.ts';

/** How each kind is named in messages. */
export const HOST_KIND_NAMES: Readonly<Record<HostKind, string>> = {
  formula: 'formula',
  arm: 'ARM template',
  'pool-json': 'pool JSON',
  bicep: 'Bicep',
  terraform: 'Terraform',
};

export interface HostFile {
  kind: HostKind;
  /** The host file's lines, for positions of every diagnostic about it. */
  lines: LineMap;
  formulas: EmbeddedFormula[];
  /** What is wrong with the host file itself (AS5001), at host ranges, or that it holds no formula (AS5003). */
  problems: Diagnostic[];
}

export interface ReadHostOptions {
  /** The kind, when the user said; otherwise detected. */
  kind?: HostKind | undefined;
  /** Values for placeholders, by name (`--var`). */
  values?: ReadonlyMap<string, string>;
}

/** Names of files that may hold formulas of pools (ARM or pool JSON, Bicep, Terraform). */
const HOST_FILE_NAME = /\.(?:json|jsonc|bicep|tf)$/i;

/** Whether a file's name says it may be a host file (its content decides which pools it has). */
export function isHostFileName(fileName: string): boolean {
  return HOST_FILE_NAME.test(fileName);
}

/** The kind of a file by its name, then its content. */
export function detectHostKind(fileName: string, text: string): HostKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.bicep')) return 'bicep';
  if (lower.endsWith('.tf')) return 'terraform';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return jsonKind(text);
  if (lower.endsWith('.autoscale')) return 'formula';
  const start = text.trimStart();
  if (start.startsWith('{') && /"(?:autoScaleFormula|formula)"\s*:/.test(text)) return jsonKind(text);
  if (/\bresource\s+"azurerm_batch_pool"/.test(text)) return 'terraform';
  if (/\bresource\s+\w+\s+'Microsoft\.Batch\/batchAccounts/i.test(text)) return 'bicep';
  return 'formula';
}

function jsonKind(text: string): HostKind {
  return /"\$schema"\s*:\s*"[^"]*deploymentTemplate/i.test(text) || /"resources"\s*:\s*\[/.test(text)
    ? 'arm'
    : 'pool-json';
}

export function readHostFile(fileName: string, text: string, options: ReadHostOptions = {}): HostFile {
  const kind = options.kind ?? detectHostKind(fileName, text);
  const lines = new LineMap(text);
  if (kind === 'formula') {
    const map = new OffsetMap([
      { formulaStart: 0, formulaLength: text.length, hostStart: 0, hostLength: text.length, verbatim: true },
    ]);
    const whole = { start: 0, end: text.length };
    return { kind, lines, formulas: [{ name: '', text, map, placeholders: [], hostRange: whole }], problems: [] };
  }
  const read = readKind(kind, text);
  const values = options.values ?? new Map<string, string>();
  const kindName = HOST_KIND_NAMES[kind];
  const problems = read.problems.map((p) =>
    diagnostic('AS5001', 'unreadable', { kind: kindName, problem: p.message }, p.range),
  );
  if (read.formulas.length === 0 && problems.length === 0)
    problems.push(diagnostic('AS5003', 'noFormula', { kind: kindName }, { start: 0, end: 0 }));
  return { kind, lines, formulas: read.formulas.map((f) => assemble(f, values)), problems };
}

function readKind(kind: Exclude<HostKind, 'formula'>, text: string): HostReadResult {
  switch (kind) {
    case 'arm':
    case 'pool-json':
      return readJsonHost(text);
    case 'bicep':
      return readBicep(text);
    case 'terraform':
      return readTerraform(text);
  }
}

/** A formula's diagnostics as the host file's (see the header). */
export function embeddedDiagnostics(
  formula: EmbeddedFormula,
  analysis: Pick<FormulaAnalysis, 'diagnostics'>,
): Diagnostic[] {
  const unfilled = formula.placeholders.filter((p) => p.value === undefined);
  const inUnfilled = (range: Range) => unfilled.some((p) => range.start < p.range.end && range.end > p.range.start);
  const out: Diagnostic[] = [];
  for (const d of analysis.diagnostics) {
    if (inUnfilled(d.range)) continue;
    // "No target assigned" is about the whole text, and an unfilled placeholder may be the
    // assignment; the bounds of a target (AS4016, AS4017) depend on the value it stands for.
    if (unfilled.length > 0 && VALUE_DEPENDENT.has(d.code)) continue;
    const mapped: Diagnostic = { ...d, range: formula.map.rangeToHost(d.range) };
    if (d.fixes) {
      // A fix's edits are written in formula text; in a host file they would need the host's
      // escaping, so only edits over verbatim text, inserting nothing a host string escapes, are kept.
      const fixes = d.fixes.filter((f) =>
        f.edits.every((e) => isVerbatim(formula, e.range) && !HOST_SPECIAL.test(e.newText)),
      );
      if (fixes.length > 0)
        mapped.fixes = fixes.map((f) => ({
          ...f,
          edits: f.edits.map((e) => ({ ...e, range: formula.map.rangeToHost(e.range) })),
        }));
      else delete mapped.fixes;
    }
    out.push(mapped);
  }
  for (const p of unfilled) out.push(diagnostic('AS5002', 'noValue', { name: p.name }, p.hostRange));
  return out;
}

/** Lints about the whole formula's values, which an unfilled placeholder leaves unknown. */
const VALUE_DEPENDENT: ReadonlySet<string> = new Set(['AS4007', 'AS4016', 'AS4017']);

/** Characters some host string syntax escapes or interpolates. */
const HOST_SPECIAL = /["'\\$%{}\r\n]/;

function isVerbatim(formula: EmbeddedFormula, range: Range): boolean {
  const host = formula.map.rangeToHost(range);
  return host.end - host.start === range.end - range.start;
}
