// The progress line of a long tune search, redrawn in place on stderr like the replay's
// ProgressBar (io/progress-bar.ts), with the count of variants replayed so far. Whoever creates it
// decides whether to show one (a terminal); it redraws only when the line changes, once per batch.

export class TuneProgress {
  private readonly write: (text: string) => void;
  private readonly width: number;
  private shown = '';

  constructor(write: (text: string) => void, width = 30) {
    this.write = write;
    this.width = width;
  }

  /** The line for `done` of at most `total` variants. */
  static line(done: number, total: number, width: number): string {
    const fraction = total <= 0 ? 1 : Math.min(1, done / total);
    const percent = Math.floor(fraction * 100);
    const filled = Math.round((percent / 100) * width);
    return `tuning [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${done}/${total} variants`;
  }

  update(done: number, total: number): void {
    const line = TuneProgress.line(done, total, this.width);
    if (line === this.shown) return;
    // Padded to the last line's length so a shorter line leaves nothing behind.
    this.write(`\r${line.padEnd(this.shown.length)}`);
    this.shown = line;
  }

  /** Clears the line so the report starts on a clean one. */
  done(): void {
    if (this.shown !== '') this.write(`\r${' '.repeat(this.shown.length)}\r`);
    this.shown = '';
  }
}
