// Errors found while reading a recording, a task log or an import: values (never exceptions) that
// carry the file and 1-based line (and column when known), printed as `file:line[:col]: message`.

export interface RecordingError {
  /** The file as the user named it. */
  file: string;
  /** 1-based line; absent for problems with the whole file (e.g. it cannot be read). */
  line?: number;
  /** 1-based column (UTF-16 code units), when the problem is one cell or key. */
  column?: number;
  message: string;
}

/** How many errors a reader collects before it stops reading: enough to fix a file in one pass. */
export const MAX_READ_ERRORS = 20;

export function formatRecordingError(e: RecordingError): string {
  if (e.line === undefined) return `${e.file}: ${e.message}`;
  return e.column === undefined ? `${e.file}:${e.line}: ${e.message}` : `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Collects errors up to MAX_READ_ERRORS; `full` tells a reader to stop. */
export class ErrorList {
  readonly errors: RecordingError[] = [];
  readonly file: string;
  private truncated = false;

  constructor(file: string) {
    this.file = file;
  }

  add(line: number | undefined, message: string, column?: number): void {
    if (this.errors.length >= MAX_READ_ERRORS) {
      this.truncated = true;
      return;
    }
    const e: RecordingError = { file: this.file, message };
    if (line !== undefined) e.line = line;
    if (column !== undefined) e.column = column;
    this.errors.push(e);
  }

  get full(): boolean {
    return this.errors.length >= MAX_READ_ERRORS;
  }

  get empty(): boolean {
    return this.errors.length === 0;
  }

  /** The errors, with a last line saying reading stopped when the limit was hit. */
  list(): RecordingError[] {
    if (!this.full && !this.truncated) return this.errors;
    return [...this.errors, { file: this.file, message: `stopped after ${MAX_READ_ERRORS} errors` }];
  }
}

/** A read either succeeds with a value or fails with every error found (up to the limit). */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; errors: RecordingError[] };
