// The service's own history of a pool's autoscale evaluations, as plain data (it crosses worker
// threads and is written into reports): one entry per evaluation the Batch service ran, from
// PoolAutoScaleEvent diagnostic logs or `az batch pool show` snapshots (IMPORTERS.md).

/** One evaluation the service ran, in the service's shapes. */
export interface ServiceEvaluation {
  /** When the service evaluated, ms since the epoch (truncated to the millisecond). */
  time: number;
  /** The results string the service returned (`$TargetDedicatedNodes=3;...`; may be "" in a log). */
  results: string;
  /**
   * The error, or null for a successful evaluation. `message` is the detail the service puts in
   * the error's values ("Line 1, Col 24: Insufficient data ..."), else its message: the same text
   * the replay's own failures carry.
   */
  error: { code: string; message: string } | null;
  /** The formula the service ran, when the source records it (events and pool snapshots do). */
  formula?: string;
  /** The pool it ran on, when the source says. */
  poolId?: string;
}

/** Every service evaluation read from one or more files, sorted by time and deduplicated. */
export interface ServiceHistory {
  /** The files (and files of directories) read, as the user named them. */
  files: string[];
  evaluations: ServiceEvaluation[];
  /** Evaluation records read, repeats included (pool snapshots repeat the same autoScaleRun). */
  records: number;
  /** Records that repeated an evaluation already read. */
  duplicates: number;
  /** Diagnostic records of other events (PoolResizeStartEvent, TaskCompleteEvent, ...), skipped. */
  otherEvents: number;
  /** Pool snapshots without an autoScaleRun (autoscale never ran on the pool), skipped. */
  withoutRun: number;
}
