// Sets the service's own history beside a replay: at each instant the service evaluated (within
// the replay's window) the formula is evaluated again by core's one evaluator against the
// recording as recorded, and its results are compared with the service's (core's
// compareWithRecorded: entry by entry, and the error code). These evaluations come in addition to
// the replay's own schedule, which is left as it is: the replay's figures do not change when a
// history is given. Where the history says the service ran another formula, those evaluations are
// set apart as a stretch of "another formula" instead of a flood of disagreements.

import { compareWithRecorded, lex, makeContext, parseResultsString, serviceErrorDetail } from '@autoscale/core';
import type { ServiceEvaluation, ServiceHistory } from '../import/service-history-model.ts';
import type { Recording } from '../recording/model.ts';
import { LatestCursor } from '../sim/trajectory.ts';
import type { Agreement, Disagreement, OtherFormulaPeriod, ServiceHistoryReport } from './agreement-types.ts';
import type { PreparedFormula } from './formulas.ts';
import { recordedMetrics } from './open-loop.ts';
import type { ReplaySettings } from './types.ts';

export type HistoryAgreement =
  | { ok: true; report: ServiceHistoryReport; agreements: Agreement[] }
  | { ok: false; errors: string[] };

export function compareWithServiceHistory(
  recording: Recording,
  formulas: readonly PreparedFormula[],
  settings: ReplaySettings,
  history: ServiceHistory,
): HistoryAgreement {
  const chosen = poolEvaluations(history, recording.meta.poolId);
  if (typeof chosen === 'string') return { ok: false, errors: [`${recording.file}: ${chosen}`] };
  const { poolId, evaluations } = chosen;
  const inWindow = evaluations.filter((e) => e.time >= settings.from && e.time <= settings.to).length;
  const notes = [
    "The formulas were evaluated again at the service's own instants in the window (besides the replay's schedule), against the recording as recorded, with the pool's targets as the service's previous evaluation left them.",
  ];
  if (!recording.columns.has('$CurrentDedicatedNodes'))
    notes.push('The recording has no node counts: at those instants the pool is taken to be at its targets.');
  const unnamed = evaluations.filter((e) => e.formula === undefined).length;
  if (unnamed > 0)
    notes.push(
      `${unnamed} of the service's evaluations do not record their formula: they were compared as if the service ran the replayed one.`,
    );
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  if (history.duplicates > 0)
    notes.push(
      `${count(history.duplicates, 'repeated record', 'repeated records')} (snapshots repeat the last autoScaleRun) read once.`,
    );
  if (history.otherEvents > 0)
    notes.push(`${count(history.otherEvents, 'diagnostic record', 'diagnostic records')} of other events skipped.`);
  if (history.withoutRun > 0)
    notes.push(`${count(history.withoutRun, 'pool snapshot', 'pool snapshots')} without an autoScaleRun skipped.`);
  const report: ServiceHistoryReport = {
    files: history.files,
    poolId,
    evaluations: evaluations.length,
    inWindow,
    outsideWindow: evaluations.length - inWindow,
    notes,
  };
  return { ok: true, report, agreements: formulas.map((f) => agreementOf(recording, f, settings, evaluations)) };
}

/**
 * The evaluations of the recording's pool: all of them when the history names one pool (or none),
 * else those of the pool the recording's metadata names. A named pool the history does not hold
 * is an error, so two pools' files are never compared by mistake.
 */
function poolEvaluations(
  history: ServiceHistory,
  wanted: string | undefined,
): { poolId: string | null; evaluations: ServiceEvaluation[] } | string {
  const pools = [...new Set(history.evaluations.flatMap((e) => (e.poolId === undefined ? [] : [e.poolId])))].sort();
  const match = wanted === undefined ? undefined : pools.find((p) => p.toLowerCase() === wanted.toLowerCase());
  const list = pools.map((p) => `"${p}"`).join(', ');
  if (pools.length === 0) return { poolId: null, evaluations: history.evaluations };
  if (match === undefined && wanted !== undefined)
    return `the service history holds pool${pools.length === 1 ? '' : 's'} ${list}, not "${wanted}" (the recording's poolId)`;
  if (match === undefined && pools.length > 1)
    return `the service history holds ${pools.length} pools (${list}): set "poolId" in the recording's metadata to choose one`;
  const poolId = match ?? (pools[0] as string);
  return {
    poolId,
    evaluations: history.evaluations.filter((e) => e.poolId === undefined || e.poolId === poolId),
  };
}

function agreementOf(
  recording: Recording,
  formula: PreparedFormula,
  settings: ReplaySettings,
  evaluations: readonly ServiceEvaluation[],
): Agreement {
  const context = makeContext({
    now: settings.from,
    availabilityDelay: settings.delay,
    pool: { taskSlotsPerNode: settings.taskSlotsPerNode },
  });
  context.metrics = recordedMetrics(recording.columns);
  const ded = new LatestCursor(recording.columns.get('$CurrentDedicatedNodes'));
  const low = new LatestCursor(recording.columns.get('$CurrentLowPriorityNodes'));
  const usable = new LatestCursor(recording.columns.get('$UsableNodeCount'));
  const same = sameFormulaAs(formula.compiled.text);
  // The targets the pool has before each evaluation: what the service's previous one left.
  let targetDedicated = settings.initialTargetDedicatedNodes;
  let targetLowPriority = settings.initialTargetLowPriorityNodes;
  let compared = 0;
  let agreed = 0;
  let first: Disagreement | null = null;
  const periods: OtherFormulaPeriod[] = [];
  let open: OtherFormulaPeriod | undefined;
  for (const e of evaluations) {
    if (e.time >= settings.from && e.time <= settings.to) {
      if (e.formula !== undefined && !same(e.formula)) {
        if (open === undefined) {
          open = { from: e.time, to: e.time, evaluations: 0 };
          periods.push(open);
        }
        open.to = e.time;
        open.evaluations++;
      } else {
        open = undefined;
        const pool = context.pool;
        context.now = e.time;
        context.seed = compared + 1;
        pool.currentDedicatedNodes = ded.at(e.time) ?? targetDedicated;
        pool.currentLowPriorityNodes = low.at(e.time) ?? targetLowPriority;
        pool.targetDedicatedNodes = targetDedicated;
        pool.targetLowPriorityNodes = targetLowPriority;
        pool.usableNodeCount = usable.at(e.time) ?? pool.currentDedicatedNodes + pool.currentLowPriorityNodes;
        const result = formula.compiled.evaluate(context);
        compared++;
        const verdict = compareWithRecorded(result.results, result.error, {
          evaluatedAt: e.time,
          results: e.results,
          error: e.error,
        });
        if (verdict.agrees) agreed++;
        else
          first ??= {
            time: e.time,
            service: { results: e.results, error: e.error },
            replay: {
              results: result.results,
              error: result.error ? { code: result.error.code, message: serviceErrorDetail(result.error) } : null,
            },
            differences: verdict.differences,
          };
      }
    }
    // A failed evaluation's results carry the targets it left unchanged, so they are read alike.
    const targets = serviceTargets(e.results);
    targetDedicated = targets.dedicated ?? targetDedicated;
    targetLowPriority = targets.lowPriority ?? targetLowPriority;
  }
  return {
    compared,
    agreed,
    agreementPercent: compared === 0 ? null : (agreed / compared) * 100,
    firstDisagreement: first,
    otherFormula: { evaluations: periods.reduce((n, p) => n + p.evaluations, 0), periods },
  };
}

function serviceTargets(results: string): { dedicated?: number; lowPriority?: number } {
  const parsed = parseResultsString(results);
  if (!parsed.ok) return {};
  const out: { dedicated?: number; lowPriority?: number } = {};
  for (const { name, value } of parsed.entries) {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) continue;
    // Older API versions print the aliases; applied targets are never negative.
    if (name === '$TargetDedicatedNodes' || name === '$TargetDedicated') out.dedicated = Math.max(0, Math.trunc(n));
    if (name === '$TargetLowPriorityNodes') out.lowPriority = Math.max(0, Math.trunc(n));
  }
  return out;
}

/**
 * Whether a formula text from the history is the replayed formula: compared token by token (core's
 * lexer), so a copy with other spacing, line breaks or comments (a template's one-line string of a
 * commented file) still counts; a text the lexer refuses is compared as it is.
 */
function sameFormulaAs(replayed: string): (text: string) => boolean {
  const canonical = (text: string): string => {
    const lexed = lex(text);
    return lexed.diagnostics.length > 0 ? text.trim() : lexed.tokens.map((t) => t.image).join(' ');
  };
  const mine = canonical(replayed);
  const known = new Map<string, boolean>();
  return (text) => {
    let verdict = known.get(text);
    if (verdict === undefined) {
      verdict = canonical(text) === mine;
      known.set(text, verdict);
    }
    return verdict;
  };
}
