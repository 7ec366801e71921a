// Offsets in an embedded formula's text mapped to offsets in its host file and back. The formula
// is a sequence of segments: verbatim runs (one host character per formula character) and
// replaced runs (an escape, a filled placeholder, a heredoc's stripped indentation), where the
// formula text and the host span differ. Inside a replaced run there is no character-exact
// answer, so positions snap to its edges: a diagnostic on an escape underlines the whole escape.

import type { Range } from '../text/source.ts';

export interface OffsetSegment {
  formulaStart: number;
  formulaLength: number;
  hostStart: number;
  hostLength: number;
  /** One host character per formula character, in order. */
  verbatim: boolean;
}

export class OffsetMap {
  private readonly segments: readonly OffsetSegment[];

  /** `segments` in formula order, contiguous from formula offset 0. */
  constructor(segments: readonly OffsetSegment[]) {
    this.segments = segments;
  }

  /** The host offset of formula offset `offset`; `end` snaps a replaced run's inside to its end instead of its start. */
  toHost(offset: number, end = false): number {
    const segment = this.segmentAt(offset, end);
    if (segment === undefined) return 0;
    const inside = offset - segment.formulaStart;
    if (segment.verbatim) return segment.hostStart + Math.min(inside, segment.hostLength);
    if (inside <= 0) return segment.hostStart;
    if (inside >= segment.formulaLength || end) return segment.hostStart + segment.hostLength;
    return segment.hostStart;
  }

  /** A formula range in host offsets; an empty range stays empty. */
  rangeToHost(range: Range): Range {
    const start = this.toHost(range.start);
    if (range.end <= range.start) return { start, end: start };
    return { start, end: Math.max(start, this.toHost(range.end, true)) };
  }

  /** The formula offset at host offset `hostOffset`, or undefined when it is outside the formula. */
  toFormula(hostOffset: number): number | undefined {
    for (const segment of this.segments) {
      const inside = hostOffset - segment.hostStart;
      if (inside < 0 || inside > segment.hostLength) continue;
      if (segment.verbatim) return segment.formulaStart + inside;
      return segment.formulaStart + (inside === 0 ? 0 : segment.formulaLength);
    }
    return undefined;
  }

  /**
   * The segment holding formula offset `offset`. At the boundary between two segments the later
   * one holds a start and the earlier one an end, so a range never spills into a neighbour.
   */
  private segmentAt(offset: number, end: boolean): OffsetSegment | undefined {
    const segments = this.segments;
    let lo = 0;
    let hi = segments.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const s = segments[mid] as OffsetSegment;
      if (s.formulaStart < offset || (!end && s.formulaStart === offset)) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo];
  }
}
