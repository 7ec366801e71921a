// Reads service history files in Node: each path is a file, or a directory whose *.json files
// (pool snapshots saved one per file) are read in name order. Each file is read whole within
// node-io's bound for the kind (INPUT_LIMITS.serviceHistory) and parsed by service-history.ts.
// Every problem comes back as a `file[:line]: what is wrong` error; nothing is half-read.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTextSync } from '@autoscale/node-io';
import { fileErrorReason } from '../io/line-reader.ts';
import { ErrorList, type ReadResult, type RecordingError } from '../recording/errors.ts';
import type { ServiceHistory } from './service-history-model.ts';
import { ServiceHistoryBuilder } from './service-history.ts';

/** The files a path stands for: itself, or a directory's *.json files in name order; throws when it cannot be read. */
function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => /\.json$/i.test(name))
    .sort()
    .map((name) => join(path, name));
}

/** Every file the paths stand for (unreadable ones as given): what an output must not overwrite. */
export function serviceHistoryFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    try {
      return [path, ...filesOf(path).filter((f) => f !== path)];
    } catch {
      return [path];
    }
  });
}

export function readServiceHistory(paths: readonly string[]): ReadResult<ServiceHistory> {
  const builder = new ServiceHistoryBuilder();
  const errors: RecordingError[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = filesOf(path);
    } catch (err) {
      errors.push({ file: path, message: `cannot read: ${fileErrorReason(err)}` });
      continue;
    }
    if (files.length === 0) errors.push({ file: path, message: 'no *.json files in this directory' });
    for (const file of files) {
      const list = new ErrorList(file);
      try {
        builder.addText(readTextSync(file, 'serviceHistory'), list);
      } catch (err) {
        list.add(undefined, `cannot read: ${fileErrorReason(err)}`);
      }
      errors.push(...list.list());
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const history = builder.finish();
  if (history.evaluations.length === 0) {
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    const skipped = [
      history.otherEvents > 0 ? `${plural(history.otherEvents, 'record')} of other events` : '',
      history.withoutRun > 0 ? `${plural(history.withoutRun, 'pool')} without an autoScaleRun` : '',
    ].filter((s) => s !== '');
    return {
      ok: false,
      errors: [
        {
          file: paths.join(', '),
          message: `no PoolAutoScaleEvent records and no pool with an autoScaleRun${skipped.length > 0 ? ` (only ${skipped.join(' and ')})` : ''}`,
        },
      ],
    };
  }
  return { ok: true, value: history };
}
