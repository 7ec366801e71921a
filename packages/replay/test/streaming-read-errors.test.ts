// A streaming replay of a file it cannot read answers like the plain path (`FILE: cannot read:
// REASON`) instead of throwing: a missing file or a directory is found before the worker starts,
// and a read that fails part-way stops the worker. Worker threads and file reads are observed
// through module mocks, so this file stands apart from streaming.test.ts.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { formatRecordingError, readRecording, replayFile } from '@autoscale/replay';
import { replayCsvStreaming } from '../src/replay/streaming.ts';
import { csv, TempFiles } from './support.ts';

const spy = vi.hoisted(() => ({
  workers: [] as Array<{ exited: boolean }>,
  failReadAfterLines: undefined as number | undefined,
}));

vi.mock('../src/parallel/start-worker.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/parallel/start-worker.ts')>();
  // Records every worker the replay starts (all start through startWorker) and whether it has exited.
  const startWorker: typeof real.startWorker = (job) => {
    const worker = real.startWorker(job);
    const entry = { exited: false };
    spy.workers.push(entry);
    worker.on('exit', () => (entry.exited = true));
    return worker;
  };
  return { ...real, startWorker };
});

vi.mock('../src/io/line-reader.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/io/line-reader.ts')>();
  // When asked, a file's lines stop after a few with the error of a file removed while being read.
  const fileLines: typeof real.fileLines = (file) => async (onLine) => {
    const limit = spy.failReadAfterLines;
    if (limit === undefined) return real.fileLines(file)(onLine);
    await real.fileLines(file)((line, n) => n <= limit && onLine(line, n) !== false);
    throw Object.assign(new Error(`ENOENT: no such file or directory, read '${file}'`), { code: 'ENOENT' });
  };
  return { ...real, fileLines };
});

const files = new TempFiles();
afterAll(() => files.remove());
afterEach(() => {
  spy.workers.length = 0;
  spy.failReadAfterLines = undefined;
});

const FORMULAS = [{ name: 'f', text: '$TargetDedicatedNodes = max($PendingTasks.GetSample(1));' }];

async function plainErrors(path: string): Promise<string[]> {
  const read = await readRecording(path);
  return read.ok ? [] : read.errors.map(formatRecordingError);
}

describe('streaming replay of a file it cannot read', () => {
  it.each([
    ['a missing file', () => join(files.dir, 'missing.csv'), 'cannot read: no such file or directory'],
    [
      'a directory',
      () => {
        const dir = join(files.dir, 'dir.csv');
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      'cannot read: is a directory',
    ],
  ])("%s: the plain path's error, and no worker started", async (_, make, reason) => {
    const path = make();
    const expected = [`${path}: ${reason}`];
    expect(await plainErrors(path)).toEqual(expected);
    // --recording-format csv skips detection, so nothing else looks at the file first.
    const viaFile = await replayFile(path, FORMULAS, { mode: 'open', recordingFormat: 'csv' }, { stream: true });
    expect(viaFile).toEqual({ ok: false, errors: expected });
    expect(await replayCsvStreaming(path, FORMULAS, { mode: 'open' }, {})).toEqual({ ok: false, errors: expected });
    expect(spy.workers).toEqual([]);
  });

  it('a read failing part-way is `cannot read`, and the worker that was evaluating is stopped', async () => {
    const path = files.write(
      'vanishing.csv',
      csv(['$PendingTasks'], 200, (row) => row % 7),
    );
    spy.failReadAfterLines = 100;
    const out = await replayCsvStreaming(path, FORMULAS, { mode: 'open' }, {}, 16);
    expect(out).toEqual({ ok: false, errors: [`${path}: cannot read: no such file or directory`] });
    expect(spy.workers).toHaveLength(1);
    expect(spy.workers[0]?.exited).toBe(true);
  });

  it('a readable file still streams through the tracked worker (the mocks change nothing else)', async () => {
    const path = files.write(
      'fine.csv',
      csv(['$PendingTasks'], 200, (row) => row % 7),
    );
    const out = await replayCsvStreaming(path, FORMULAS, { mode: 'open' }, {}, 16);
    expect(out.ok).toBe(true);
    expect(spy.workers).toHaveLength(1);
  });
});
