// Which columns a recording may have, decided by core's registry (never a list kept here): every
// sampled service variable, and the plain pool variables that change while a pool runs
// ($CurrentDedicatedNodes, $CurrentLowPriorityNodes, $UsableNodeCount). Aliases are accepted and
// stored under the variable's full name. Formula outputs and pool settings are refused with a
// sentence saying where they go instead.

import { registry, suggest, type VariableEntry } from '@autoscale/core';

/** The first column of a wide CSV and the time key of a JSON Lines row. */
export const TIME_COLUMN = 'timestamp';

export type ColumnKind = 'metric' | 'pool';

export interface ResolvedColumn {
  /** The variable's full name (an alias resolved). */
  name: string;
  kind: ColumnKind;
  entry: VariableEntry;
}

export type ColumnResult = { ok: true; column: ResolvedColumn } | { ok: false; reason: string };

/** Pool fields that vary over time and so can be recorded; taskSlotsPerNode is fixed at pool creation. */
const RECORDABLE_POOL_FIELDS: ReadonlySet<NonNullable<VariableEntry['poolField']>> = new Set([
  'currentDedicatedNodes',
  'currentLowPriorityNodes',
  'usableNodeCount',
]);

export function resolveColumn(name: string): ColumnResult {
  const entry = registry.variable(name);
  if (entry === undefined) return { ok: false, reason: unknownColumn(name) };
  if (entry.sampled) return { ok: true, column: { name: entry.name, kind: 'metric', entry } };
  if (entry.access === 'readwrite') {
    return {
      ok: false,
      reason: `${name} is what a formula sets, not a recorded metric; the pool's starting targets go in the metadata (initialTargetDedicatedNodes, initialTargetLowPriorityNodes)`,
    };
  }
  if (entry.poolField !== undefined && RECORDABLE_POOL_FIELDS.has(entry.poolField))
    return { ok: true, column: { name: entry.name, kind: 'pool', entry } };
  return {
    ok: false,
    reason: `${name} is fixed when the pool is created: set it in the metadata (${entry.poolField ?? 'taskSlotsPerNode'}), not as a column`,
  };
}

/** Every spelling a column may have, from the registry, for messages and suggestions. */
export function recordableColumnNames(): string[] {
  return registry.variableSpellings().filter((n) => resolveColumn(n).ok);
}

function unknownColumn(name: string): string {
  const candidates = recordableColumnNames();
  const close = suggest(name, candidates);
  if (close !== undefined) return `unknown column "${name}"; did you mean "${close}"?`;
  const canonical = registry.variables.filter((v) => resolveColumn(v.name).ok).map((v) => v.name);
  return `unknown column "${name}"; columns are service variables: ${canonical.join(' ')}`;
}
