// The Terraform reader's template stage: one scanned HCL template (quoted string or heredoc) turned
// into formula pieces. It follows HCL's own order (hclsyntax/parser_template.go): literal runs are
// decoded (backslash escapes in quoted strings only; `$${` and `%%{` in both), the `~` strip markers
// trim the neighbouring literal, and then `<<-` removes the common indentation. Trimmed and removed
// characters are host text outside every piece: the offset map bridges such gaps. A `%{ }` directive
// cannot be expanded without Terraform's values, so it makes the template unreadable.

import type { FormulaPiece, HostProblem, PlaceholderPiece, TextPiece } from './embedded.ts';
import { textPieces } from './embedded.ts';
import { type HclTemplate, isHclSpace } from './terraform-scanner.ts';

export interface TemplateReading {
  pieces: FormulaPiece[];
  problems: HostProblem[];
  /** False when the formula's text cannot be known (a directive, an unclosed sequence or string). */
  readable: boolean;
}

/** A template token as HCL's parser sees it: a decoded literal, or an interpolation. */
type Part =
  | { kind: 'literal'; pieces: TextPiece[] }
  | { kind: 'placeholder'; piece: PlaceholderPiece; stripBefore: boolean; stripAfter: boolean };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** `subject` names the formula's owner in messages, e.g. `azurerm_batch_pool "big"`. */
export function readTemplate(host: string, template: HclTemplate, subject: string): TemplateReading {
  const problems: HostProblem[] = [];
  let readable = template.closed;
  const parts: Part[] = [];
  for (const part of template.parts) {
    if (part.kind === 'literal') {
      const decode = (at: number) => decodeAt(host, at, part.end, !template.heredoc, problems);
      parts.push({ kind: 'literal', pieces: textPieces(host, part.start, part.end, decode) });
    } else if (part.kind === 'interpolation') {
      readable &&= part.closed;
      const name = host.slice(part.exprStart, part.exprEnd).trim();
      const piece: PlaceholderPiece = {
        kind: 'placeholder',
        name,
        hostStart: part.start,
        hostLength: part.end - part.start,
      };
      parts.push({ kind: 'placeholder', piece, stripBefore: part.stripBefore, stripAfter: part.stripAfter });
    } else {
      readable = false;
      const keyword = /^\s*([\w-]*)/.exec(host.slice(part.exprStart, part.exprEnd))?.[1] ?? '';
      problems.push({
        message: `the formula of ${subject} uses a template directive, %{ ${keyword} }, which the toolkit cannot expand: write the formula without %{ } directives`,
        range: { start: part.start, end: part.end },
      });
    }
  }
  applyStripMarkers(parts);
  if (template.flush) flushIndentation(parts);
  const pieces = parts.flatMap<FormulaPiece>((part) => (part.kind === 'literal' ? part.pieces : [part.piece]));
  return { pieces: pieces.filter((piece) => piece.hostLength > 0), problems, readable };
}

/** The escape at `at` (before `end`), or undefined for an ordinary character. */
function decodeAt(
  host: string,
  at: number,
  end: number,
  backslashes: boolean,
  problems: HostProblem[],
): { text: string; length: number } | undefined {
  const c = host.charAt(at);
  if ((c === '$' || c === '%') && at + 3 <= end && host.charAt(at + 1) === c && host.charAt(at + 2) === '{')
    return { text: `${c}{`, length: 3 };
  if (c !== '\\' || !backslashes || at + 2 > end) return undefined;
  const selector = host.charAt(at + 1);
  const simple = SIMPLE_ESCAPES[selector];
  if (simple !== undefined) return { text: simple, length: 2 };
  const digits = selector === 'u' ? 4 : selector === 'U' ? 8 : 0;
  let hexEnd = at + 2;
  while (hexEnd < Math.min(end, at + 2 + digits) && /[0-9a-fA-F]/.test(host.charAt(hexEnd))) hexEnd++;
  const hex = host.slice(at + 2, hexEnd);
  const codePoint = digits > 0 && hex.length === digits ? Number.parseInt(hex, 16) : -1;
  // Go cannot encode surrogates or values past U+10FFFF in UTF-8, so HCL rejects them.
  if (codePoint >= 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff))
    return { text: String.fromCodePoint(codePoint), length: 2 + digits };
  const length = digits > 0 ? 2 + hex.length : 2;
  problems.push({
    message: `invalid escape sequence ${host.slice(at, at + length)}: HCL knows \\n, \\r, \\t, \\", \\\\, \\uNNNN and \\UNNNNNNNN`,
    range: { start: at, end: at + length },
  });
  // Kept as written, so the rest of the formula still reads.
  return { text: host.slice(at, at + length), length };
}

/** `${~` trims the whitespace ending the literal just before, `~}` the whitespace starting the one after. */
function applyStripMarkers(parts: Part[]): void {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part?.kind !== 'placeholder') continue;
    const before = parts[i - 1];
    const after = parts[i + 1];
    if (part.stripBefore && before?.kind === 'literal') trimEnd(before.pieces);
    if (part.stripAfter && after?.kind === 'literal') trimStart(after.pieces, Number.POSITIVE_INFINITY);
  }
}

/**
 * HCL's flush-heredoc rule: count the leading whitespace characters of every literal that starts a
 * line, ignoring blank lines (a literal of whitespace ending with its line break), and remove the
 * smallest count from each counted literal. A line starting with an interpolation counts zero, and
 * blank lines keep their whitespace, as in HCL.
 */
function flushIndentation(parts: Part[]): void {
  let smallest = Number.POSITIVE_INFINITY;
  const counted: TextPiece[][] = [];
  let lineStart = true;
  for (const part of parts) {
    const text = part.kind === 'literal' ? part.pieces.map((piece) => piece.text).join('') : '';
    if (lineStart) {
      lineStart = false;
      const spaces = part.kind === 'literal' ? leadingSpaces(text) : 0;
      const blank = part.kind === 'literal' && spaces === text.length && text.endsWith('\n');
      if (!blank) smallest = Math.min(smallest, spaces);
      if (!blank && part.kind === 'literal') counted.push(part.pieces);
    }
    if (text.endsWith('\n')) lineStart = true;
  }
  if (smallest === Number.POSITIVE_INFINITY || smallest === 0) return;
  for (const pieces of counted) trimStart(pieces, smallest);
}

function leadingSpaces(text: string): number {
  let n = 0;
  while (n < text.length && isHclSpace(text.charAt(n))) n++;
  return n;
}

/** Removes up to `count` leading whitespace characters from a literal's pieces. */
function trimStart(pieces: TextPiece[], count: number): void {
  let left = count;
  while (left > 0 && pieces.length > 0) {
    const first = pieces[0] as TextPiece;
    const n = Math.min(left, leadingSpaces(first.text));
    if (n === 0) return;
    // An escape (`\t`, `\n`) is one formula character from several host characters: all or nothing.
    if (first.text.length !== first.hostLength && n < first.text.length) return;
    left -= n;
    if (n === first.text.length) pieces.shift();
    else
      pieces[0] = {
        ...first,
        text: first.text.slice(n),
        hostStart: first.hostStart + n,
        hostLength: first.hostLength - n,
      };
    if (n < first.text.length) return;
  }
}

/** Removes the trailing whitespace of a literal's pieces. */
function trimEnd(pieces: TextPiece[]): void {
  for (;;) {
    const last = pieces[pieces.length - 1];
    if (last === undefined) return;
    let keep = last.text.length;
    while (keep > 0 && isHclSpace(last.text.charAt(keep - 1))) keep--;
    if (keep === last.text.length) return;
    if (keep > 0 && last.text.length !== last.hostLength) return;
    if (keep === 0) pieces.pop();
    else pieces[pieces.length - 1] = { ...last, text: last.text.slice(0, keep), hostLength: keep };
    if (keep > 0) return;
  }
}
