// Editor features inside the formulas of host files: ARM templates and pool JSON, Bicep and
// Terraform, where most users keep their formulas. Core's host readers find each pool's formula
// and give its text as the service receives it, with a map between formula and host offsets; here
// each feature runs on that text, and its answer comes back at host offsets. Only diagnostics,
// hover, completion and signature help cross over: the rest (formatting, rename, symbols, colours)
// belong to the host language's own tools, which own the whole file.

import {
  type Diagnostic,
  detectHostKind,
  embeddedDiagnostics,
  type EmbeddedFormula,
  type HostKind,
  readHostFile,
} from '@autoscale/core';
import { completion, type CompletionList } from './completion/completion.ts';
import { diagnostics as formulaDiagnostics, type ServiceDiagnostic, toServiceDiagnostic } from './diagnostics.ts';
import { analyzeDocument } from './document.ts';
import { hover, type Hover } from './hover.ts';
import type { DiagnosticLayers } from './settings.ts';
import { signatureHelp, type SignatureHelp } from './signature-help.ts';
import { snippetToPlainText } from './snippets.ts';

/** A host file read for the editor: its kind and the formulas in it. */
export interface HostDocument {
  kind: Exclude<HostKind, 'formula'>;
  formulas: readonly EmbeddedFormula[];
}

export interface HostReadOptions {
  /** Values for placeholders by name (`var.max_nodes`, `minNodes`, `parameters('x')`). */
  values?: ReadonlyMap<string, string>;
}

/**
 * Host files larger than this are not read for formulas: a pool template is kilobytes, and an
 * editor must stay responsive in a multi-megabyte JSON file that happens to mention "formula".
 */
export const MAX_HOST_DOCUMENT_LENGTH = 4 * 1024 * 1024;

/** Every host reader looks for a key or attribute spelled this way; a text without it holds no formula. */
const MENTIONS_FORMULA = /formula/i;

/**
 * The host file `text` named `fileName` (its extension, then its content, decides the kind), or
 * undefined when it is not a host file holding a pool formula: a plain formula, a JSON file of
 * another kind, a text too long to read. What is wrong with the host file itself is left to its
 * own language's tools.
 */
export function readHostDocument(
  fileName: string,
  text: string,
  options: HostReadOptions = {},
): HostDocument | undefined {
  if (text.length > MAX_HOST_DOCUMENT_LENGTH || !MENTIONS_FORMULA.test(text)) return undefined;
  const kind = detectHostKind(fileName, text);
  if (kind === 'formula') return undefined;
  const read = readHostFile(fileName, text, { kind, ...(options.values ? { values: options.values } : {}) });
  return read.formulas.length === 0 ? undefined : { kind, formulas: read.formulas };
}

/**
 * What keeps a text that looks like a host file from being read as one (AS5001: JSON that does not
 * parse, ...), or undefined when it reads, or does not look like a host file at all. For a text
 * given as a formula (a paste into the playground): a broken pool JSON then shows where the JSON
 * is broken instead of a screen of formula syntax errors.
 */
export function unreadableHost(fileName: string, text: string): ServiceDiagnostic[] | undefined {
  if (text.length > MAX_HOST_DOCUMENT_LENGTH || !MENTIONS_FORMULA.test(text)) return undefined;
  const kind = detectHostKind(fileName, text);
  if (kind === 'formula') return undefined;
  const read = readHostFile(fileName, text, { kind });
  const problems = read.problems.filter((d) => d.code === 'AS5001');
  return read.formulas.length === 0 && problems.length > 0 ? problems.map(toServiceDiagnostic) : undefined;
}

/**
 * The diagnostics of every formula in the file, at host ranges. A placeholder without a value
 * (AS5002) is information here rather than the command line's error: the file is fine as it is,
 * only the check around the placeholder is incomplete, and an editor full of red over valid Bicep
 * would teach users to ignore it.
 */
export function hostDiagnostics(host: HostDocument, layers?: Partial<DiagnosticLayers>): ServiceDiagnostic[] {
  const out: ServiceDiagnostic[] = [];
  for (const formula of host.formulas) {
    const doc = analyzeDocument(formula.text);
    const shown = formulaDiagnostics(doc, layers);
    const mapped: Diagnostic[] = embeddedDiagnostics(formula, { diagnostics: shown });
    for (const d of mapped) {
      const service = toServiceDiagnostic(d);
      if (d.code === 'AS5002') service.severity = 'info';
      out.push(service);
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** The formula a host offset is in, and the offset within it; undefined outside every formula. */
function formulaAt(host: HostDocument, hostOffset: number): { formula: EmbeddedFormula; offset: number } | undefined {
  for (const formula of host.formulas) {
    if (hostOffset < formula.hostRange.start || hostOffset > formula.hostRange.end) continue;
    const offset = formula.map.toFormula(hostOffset);
    if (offset !== undefined) return { formula, offset };
  }
  return undefined;
}

export function hostHover(host: HostDocument, hostOffset: number): Hover | undefined {
  const at = formulaAt(host, hostOffset);
  if (!at) return undefined;
  const answer = hover(analyzeDocument(at.formula.text), at.offset);
  return answer ? { ...answer, range: at.formula.map.rangeToHost(answer.range) } : undefined;
}

/**
 * Completion inside a formula string. An item is offered only where inserting it needs no host
 * escaping: its text is free of quotes, backslashes, interpolation starts and line breaks, and the
 * word it replaces is verbatim host text. That keeps every name and call; multi-line templates,
 * which would need the host's escapes, are left out.
 */
export function hostCompletion(host: HostDocument, hostOffset: number): CompletionList {
  const at = formulaAt(host, hostOffset);
  if (!at) return { context: 'none', items: [] };
  const list = completion(analyzeDocument(at.formula.text), at.offset);
  const items = list.items.flatMap((item) => {
    const inserted = item.insertTextFormat === 'snippet' ? snippetToPlainText(item.insertText) : item.insertText;
    if (HOST_ESCAPED.test(inserted)) return [];
    const range = at.formula.map.rangeToHost(item.range);
    if (range.end - range.start !== item.range.end - item.range.start) return [];
    return [{ ...item, range }];
  });
  return { context: list.context, items };
}

export function hostSignatureHelp(host: HostDocument, hostOffset: number): SignatureHelp | undefined {
  const at = formulaAt(host, hostOffset);
  return at ? signatureHelp(analyzeDocument(at.formula.text), at.offset) : undefined;
}

/** Text some host string syntax would escape or read as interpolation (JSON, Bicep, Terraform). */
const HOST_ESCAPED = /["'\\\r\n]|\$\{|%\{/;
