// The bound on a recording's line, shared by the text splitter (lines.ts) and the byte splitter
// (byte-lines.ts): one number and one error, so both refuse the same lines in the same words.

/**
 * The longest line a recording may have (characters), unless the caller gives another bound: far
 * beyond any real row, and what keeps a file with no line breaks (or a device that never ends)
 * from being held in memory whole. Node's readers take it from @autoscale/node-io's INPUT_LIMITS.
 */
export const DEFAULT_MAX_LINE_CHARS = 1024 * 1024;

/** A line over the bound: where it starts, and the bound. */
export class LineTooLongError extends Error {
  readonly line: number;

  constructor(line: number, maxChars: number, raise: string) {
    super(
      `line ${line} is longer than ${maxChars.toLocaleString('en-US')} characters, the most a line of a recording may have${raise}`,
    );
    this.line = line;
  }
}
