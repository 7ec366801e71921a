// Source positions: converts half-open UTF-16 offsets into 0-based LSP positions and into the
// service's 1-based "Line L, Col C" form. Knows nothing about the language itself.

export interface Range {
  /** Offset of the first character (UTF-16 code units, 0-based). */
  start: number;
  /** Offset just past the last character (half-open). */
  end: number;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/** Line starts of a text, computed once, for fast offset to line/column conversion. */
export class LineMap {
  private readonly lineStarts: number[];
  readonly text: string;

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    // indexOf skips through long lines far faster than a character loop. The next CR and LF are
    // remembered and searched again only once passed: searching for the kind a text has none of
    // (CR in most files) at every line would scan to the end each time, quadratic in its length.
    let i = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (lf >= 0 && lf < i) lf = text.indexOf('\n', i);
      if (cr >= 0 && cr < i) cr = text.indexOf('\r', i);
      if (lf < 0 && cr < 0) break;
      const at = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      // CR LF counts as one line break; a lone CR or LF also ends a line.
      i = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
      starts.push(i);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.lineStarts[lo] ?? 0) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** The text of a 0-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = this.lineStarts[line + 1];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$|\r$/, '');
  }

  /** The service's 1-based "Line L, Col C" prefix for an offset. */
  serviceLocation(offset: number): string {
    const p = this.positionAt(offset);
    return `Line ${p.line + 1}, Col ${p.character + 1}`;
  }
}
