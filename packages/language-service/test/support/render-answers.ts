// Renders the answers of hover, completion and signature help as compact, stable text for
// whole-output inline snapshots (rust-analyzer's `expect![[...]]` style): a snapshot shows all a
// user would see at a cursor, so any change (order, details, documentation, ranges) shows in a
// test's diff. This file owns the three text formats; the cases live in snapshots.test.ts.
//
// Formats (ranges are drawn as the source line with `^` under the covered text; trailing spaces
// of that line are shown as `␣`):
// - hover: the covered range, `---`, then the markdown verbatim; `no hover` when there is none.
// - completion: a header (the context the service read, the item count), the range the items
//   replace, then one line per item in the order returned: `label | kind | detail`, then, only
//   when present, `insert <text>` (when it differs from the label; snippets as they are; a
//   multi-line one as an indented `insert:` block under the line), `snippet`, `signature help`
//   (the item opens it), `deprecated`, and always `sort <key>` (editors order by sortText, not by
//   the order returned, so it matters). `sort 1` means the sortText is `1` + the label; any other
//   sortText is shown whole in quotes. Documentation is shown, as an indented `documentation:`
//   block, only for the labels a case asks for. A `CompletionList` has no isIncomplete flag (the
//   adapters always send a complete list), so there is none to show.
// - signature help: `activeSignature N, activeParameter N`, then each signature's label (`>` on
//   the active one) with its own active parameter in `[[ ]]`, each parameter's documentation
//   under it, then `---` and the documentation (once when every signature has the same).
//
// Carriage returns are shown as `␍` so CRLF texts stay visible and the test file keeps LF endings.

import {
  LineMap,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Range,
  type SignatureHelp,
  type SignatureInformation,
} from '@autoscale/language-service';

const CARRIAGE_RETURN_SHOWN = '␍';

function showCarriageReturns(text: string): string {
  return text.replaceAll('\r', CARRIAGE_RETURN_SHOWN);
}

/** Trailing spaces as `␣`: editors strip trailing whitespace from a snapshot, and a reader could not see them. */
function showTrailingSpaces(line: string): string {
  const trailing = /[ \t]+$/.exec(line);
  return trailing ? `${line.slice(0, trailing.index)}${'␣'.repeat(trailing[0].length)}` : line;
}

/** Each source line the range touches, with `^` under the covered part (one `^` for an empty range). */
export function underlineRange(text: string, range: Range): string {
  const lines = new LineMap(text);
  const first = lines.positionAt(range.start);
  const last = lines.positionAt(range.end);
  const out: string[] = [];
  for (let line = first.line; line <= last.line; line++) {
    const lineText = lines.lineText(line);
    const from = line === first.line ? first.character : 0;
    const to = line === last.line ? last.character : lineText.length;
    out.push(showTrailingSpaces(lineText), `${' '.repeat(from)}${'^'.repeat(Math.max(1, to - from))}`);
  }
  // LineMap's lines never hold a line break (a lone CR ends a line too), so there is no CR to show.
  return out.join('\n');
}

export function renderHover(text: string, answer: Hover | undefined): string {
  if (!answer) return 'no hover';
  return showCarriageReturns(`${underlineRange(text, answer.range)}\n---\n${answer.markdown}`);
}

export interface CompletionRenderOptions {
  /** Labels whose documentation is shown under their line (all of it would repeat hover's snapshots). */
  documentationOf?: readonly string[];
}

export function renderCompletion(text: string, list: CompletionList, options: CompletionRenderOptions = {}): string {
  const { items } = list;
  const count = items.length === 1 ? '1 item' : `${items.length} items`;
  const out = [`context ${list.context}, ${count}`];
  const shared = items[0]?.range;
  const allShareRange = shared !== undefined && items.every((i) => sameRange(i.range, shared));
  if (shared && allShareRange)
    out.push(`replaces${isEmpty(shared) ? ' (empty range)' : ''}:`, underlineRange(text, shared));
  const labelWidth = Math.max(0, ...items.map((i) => i.label.length));
  const kindWidth = Math.max(0, ...items.map((i) => i.kind.length));
  for (const item of items) {
    const columns = [item.label.padEnd(labelWidth), item.kind.padEnd(kindWidth), item.detail, ...extrasOf(item)];
    if (!allShareRange) columns.push(`range ${item.range.start}-${item.range.end}`);
    out.push(columns.join(' | '));
    if (isMultiline(item.insertText)) out.push('  insert:', indent(item.insertText, '    '));
    if (options.documentationOf?.includes(item.label)) out.push('  documentation:', indent(item.documentation, '    '));
  }
  return showCarriageReturns(out.join('\n'));
}

function extrasOf(item: CompletionItem): string[] {
  const extras: string[] = [];
  // A multi-line insert text (a template) is shown as a block under the line instead.
  if (item.insertText !== item.label && !isMultiline(item.insertText)) extras.push(`insert ${item.insertText}`);
  if (item.insertTextFormat === 'snippet') extras.push('snippet');
  if (item.triggerSignatureHelp) extras.push('signature help');
  if (item.deprecated) extras.push('deprecated');
  const group = item.sortText.endsWith(item.label) ? item.sortText.slice(0, -item.label.length) : undefined;
  extras.push(group === undefined ? `sort ${JSON.stringify(item.sortText)}` : `sort ${group}`);
  return extras;
}

export function renderSignatureHelp(answer: SignatureHelp | undefined): string {
  if (!answer) return 'no signature help';
  const out = [`activeSignature ${answer.activeSignature}, activeParameter ${answer.activeParameter}`];
  answer.signatures.forEach((signature, index) => {
    const marker = index === answer.activeSignature ? '> ' : '  ';
    const noParameter = signature.activeParameter < 0 ? '  (no active parameter)' : '';
    out.push(`${marker}${labelWithActiveParameter(signature)}${noParameter}`);
    for (const parameter of signature.parameters) out.push(`      ${parameter.documentation}`);
  });
  const documentations = new Set(answer.signatures.map((s) => s.documentation));
  if (documentations.size === 1) out.push('---', ...documentations);
  else for (const [index, s] of answer.signatures.entries()) out.push(`--- signature ${index}`, s.documentation);
  return showCarriageReturns(out.join('\n'));
}

function labelWithActiveParameter(signature: SignatureInformation): string {
  const active = signature.parameters[signature.activeParameter];
  if (!active) return signature.label;
  const [start, end] = active.label;
  const { label } = signature;
  return `${label.slice(0, start)}[[${label.slice(start, end)}]]${label.slice(end)}`;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start === b.start && a.end === b.end;
}

function isMultiline(text: string): boolean {
  return /[\r\n]/.test(text);
}

function isEmpty(range: Range): boolean {
  return range.start === range.end;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `${prefix}${line}`))
    .join('\n');
}
