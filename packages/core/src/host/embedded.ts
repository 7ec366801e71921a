// Formulas embedded in host files (ARM templates and pool JSON, Bicep, Terraform): the model every
// host reader produces and everything downstream consumes. A reader finds each pool's formula and
// describes it as pieces: runs of formula text, each with the host span it came from (an escape
// such as `\n` in a JSON string is one formula character from two host characters), and
// interpolations (`${var.x}`, `[parameters('x')]`), which become named placeholders. `assemble`
// turns the pieces into the formula text the service would receive, with a map from formula
// offsets back to host offsets, so that every diagnostic is reported at the host file's own line
// and column.

import type { Range } from '../text/source.ts';
import { OffsetMap, type OffsetSegment } from './offset-map.ts';

/** The kinds of file a formula is read from; `formula` is a plain `.autoscale` file. */
export const HOST_KINDS = ['formula', 'arm', 'pool-json', 'bicep', 'terraform'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/** A run of formula text: `text` came from the host's [hostStart, hostStart + hostLength). */
export interface TextPiece {
  kind: 'text';
  text: string;
  hostStart: number;
  hostLength: number;
}

/** A host-language interpolation (`${var.x}`, `[parameters('x')]`) standing for a value the file does not hold. */
export interface PlaceholderPiece {
  kind: 'placeholder';
  /** How the user names it for `--var NAME=VALUE`: `var.x`, `x`, `parameters('x')`. */
  name: string;
  hostStart: number;
  hostLength: number;
}

export type FormulaPiece = TextPiece | PlaceholderPiece;

/** A formula as a host reader found it, before placeholders are filled. */
export interface FoundFormula {
  /** The resource that owns it (a pool's symbolic name or name), which names it as `file#name`. */
  name: string;
  pieces: FormulaPiece[];
  /** The host span of the formula's string contents (inside the quotes, or a heredoc's body). */
  hostRange: Range;
}

/** Something about the host file itself: not valid JSON, a formula that is not a string, ... */
export interface HostProblem {
  message: string;
  /** Where, in the host file. */
  range: Range;
}

export interface HostReadResult {
  formulas: FoundFormula[];
  problems: HostProblem[];
}

export interface Placeholder {
  name: string;
  /** Where the placeholder's text is in the formula. */
  range: Range;
  /** Where the interpolation is in the host file. */
  hostRange: Range;
  /** The value from `--var` or the config file, or undefined when there is none. */
  value: string | undefined;
}

/** A formula ready to analyse: its text as the service would receive it, and the way back to the host. */
export interface EmbeddedFormula {
  name: string;
  text: string;
  /** Formula offsets to host offsets. */
  map: OffsetMap;
  placeholders: Placeholder[];
  hostRange: Range;
}

/**
 * What stands in the formula text for a placeholder without a value: a number, so the rest of the
 * statement still parses and checks (diagnostics inside an unfilled placeholder are dropped; the
 * placeholder has its own).
 */
export const UNFILLED_PLACEHOLDER_TEXT = '0';

/** Names made unique within a file: a second `render` becomes `render-2` (a name picks a formula as `file#name`). */
export function uniqueNames(formulas: FoundFormula[]): FoundFormula[] {
  const seen = new Map<string, number>();
  return formulas.map((f) => {
    const count = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, count);
    return count === 1 ? f : { ...f, name: `${f.name}-${count}` };
  });
}
/** Builds the formula text, its offset map and its placeholders, filling placeholders from `values`. */
export function assemble(found: FoundFormula, values: ReadonlyMap<string, string>): EmbeddedFormula {
  let text = '';
  const segments: OffsetSegment[] = [];
  const placeholders: Placeholder[] = [];
  for (const piece of found.pieces) {
    const start = text.length;
    const value = piece.kind === 'placeholder' ? placeholderValue(piece.name, values) : undefined;
    const pieceText = piece.kind === 'text' ? piece.text : (value ?? UNFILLED_PLACEHOLDER_TEXT);
    text += pieceText;
    segments.push({
      formulaStart: start,
      formulaLength: pieceText.length,
      hostStart: piece.hostStart,
      hostLength: piece.hostLength,
      verbatim: piece.kind === 'text' && pieceText.length === piece.hostLength,
    });
    if (piece.kind === 'placeholder') {
      placeholders.push({
        name: piece.name,
        range: { start, end: text.length },
        hostRange: { start: piece.hostStart, end: piece.hostStart + piece.hostLength },
        value,
      });
    }
  }
  return { name: found.name, text, map: new OffsetMap(segments), placeholders, hostRange: found.hostRange };
}

/**
 * The value given for a placeholder: by its whole name, or for a dotted reference (`var.max_nodes`,
 * `local.max`) by its last part, as users know the variable (`max_nodes`).
 */
function placeholderValue(name: string, values: ReadonlyMap<string, string>): string | undefined {
  const exact = values.get(name);
  if (exact !== undefined) return exact;
  const dotted = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/.test(name);
  return dotted ? values.get(name.slice(name.lastIndexOf('.') + 1)) : undefined;
}

/**
 * Pieces for a run of host text that is the formula's text verbatim, except where `decode` says a
 * host sequence stands for other text (escapes): `decode(at)` returns the decoded text and the
 * number of host characters it consumed, or undefined for an ordinary character.
 */
export function textPieces(
  host: string,
  start: number,
  end: number,
  decode?: (at: number) => { text: string; length: number } | undefined,
): TextPiece[] {
  const pieces: TextPiece[] = [];
  let runStart = start;
  const flush = (upTo: number) => {
    if (upTo > runStart)
      pieces.push({ kind: 'text', text: host.slice(runStart, upTo), hostStart: runStart, hostLength: upTo - runStart });
  };
  for (let at = start; at < end; ) {
    const escaped = decode?.(at);
    if (escaped === undefined) {
      at++;
      continue;
    }
    flush(at);
    pieces.push({ kind: 'text', text: escaped.text, hostStart: at, hostLength: escaped.length });
    at += escaped.length;
    runStart = at;
  }
  flush(end);
  return pieces;
}
