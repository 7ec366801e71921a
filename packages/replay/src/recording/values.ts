// Plausibility of a recorded value, from the variable's registry entry: every service variable
// counts or measures something, so negatives are refused, and a percentage above 100 (or a
// recording of fractions where percentages belong) is caught before it misleads a replay.

import type { ResolvedColumn } from './columns.ts';

export function checkCellValue(column: ResolvedColumn, value: number): string | undefined {
  if (value < 0) return `${value} is negative (${column.entry.unit} cannot be)`;
  if (column.entry.percentage === true && value > 100)
    return `${value} is above 100 (${column.name} samples are percentages, 0-100)`;
  // Pool values become the evaluation context's whole-number pool fields (as in context files).
  if (column.kind === 'pool' && !Number.isInteger(value))
    return `${value} is not a whole number (${column.name} counts nodes)`;
  return undefined;
}
