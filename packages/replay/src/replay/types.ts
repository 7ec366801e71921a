// What a replay produces, as plain data (it crosses worker threads and is written as JSON):
// per recording the settings used, what was recorded, and per formula a summary and a timeline
// with one row per evaluation, and (given the service's own history) their agreement with it. Times
// are milliseconds since the epoch; durations milliseconds.

import type { RecordingFormat } from '../recording/model.ts';
import type { Period } from '../sim/workload-model.ts';
import type { EvaluationContexts } from '../explain/contexts.ts';
import type { Agreement, ServiceHistoryReport } from './agreement-types.ts';

export type ReplayMode = 'open' | 'closed';

export interface ReplaySettings {
  mode: ReplayMode;
  from: number;
  to: number;
  interval: number;
  delay: number;
  allocationLatency: number;
  taskSlotsPerNode: number;
  initialTargetDedicatedNodes: number;
  initialTargetLowPriorityNodes: number;
  /** Quotas; null means no limit. */
  maxDedicatedNodes: number | null;
  maxLowPriorityNodes: number | null;
  /** Prices per node-hour; null when not given. */
  priceDedicated: number | null;
  priceLowPriority: number | null;
  /** ISO 4217 code the prices are in; null when not given (costs print as plain numbers). */
  currency: string | null;
}

export interface NodeHours {
  dedicated: number;
  lowPriority: number;
}

export interface TimelineRow {
  time: number;
  /** The service's results string ("" when the replay was asked not to build it). */
  results: string;
  error: { code: string; message: string } | null;
  /** The pool's targets after this evaluation (applied: truncated, negatives as 0). */
  targetDedicated: number;
  targetLowPriority: number;
  deallocation: string;
  recordedDedicated: number | null;
  recordedLowPriority: number | null;
  simulatedDedicated: number;
  simulatedLowPriority: number;
  /** Queue (active tasks) and pending tasks, recorded and (closed loop) simulated. */
  recordedActive: number | null;
  recordedPending: number | null;
  simulatedActive: number | null;
  simulatedPending: number | null;
}

export interface FailureSummary {
  code: string;
  count: number;
  /** The first instants it happened at (up to three). */
  first: number[];
  /** The first message, e.g. "Line 2, Col 30: Insufficient data ...". */
  message: string;
}

export interface ClosedLoopSummary {
  workload: 'recording' | 'task-log';
  /** Tasks already pending when the replay starts (derived workload only); not in the wait figures. */
  tasksAtStart: number;
  tasksArrived: number;
  tasksCompleted: number;
  tasksFailed: number;
  /** Dropped by shrinks with `terminate`. */
  tasksTerminated: number;
  /** Put back in the queue by shrinks with `requeue` or by preemption. */
  tasksRequeued: number;
  tasksWaitingAtEnd: number;
  tasksRunningAtEnd: number;
  /** Wait from submission to first start, over the tasks that started (seconds). */
  waitP50Seconds: number | null;
  waitP95Seconds: number | null;
  waitMaxSeconds: number | null;
  idleNodeHours: number;
}

export interface FormulaSummary {
  formula: string;
  /** Errors the checker found (the formula is replayed anyway, as the service would run it). */
  checkErrors: number;
  evaluations: number;
  failedEvaluations: number;
  failures: FailureSummary[];
  nodeHours: NodeHours;
  /** Simulated minus recorded, per kind; null where the recording has no node counts. */
  nodeHoursDifference: { dedicated: number | null; lowPriority: number | null };
  cost: number | null;
  costDifference: number | null;
  scaleUps: number;
  scaleDowns: number;
  queuedNoFreeSlotHours: number | null;
  closedLoop: ClosedLoopSummary | null;
}

export interface RecordedSummary {
  nodeHours: { dedicated: number | null; lowPriority: number | null };
  cost: number | null;
  queuedNoFreeSlotHours: number | null;
}

export interface FormulaReplay {
  summary: FormulaSummary;
  timeline: TimelineRow[];
  /** The formula's text as replayed (a host file's formula after extraction). */
  text: string;
  /** Every evaluation's context, when the replay was asked to keep them (an HTML report explains any point with them). */
  contexts?: EvaluationContexts;
  /** Agreement with the service's own decisions; only when a service history was given. */
  agreement?: Agreement;
}

export interface RecordingReplay {
  recording: string;
  format: RecordingFormat;
  poolId: string;
  settings: ReplaySettings;
  recorded: RecordedSummary;
  /** Low-confidence periods of the closed loop's workload model (empty in open loop). */
  lowConfidence: Period[];
  notes: string[];
  formulas: FormulaReplay[];
  /** The service history the formulas were compared with; only when one was given. */
  serviceHistory?: ServiceHistoryReport;
}

export interface FormulaSource {
  name: string;
  text: string;
}
