// What a replay reports about the service's own history, as plain data: per recording which
// evaluations of the history it used, and per formula how often the formula's results agree with
// what the service decided at the same instants. Times are ms since the epoch.

/** An evaluation's outcome in the service's shapes. */
export interface RunOutcome {
  results: string;
  error: { code: string; message: string } | null;
}

export interface Disagreement {
  time: number;
  service: RunOutcome;
  replay: RunOutcome;
  /** Each difference in a sentence (core's compareWithRecorded: "$TargetDedicatedNodes=5 here, ... recorded"). */
  differences: string[];
}

/** A stretch of the history in which the service ran another formula than the one replayed. */
export interface OtherFormulaPeriod {
  /** The first and last evaluation of the stretch. */
  from: number;
  to: number;
  evaluations: number;
}

export interface Agreement {
  /** Service evaluations in the replay window compared with this formula's. */
  compared: number;
  /** Of those, how many gave the same results (entry by entry) and the same error code. */
  agreed: number;
  /** agreed / compared in percent; null when nothing was compared. */
  agreementPercent: number | null;
  firstDisagreement: Disagreement | null;
  /** Evaluations in the window where the service ran another formula: set apart, not compared. */
  otherFormula: { evaluations: number; periods: OtherFormulaPeriod[] };
}

export interface ServiceHistoryReport {
  files: string[];
  /** The pool whose evaluations were taken; null when the history does not name pools. */
  poolId: string | null;
  /** The pool's evaluations in the history (deduplicated). */
  evaluations: number;
  /** Of those, in the replay's window [from, to]: the ones compared. */
  inWindow: number;
  /** Before the replay's start or after its end: ignored. */
  outsideWindow: number;
  notes: string[];
}
