// A one-line progress bar for long replays, redrawn in place with a carriage return. Whoever
// creates it decides whether to show one at all (only when stderr is a terminal); redraws are
// limited to whole-percent changes so a fast replay costs nothing.

export class ProgressBar {
  private readonly write: (text: string) => void;
  private readonly label: string;
  private readonly width: number;
  private shown = -1;

  constructor(write: (text: string) => void, label: string, width = 30) {
    this.write = write;
    this.label = label;
    this.width = width;
  }

  update(fraction: number): void {
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (percent === this.shown) return;
    this.shown = percent;
    const filled = Math.round((percent / 100) * this.width);
    this.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${String(percent).padStart(3)}%`,
    );
  }

  /** Clears the line so the report starts on a clean one. */
  done(): void {
    if (this.shown >= 0) this.write(`\r${' '.repeat(this.label.length + this.width + 8)}\r`);
  }
}
