// The trip of a streamed replay's outcome from its worker back to the reading thread. Cloned as it
// is, a pool-year's timelines are a hundred thousand row objects to serialize there and rebuild
// here, most of the time after the last evaluation; packed, each timeline is a few columns (numbers
// in transferred Float64Arrays, the results strings as one list, the few other texts as indices
// into a table) and the rows are rebuilt here, as EvaluationLog.record makes them, keys in order.

import type { ReplayOutcome } from './run.ts';
import { hasRowKeys, TIMELINE_ROW_KEYS } from './timeline-row-keys.ts';
import type { RecordingReplay, TimelineRow } from './types.ts';

type NumberField = Exclude<(typeof TIMELINE_ROW_KEYS)[number], 'results' | 'error' | 'deallocation'>;

/** The numeric fields, some of which may be null: every row key but the three texts. */
const NUMBERS = TIMELINE_ROW_KEYS.filter(
  (k): k is NumberField => k !== 'results' && k !== 'error' && k !== 'deallocation',
);

interface PackedTimeline {
  rows: number;
  /** NUMBERS' fields one after another, `rows` values each. */
  numbers: Float64Array;
  /** 1 where a field is null, same layout. */
  nulls: Uint8Array;
  /** Per row its results string: mostly distinct, so not worth a table (cloned as a list, cheaply). */
  results: string[];
  /** Per row: deallocation, error code, error message, as indices into `strings` (-1: no error). */
  texts: Int32Array;
}

export interface PackedOutcome {
  packedOutcome: true;
  /** The outcome with every packed timeline left empty. */
  outcome: ReplayOutcome;
  /** Per formula: its timeline, or null when it went as it is (inside `outcome`). */
  timelines: Array<PackedTimeline | null>;
  strings: string[];
}

/** The outcome ready to post, and the buffers to transfer with it. */
export function packOutcome(outcome: ReplayOutcome): { message: PackedOutcome; transfer: ArrayBuffer[] } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const text = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const transfer: ArrayBuffer[] = [];
  const timelines: PackedOutcome['timelines'] = [];
  if (!outcome.ok) return { message: { packedOutcome: true, outcome, timelines, strings }, transfer };
  const replay: RecordingReplay = {
    ...outcome.replay,
    formulas: outcome.replay.formulas.map((f) => {
      const packed = packTimeline(f.timeline, text);
      timelines.push(packed);
      if (packed === null) return f;
      transfer.push(
        packed.numbers.buffer as ArrayBuffer,
        packed.nulls.buffer as ArrayBuffer,
        packed.texts.buffer as ArrayBuffer,
      );
      return { ...f, timeline: [] };
    }),
  };
  return { message: { packedOutcome: true, outcome: { ok: true, replay }, timelines, strings }, transfer };
}

function packTimeline(rows: readonly TimelineRow[], text: (s: string) => number): PackedTimeline | null {
  // Rows are rebuilt with EvaluationLog.record's keys: rows of another shape go as they are.
  if (!rows.every(hasRowKeys)) return null;
  const n = rows.length;
  const numbers = new Float64Array(n * NUMBERS.length);
  const nulls = new Uint8Array(n * NUMBERS.length);
  const texts = new Int32Array(n * 3);
  const results: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = rows[r] as TimelineRow;
    for (let f = 0; f < NUMBERS.length; f++) {
      const value = row[NUMBERS[f] as NumberField];
      if (value === null) nulls[f * n + r] = 1;
      else numbers[f * n + r] = value;
    }
    results[r] = row.results;
    texts[r * 3] = text(row.deallocation);
    texts[r * 3 + 1] = row.error === null ? -1 : text(row.error.code);
    texts[r * 3 + 2] = row.error === null ? -1 : text(row.error.message);
  }
  return { rows: n, numbers, nulls, results, texts };
}

/** The outcome as the worker had it, whether it came packed or as it is. */
export function unpackOutcome(message: ReplayOutcome | PackedOutcome): ReplayOutcome {
  if (!('packedOutcome' in message)) return message;
  const { outcome, timelines, strings } = message;
  if (!outcome.ok) return outcome;
  outcome.replay.formulas.forEach((f, i) => {
    const packed = timelines[i];
    if (packed) f.timeline = unpackTimeline(packed, strings);
  });
  return outcome;
}

function unpackTimeline(p: PackedTimeline, strings: readonly string[]): TimelineRow[] {
  const n = p.rows;
  const { numbers, nulls, results, texts } = p;
  const at = (field: number, r: number): number | null =>
    nulls[field * n + r] === 1 ? null : (numbers[field * n + r] as number);
  const rows: TimelineRow[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const code = texts[r * 3 + 1] as number;
    // The literal in EvaluationLog.record's key order, so that reports list the fields alike.
    rows[r] = {
      time: at(0, r) as number,
      results: results[r] as string,
      error:
        code < 0 ? null : { code: strings[code] as string, message: strings[texts[r * 3 + 2] as number] as string },
      targetDedicated: at(1, r) as number,
      targetLowPriority: at(2, r) as number,
      deallocation: strings[texts[r * 3] as number] as string,
      recordedDedicated: at(3, r),
      recordedLowPriority: at(4, r),
      simulatedDedicated: at(5, r) as number,
      simulatedLowPriority: at(6, r) as number,
      recordedActive: at(7, r),
      recordedPending: at(8, r),
      simulatedActive: at(9, r),
      simulatedPending: at(10, r),
    };
  }
  return rows;
}
