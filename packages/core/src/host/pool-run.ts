// Pool JSON as an evaluation context: what `az batch pool show` (or the REST API) says of a pool
// holds its node counts, targets and task slots, and the service's last evaluation of its formula
// (`autoScaleRun`: when, the results string, or the error). From it an evaluation can run where
// the service's did, and its outcome can be set beside the service's own: "does the offline
// evaluator agree with my pool?". The file holds no metric samples, so a formula that reads
// metrics sees empty histories, and the comparison says so.

import { isJsonObject, type JsonObject, type JsonValue, parseJson } from '../context/json-locations.ts';
import { parseInstant } from '../context/duration.ts';
import { parseResultsString } from '../eval/results-string.ts';
import type { PoolState } from '../runtime/context.ts';

/** What the service returned at its last evaluation (the AutoScaleRun). */
export interface RecordedRun {
  /** When, ms since the epoch; undefined when the file does not say or says it in another form. */
  evaluatedAt: number | undefined;
  results: string;
  error: { code: string; message: string } | null;
}

export interface PoolRun {
  pool: Partial<PoolState>;
  recorded: RecordedRun | undefined;
}

/** A pool field from the top level (data plane, `az batch pool show`) or `properties` (management REST). */
function field(pool: JsonObject, name: string): JsonValue | undefined {
  if (name in pool) return pool[name];
  const properties = pool.properties;
  return isJsonObject(properties) ? properties[name] : undefined;
}

/** An instant as the service prints it: ISO 8601, possibly with more than millisecond digits. */
function instant(value: JsonValue | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseInstant(value.replace(/(\.\d{3})\d+/, '$1'));
  return parsed.ok ? parsed.ms : undefined;
}

/** The pool state and the recorded evaluation in pool JSON, or undefined when the text is not a pool. */
export function readPoolRun(text: string): PoolRun | undefined {
  const { value } = parseJson(text);
  if (!isJsonObject(value)) return undefined;
  const pool: Partial<PoolState> = {};
  const numbers: Array<[keyof PoolState, string[]]> = [
    ['currentDedicatedNodes', ['currentDedicatedNodes']],
    ['currentLowPriorityNodes', ['currentLowPriorityNodes']],
    ['targetDedicatedNodes', ['targetDedicatedNodes']],
    ['targetLowPriorityNodes', ['targetLowPriorityNodes']],
    // maxTasksPerNode is the field's name before API version 2020-09-01.
    ['taskSlotsPerNode', ['taskSlotsPerNode', 'maxTasksPerNode']],
  ];
  for (const [key, names] of numbers) {
    const found = names.map((n) => field(value, n)).find((v) => typeof v === 'number');
    if (typeof found === 'number') pool[key] = found;
  }
  const run = field(value, 'autoScaleRun');
  if (!isJsonObject(run)) return { pool, recorded: undefined };
  const error = isJsonObject(run.error)
    ? { code: String(run.error.code ?? ''), message: String(run.error.message ?? '') }
    : null;
  const results = typeof run.results === 'string' ? run.results : '';
  return { pool, recorded: { evaluatedAt: instant(run.timestamp), results, error } };
}

/** How an evaluation compares with the recorded one: agreeing, or each difference in a sentence. */
export function compareWithRecorded(
  results: string,
  error: { code: string } | null,
  recorded: RecordedRun,
): { agrees: boolean; differences: string[] } {
  const differences: string[] = [];
  if ((error?.code ?? null) !== (recorded.error?.code ?? null))
    differences.push(`error: ${error?.code ?? 'none'} here, ${recorded.error?.code ?? 'none'} recorded`);
  const ours = parseResultsString(results);
  const theirs = parseResultsString(recorded.results);
  if (ours.ok && theirs.ok) {
    const recordedValues = new Map(theirs.entries.map((e) => [e.name, e.value]));
    const ourValues = new Map(ours.entries.map((e) => [e.name, e.value]));
    for (const [name, value] of ourValues) {
      const other = recordedValues.get(name);
      if (other === undefined) differences.push(`${name}=${value} here, not in the recorded results`);
      else if (other !== value) differences.push(`${name}=${value} here, ${name}=${other} recorded`);
    }
    for (const [name, value] of recordedValues)
      if (!ourValues.has(name)) differences.push(`${name}=${value} recorded, not in these results`);
  } else if (results !== recorded.results) {
    differences.push('the results strings differ');
  }
  return { agrees: differences.length === 0, differences };
}
