// The evaluating half of a streaming open-loop replay: takes the recording in batches as they are
// read, starts the runs once the settings are known (the rows up to --from, and a first sample of
// each node-count column the starting targets come from), evaluates every instant the rows so far
// can answer (an instant sees only samples at or before it), and at the end produces the same
// RecordingReplay runReplay would (a test checks).

import { GrowingRecording, type RecordingBatch } from '../recording/growing.ts';
import type { RecordingMeta } from '../recording/meta.ts';
import type { Recording } from '../recording/model.ts';
import type { PreparedFormula } from './formulas.ts';
import { OpenLoopRun } from './open-loop.ts';
import { recordedPending } from './recorded.ts';
import { hooksFor, openLoopReplay, runReplay, type ReplayOptions, type ReplayOutcome } from './run.ts';
import { resolveSettingsFor, startTargetsKnown, type ReplayRequest } from './settings.ts';
import type { ReplaySettings } from './types.ts';

export class StreamingOpenLoop {
  private readonly growing = new GrowingRecording();
  private readonly formulas: readonly PreparedFormula[];
  private readonly request: ReplayRequest;
  private readonly options: ReplayOptions;
  private runs: OpenLoopRun[] | undefined;
  private started: ReplaySettings | undefined;
  /**
   * Set by finish() when it had to replay the whole recording plainly (the runs never started, or
   * started with settings the whole recording does not give): correct, but evaluation did not
   * overlap reading. Tests read it.
   */
  replayedPlainly = false;

  constructor(formulas: readonly PreparedFormula[], request: ReplayRequest, options: ReplayOptions) {
    this.formulas = formulas;
    this.request = request;
    // Progress comes from the reading, not from the runs (which would restart it per formula).
    const { onProgress: _ignored, ...quiet } = options;
    this.options = quiet;
  }

  /** Takes the next batch (metadata as known so far: it is complete once rows are read) and evaluates what it can. */
  add(batch: RecordingBatch, meta: RecordingMeta): void {
    this.growing.append(batch);
    if (this.runs === undefined) this.start(meta);
    if (this.runs === undefined) return;
    const views = this.growing.views();
    const until = Math.min(
      this.growing.lastTime ?? Number.NEGATIVE_INFINITY,
      this.request.to ?? Number.POSITIVE_INFINITY,
    );
    for (const run of this.runs) {
      run.attach(views);
      run.advance(until);
    }
  }

  /** The replay, once every row is in. */
  finish(file: string, meta: RecordingMeta, present: string[]): ReplayOutcome {
    const recording = this.growing.finish(file, 'csv', meta, present);
    const runs = this.runs;
    const started = this.started;
    // Never started: bad settings (runReplay words them) or a node-count column with no sample at all.
    if (runs === undefined || started === undefined) return this.plain(recording);
    const final = resolveSettingsFor(
      recording.times[0] as number,
      recording.times[recording.times.length - 1] as number,
      recording.columns,
      recording.meta,
      this.request,
    );
    if (!final.ok) return { ok: false, errors: final.errors.map((e) => `${file}: ${e}`) };
    // start() waits until the rows fix every setting as the whole recording does (startTargetsKnown),
    // so they should agree; should they not, the runs are wrong and only a plain replay is right.
    const same = (Object.keys(started) as Array<keyof ReplaySettings>).every(
      (k) => k === 'to' || started[k] === final.settings[k],
    );
    if (!same) return this.plain(recording);
    const pending = recordedPending(recording);
    const outputs = runs.map((run) => {
      run.attach(recording.columns);
      return run.finish(final.settings.to, recording, pending);
    });
    return { ok: true, replay: openLoopReplay(recording, this.formulas, final.settings, pending, outputs) };
  }

  private plain(recording: Recording): ReplayOutcome {
    this.replayedPlainly = true;
    return runReplay(recording, this.formulas, this.request, this.options);
  }

  private start(meta: RecordingMeta): void {
    const first = this.growing.firstTime;
    const last = this.growing.lastTime;
    if (first === undefined || last === undefined) return;
    const views = this.growing.views();
    // Starting targets read from a column still without a sample would differ from the whole recording's.
    if (!startTargetsKnown(views, meta)) return;
    const resolved = resolveSettingsFor(first, last, views, meta, { ...this.request, to: this.request.to ?? last });
    if (!resolved.ok) return;
    this.started = resolved.settings;
    this.runs = this.formulas.map(
      (f, i) => new OpenLoopRun(f, resolved.settings, hooksFor(this.options, i, this.formulas.length, f)),
    );
  }
}
