// The formula under test: read from `formula` (a path relative to the test file: a formula file, or
// a pool's formula in an ARM, Bicep, Terraform or pool JSON file, `infra/main.bicep#render`) or
// taken from `formula_text`, analysed and compiled ONCE per test file. A formula that does not
// parse is a load error at the YAML node (inside a `|` block, at the offending line of the block
// itself; in a host file, at the host file's line and column). `vars:` gives values to the
// placeholders of a formula in a host file (`${var.max_nodes}`, `[parameters('maxNodes')]`). The formula keeps how to find its
// offsets in its file, for reports that point into it.

import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  analyzeFormula,
  codeInfo,
  compileFormula,
  type EmbeddedFormula,
  type HostFile,
  isHostFileName,
  readHostFile,
  registry,
} from '@autoscale/core';
import { fileErrorReason, readTextSync, type InputKind } from '@autoscale/node-io';
import { isScalar, Scalar, type Node } from 'yaml';
import type { FilePosition, FormulaUnderTest, Location } from './model.ts';
import type { Member, YamlSource } from './yaml-reader.ts';

/** Returns the file's text, or a short reason it cannot be read. */
export type FormulaFileReader = (absolutePath: string) => { ok: true; text: string } | { ok: false; reason: string };

/**
 * A reader of a regular file of `kind`, as strict UTF-8 within the kind's bound (a leading byte order mark is dropped).
 */
function regularFileReader(kind: Extract<InputKind, 'formula' | 'hostFile' | 'testFile'>): FormulaFileReader {
  return (absolutePath) => {
    try {
      // A test names its files: a device or a pipe (/dev/zero, /dev/stdin) is never one of them.
      const stats = statSync(absolutePath);
      if (!stats.isFile() && !stats.isDirectory())
        return { ok: false, reason: 'not a regular file (a device, a pipe or a socket)' };
      const text = readTextSync(absolutePath, kind);
      return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    } catch (err) {
      return { ok: false, reason: fileErrorReason(err) };
    }
  };
}

// Host files are read within their own bound (an ARM template is larger than a formula).
const readPlainFormula = regularFileReader('formula');
const readHost = regularFileReader('hostFile');

/** Reads a formula file (or a host file holding formulas) named by a test file's `formula:`. */
export const readFormulaFile: FormulaFileReader = (absolutePath) =>
  isHostFileName(absolutePath) ? readHost(absolutePath) : readPlainFormula(absolutePath);
/** Reads a test file (*.autoscale-test.yaml). */
export const readTestFileText: FormulaFileReader = regularFileReader('testFile');

/** The formula a test file names: undefined when it cannot be used (reported); `file` is its file (absolute) even then. */
export interface LoadedFormula {
  formula: FormulaUnderTest | undefined;
  file: string | undefined;
}

/** Loads the formula named by the file's `formula` or `formula_text` member (exactly one must be there). */
export function loadFormula(
  src: YamlSource,
  top: readonly Member[],
  absoluteFile: string,
  read: FormulaFileReader,
): LoadedFormula {
  const none: LoadedFormula = { formula: undefined, file: undefined };
  const byPath = top.find((m) => m.key === 'formula');
  const inline = top.find((m) => m.key === 'formula_text');
  const varsMember = top.find((m) => m.key === 'vars');
  const vars = varsMember === undefined ? undefined : readVars(src, varsMember);
  const notInHost = () => {
    if (varsMember !== undefined)
      src.error(
        varsMember.keyNode,
        varsMember.path,
        'vars gives values to the placeholders of a formula in an ARM, Bicep or Terraform file; this formula is not in one',
      );
  };
  if (byPath !== undefined && inline !== undefined) {
    src.error(inline.keyNode, inline.path, 'give either "formula" (a file) or "formula_text", not both');
    return none;
  }
  if (inline !== undefined) {
    notInHost();
    const text = src.text(inline.value, inline.path, 'the formula as text (e.g. a `|` block)');
    if (text === undefined) return none;
    return { formula: compile(src, inline, text, `${src.file}#formula_text`, undefined), file: undefined };
  }
  if (byPath === undefined) {
    src.report(
      src.root === null ? undefined : src.location(src.root),
      '',
      'missing "formula" (path of the formula file, relative to this file) or "formula_text"',
    );
    return none;
  }
  const given = src.text(byPath.value, byPath.path, 'the path of the formula file, relative to this file');
  if (given === undefined) return none;
  // `infra/main.bicep#render`: the pool `render` of a host file.
  const hash = existsSync(resolve(dirname(absoluteFile), given)) ? -1 : given.lastIndexOf('#');
  const relativePath = hash > 0 ? given.slice(0, hash) : given;
  const poolName = hash > 0 ? given.slice(hash + 1) : undefined;
  const absolute = resolve(dirname(absoluteFile), relativePath);
  const failed: LoadedFormula = { formula: undefined, file: absolute };
  const loaded = read(absolute);
  if (!loaded.ok) {
    src.error(byPath.value, byPath.path, `cannot read formula "${relativePath}" (${absolute}): ${loaded.reason}`);
    return failed;
  }
  const text = loaded.text.charCodeAt(0) === 0xfeff ? loaded.text.slice(1) : loaded.text;
  const name = isAbsolute(relativePath) ? relativePath : join(dirname(src.file), relativePath);
  const host = readHostFile(absolute, text, vars === undefined ? {} : { values: vars });
  if (host.kind === 'formula' && poolName === undefined) {
    notInHost();
    return { formula: compile(src, byPath, text, name, absolute), file: absolute };
  }
  const picked = pickFormula(host, poolName, name);
  if (typeof picked === 'string') {
    src.error(byPath.value, byPath.path, picked);
    return failed;
  }
  // A misspelt name under vars is the likelier mistake when a placeholder is also left empty.
  if (varsMember !== undefined && vars !== undefined && !unusedVars(src, varsMember, vars, picked, name)) return failed;
  const unfilled = unfilledPlaceholders(picked, name);
  if (unfilled !== undefined) {
    src.error(byPath.value, byPath.path, unfilled);
    return failed;
  }
  const inHost = (offset: number): FilePosition => {
    const p = host.lines.positionAt(picked.map.toHost(offset));
    return { file: name, line: p.line + 1, column: p.character + 1 };
  };
  return { formula: compile(src, byPath, picked.text, `${name}#${picked.name}`, absolute, inHost), file: absolute };
}

/** The formula of a host file a test names, or why there is not exactly one it can test. */
function pickFormula(host: HostFile, poolName: string | undefined, file: string): EmbeddedFormula | string {
  if (host.kind === 'formula') return `${file} is a formula file: "#${poolName}" names a pool in a host file`;
  const [problem] = host.problems;
  if (problem !== undefined) {
    const p = host.lines.positionAt(problem.range.start);
    return `cannot read a formula from ${file}:${p.line + 1}:${p.character + 1}: ${problem.code} ${problem.message}`;
  }
  const names = host.formulas.map((f) => `#${f.name}`).join(', ');
  const matching = poolName === undefined ? host.formulas : host.formulas.filter((f) => f.name === poolName);
  const [formula] = matching;
  if (formula === undefined) return `${file} has no formula named "${poolName}"; it has ${names}`;
  if (matching.length > 1) return `${file} holds ${matching.length} formulas; name one as ${file}#NAME (${names})`;
  return formula;
}

/** Why the formula cannot be tested yet: a placeholder with no value under vars. */
function unfilledPlaceholders(formula: EmbeddedFormula, file: string): string | undefined {
  const unfilled = formula.placeholders.filter((p) => p.value === undefined).map((p) => p.name);
  if (unfilled.length === 0) return undefined;
  const example = unfilled.map((n) => `${n}: 10`).join(', ');
  const one = unfilled.length === 1;
  return `the formula of ${file}#${formula.name} uses ${unfilled.join(', ')}, which ${one ? 'has' : 'have'} no value here: give ${one ? 'it one' : 'them values'} under vars (vars: { ${example} })`;
}

/** `vars:` as names and values (a value is a formula text: a number, or any scalar's text). */
function readVars(src: YamlSource, member: Member): Map<string, string> | undefined {
  const members = src.members(member.value, member.path, "values for the formula's placeholders, by name");
  if (members === undefined) return undefined;
  const values = new Map<string, string>();
  for (const m of members) {
    const value = src.text(m.value, m.path, 'a value for the placeholder (a number or a formula text)');
    if (value !== undefined) values.set(m.key, value);
  }
  return values;
}

/**
 * Reports each name under `vars` that fills no placeholder of the formula (a misspelt name would
 * otherwise leave the placeholder empty and the test testing something else); false when any does.
 * A name fills a placeholder named so, or a dotted one (`var.max_nodes`) by its last part.
 */
function unusedVars(
  src: YamlSource,
  member: Member,
  vars: ReadonlyMap<string, string>,
  formula: EmbeddedFormula,
  file: string,
): boolean {
  const names = new Set(formula.placeholders.flatMap((p) => [p.name, p.name.slice(p.name.lastIndexOf('.') + 1)]));
  const uses =
    formula.placeholders.length === 0 ? 'it has none' : `it uses ${formula.placeholders.map((p) => p.name).join(', ')}`;
  let ok = true;
  for (const key of vars.keys()) {
    if (names.has(key)) continue;
    ok = false;
    const keyNode = src.members(member.value, member.path, '')?.find((m) => m.key === key)?.keyNode;
    src.error(
      keyNode ?? member.keyNode,
      `${member.path}.${key}`,
      `"${key}" fills no placeholder of ${file}#${formula.name}; ${uses}`,
    );
  }
  return ok;
}

function compile(
  src: YamlSource,
  member: Member,
  text: string,
  name: string,
  path: string | undefined,
  /** For a formula inside a host file: where a formula offset is in the host file. */
  inHost?: (offset: number) => FilePosition,
): FormulaUnderTest | undefined {
  const analysis = analyzeFormula(text);
  /** In the test file, for formula_text: at the line of a `|` block, else at the node. */
  const inTestFile = (offset: number): Location => {
    const p = analysis.lines.positionAt(offset);
    return (
      inlinePosition(src, member.value, analysis.lines.lineText(p.line), p.line, p.character) ??
      src.location(member.value) ?? { line: 1, column: 1 }
    );
  };
  const locate = (offset: number): FilePosition => {
    if (inHost !== undefined) return inHost(offset);
    if (path === undefined) return { file: src.file, ...inTestFile(offset) };
    const p = analysis.lines.positionAt(offset);
    return { file: name, line: p.line + 1, column: p.character + 1 };
  };
  const syntaxErrors = analysis.diagnostics.filter(
    (d) => d.severity === 'error' && codeInfo(d.code).layer === 'syntax',
  );
  if (syntaxErrors.length > 0) {
    for (const d of syntaxErrors) {
      const p = analysis.lines.positionAt(d.range.start);
      const at = locate(d.range.start);
      const where =
        path === undefined
          ? `line ${p.line + 1}, column ${p.character + 1} of formula_text`
          : `${at.file}:${at.line}:${at.column}`;
      src.report(
        inTestFile(d.range.start),
        member.path,
        `the formula does not parse: ${where}: ${d.code} ${d.message}`,
        {
          code: d.code,
          ...at,
        },
      );
    }
    return undefined;
  }
  const assigned = new Set<string>();
  for (const s of analysis.formula.statements) {
    if (s.kind === 'Assignment') assigned.add(registry.variable(s.target.name)?.name ?? s.target.name);
  }
  return { name, path, text, analysis, compiled: compileFormula(text, analysis.parsed), assigned, locate };
}

/**
 * Where formula line `line`, column `character` (0-based) sits in the test file, when the formula is
 * a literal block scalar (`|`): its lines are the block's lines minus the indentation. Checked
 * against the file's text, so anything unexpected falls back to the node's own position.
 */
function inlinePosition(
  src: YamlSource,
  node: Node | null,
  lineText: string,
  line: number,
  character: number,
): Location | undefined {
  if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL || node.range === undefined || node.range === null)
    return undefined;
  const header = src.locationOf(node.range[0]);
  const fileLines = src.source.split(/\r\n|\r|\n/);
  const target = fileLines[header.line + line];
  if (target === undefined) return undefined;
  const indent = target.length - lineText.length;
  if (indent < 0 || target.slice(indent) !== lineText || target.slice(0, indent).trim() !== '') return undefined;
  return { line: header.line + 1 + line, column: indent + character + 1 };
}
