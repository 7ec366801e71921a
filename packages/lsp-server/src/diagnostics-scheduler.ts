// When each document's diagnostics are computed: an edit to a quiet document is analysed at once
// (so a keystroke's squiggles appear within milliseconds), edits arriving within THROTTLE_MS of the
// last analysis are coalesced into one analysis at the end of that window, of whatever text is
// current then. Each run computes and publishes synchronously, so results go out in edit order and
// a stale text's diagnostics can never follow a newer one. Knows nothing of LSP or the analysis.

/** Least time between two analyses of one document while it is being edited. */
export const DIAGNOSTICS_THROTTLE_MS = 50;

export interface SchedulerHooks {
  /** Computes and sends the diagnostics of the document's current text. */
  publish(uri: string): void;
  /** Called with anything publish threw (a bug): the scheduler and the server carry on. */
  failed(uri: string, error: unknown): void;
  /** Milliseconds, monotonic. */
  now(): number;
}

export class DiagnosticsScheduler {
  private readonly hooks: SchedulerHooks;
  private readonly throttleMs: number;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastRun = new Map<string, number>();
  /** Documents that changed while held (before the client's settings are known). */
  private readonly waiting = new Set<string>();
  private held: boolean;

  constructor(hooks: SchedulerHooks, options: { throttleMs?: number; held?: boolean } = {}) {
    this.hooks = hooks;
    this.throttleMs = options.throttleMs ?? DIAGNOSTICS_THROTTLE_MS;
    this.held = options.held ?? false;
  }

  /** The document's text changed (or it was opened, or the settings changed). */
  changed(uri: string): void {
    if (this.held) {
      this.waiting.add(uri);
      return;
    }
    // A pending run reads the text current when it fires, so later edits need no timer of their own.
    if (this.timers.has(uri)) return;
    const last = this.lastRun.get(uri);
    const wait = last === undefined ? 0 : last + this.throttleMs - this.hooks.now();
    // A quiet document is analysed right away, in the handler of the edit itself: a timer, even
    // of 0 ms, would add a millisecond or more to every keystroke's squiggles.
    if (wait <= 0) this.run(uri);
    else
      this.timers.set(
        uri,
        setTimeout(() => this.run(uri), wait),
      );
  }

  /** The document was closed: nothing more is published for it. */
  closed(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
    this.lastRun.delete(uri);
    this.waiting.delete(uri);
  }

  /** Starts publishing (the settings are known); documents changed meanwhile are analysed now. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    for (const uri of this.waiting) this.changed(uri);
    this.waiting.clear();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private run(uri: string): void {
    this.timers.delete(uri);
    this.lastRun.set(uri, this.hooks.now());
    try {
      this.hooks.publish(uri);
    } catch (error) {
      this.hooks.failed(uri, error);
    }
  }
}
