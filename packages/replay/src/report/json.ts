// The JSON report (--format json): every recording's settings, recorded figures, notes and
// low-confidence periods, and per formula its summary and timeline. Instants are ISO 8601 strings
// and durations compact strings, as in context files; with --compare a comparison against the
// first formula is added, and with a service history its report and each formula's agreement.

import type { RecordingReplay, TimelineRow } from '../replay/types.ts';
import { agreementJson } from './agreement.ts';
import { duration, instant } from './format.ts';

export const REPORT_VERSION = 1;

export function timelineJson(r: TimelineRow): Record<string, unknown> {
  return { ...r, time: instant(r.time) };
}

/**
 * The report as plain data. `timeline` gives what stands for each formula's timeline: the rows
 * mapped by timelineJson, or (json-stream.ts) a placeholder that is written row by row.
 */
export function reportJson(
  replays: readonly RecordingReplay[],
  compare: boolean,
  timeline: (rows: readonly TimelineRow[]) => unknown = (rows) => rows.map(timelineJson),
): unknown {
  return {
    version: REPORT_VERSION,
    replays: replays.map((r) => ({
      recording: r.recording,
      format: r.format,
      poolId: r.poolId,
      settings: {
        ...r.settings,
        from: instant(r.settings.from),
        to: instant(r.settings.to),
        interval: duration(r.settings.interval),
        delay: duration(r.settings.delay),
        allocationLatency: duration(r.settings.allocationLatency),
      },
      recorded: r.recorded,
      notes: r.notes,
      lowConfidence: r.lowConfidence.map((p) => ({ from: instant(p.from), to: instant(p.to), reason: p.reason })),
      formulas: r.formulas.map((f) => ({
        formula: f.summary.formula,
        summary: { ...f.summary, failures: f.summary.failures.map((x) => ({ ...x, first: x.first.map(instant) })) },
        timeline: timeline(f.timeline),
        ...(f.agreement ? { agreement: agreementJson(f.agreement) } : {}),
      })),
      ...(compare ? { comparison: comparison(r) } : {}),
      ...(r.serviceHistory ? { serviceHistory: r.serviceHistory } : {}),
    })),
  };
}

/** Each formula against the first: node-hours and cost differences. */
function comparison(r: RecordingReplay): unknown {
  const base = r.formulas[0]?.summary;
  if (base === undefined) return [];
  return r.formulas.map((f) => ({
    formula: f.summary.formula,
    baseline: base.formula,
    dedicatedNodeHours: f.summary.nodeHours.dedicated - base.nodeHours.dedicated,
    lowPriorityNodeHours: f.summary.nodeHours.lowPriority - base.nodeHours.lowPriority,
    cost: f.summary.cost === null || base.cost === null ? null : f.summary.cost - base.cost,
  }));
}

export function renderJson(replays: readonly RecordingReplay[], compare: boolean): string {
  return `${JSON.stringify(reportJson(replays, compare), null, 2)}\n`;
}
