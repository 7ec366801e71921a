// Reads a task log for a full-fidelity closed loop: CSV with a header `submitted,duration[,slots]`
// (ISO 8601 instant, core duration like "95s" or "PT1M35S", whole slots >= 1), one task per line,
// in any order. Streamed; errors are file:line:col values. Tasks outside [from, to) are dropped.

import { parseDuration } from '@autoscale/core';
import { readFailure, readLines } from '../io/line-reader.ts';
import { InstantParser } from '../recording/cells.ts';
import { ErrorList, type ReadResult } from '../recording/errors.ts';
import { GrowableFloat64 } from '../recording/model.ts';
import type { TaskLog } from './task-workload.ts';

export type { TaskLog };

export async function readTaskLog(path: string, display = path): Promise<ReadResult<TaskLog>> {
  const errors = new ErrorList(display);
  const instants = new InstantParser();
  const submitted = new GrowableFloat64();
  const duration = new GrowableFloat64();
  const slots: number[] = [];
  let columns: string[] | undefined;
  try {
    await readLines(path, (line, n) => {
      if (line.trim() === '' || line.startsWith('#')) return true;
      const cells = line.split(',').map((c) => c.trim());
      if (columns === undefined) {
        columns = cells;
        const ok =
          (cells.length === 2 || cells.length === 3) &&
          cells[0] === 'submitted' &&
          cells[1] === 'duration' &&
          (cells.length === 2 || cells[2] === 'slots');
        if (!ok)
          errors.add(n, `the header must be "submitted,duration" or "submitted,duration,slots", got "${line}"`, 1);
        return errors.empty;
      }
      if (cells.length !== columns.length) {
        errors.add(n, `expected ${columns.length} cells, got ${cells.length}`);
        return !errors.full;
      }
      const at = instants.parse(cells[0] as string);
      if (!at.ok) errors.add(n, `submitted: ${at.reason}`, 1);
      const d = parseDuration(cells[1] as string);
      const col2 = (cells[0] as string).length + 2;
      if (!d.ok) errors.add(n, `duration: ${d.reason}`, col2);
      else if (d.ms <= 0) errors.add(n, 'duration must be longer than zero', col2);
      let s = 1;
      if (cells.length === 3) {
        s = Number(cells[2]);
        if (!/^\d+$/.test(cells[2] as string) || s < 1 || s > 256)
          errors.add(
            n,
            `slots must be a whole number from 1 to 256, got "${cells[2]}"`,
            col2 + (cells[1] as string).length + 1,
          );
      }
      if (at.ok && d.ok) {
        submitted.push(at.ms);
        duration.push(d.ms);
        slots.push(s);
      }
      return !errors.full;
    });
  } catch (err) {
    return { ok: false, errors: [readFailure(display, err)] };
  }
  if (errors.empty && columns === undefined) errors.add(undefined, 'no header row ("submitted,duration[,slots]")');
  if (!errors.empty) return { ok: false, errors: errors.list() };
  return {
    ok: true,
    value: {
      file: display,
      submitted: submitted.finish(),
      duration: duration.finish(),
      slots: Uint16Array.from(slots),
    },
  };
}
