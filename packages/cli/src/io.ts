// The CLI's edge with the outside world: where output goes, how files and stdin are read, and
// the exit codes every command shares. Commands receive a CliIo so the whole CLI can run
// in-process (runCli) as well as from bin.ts; nothing here knows about the formula language.

import {
  decodeUtf8,
  fileErrorReason,
  inputLimit,
  readStreamBounded,
  readTextSync,
  type InputKind,
  type InputLimit,
} from '@autoscale/node-io';

/** Exit codes shared by every command (documented in each command's --help). */
export const EXIT_OK = 0;
/** The formula has errors, an evaluation failed, or `fmt --check` found files to reformat. */
export const EXIT_FAILURE = 1;
/** The command could not do its job: unreadable file, bad context file, syntax error, bad usage. */
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout(text: string): void;
  /** Whether stdout takes colour: a terminal, unless NO_COLOR says no; FORCE_COLOR forces it either way. */
  stdoutColour?: boolean;
  stderr(text: string): void;
  /** Reads all of standard input, refusing more than `limit` (called at most once per run; see SourceReader). */
  readStdin(limit: InputLimit): Promise<string>;
}

/** The file name `-` means standard input, shown as `<stdin>` in messages. */
export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

export function displayName(file: string): string {
  return file === STDIN ? STDIN_NAME : file;
}

export interface SourceText {
  /** The name as the user gave it (`-` for stdin). */
  file: string;
  /** The name to print in messages. */
  name: string;
  /** The text, without a leading byte order mark. */
  text: string;
  /** Whether the file started with a UTF-8 byte order mark (fmt --write keeps it). */
  bom: boolean;
}

/** Reads formula and context files; stdin is read once and shared if `-` is named twice. */
export class SourceReader {
  private readonly io: CliIo;
  private stdin: Promise<string> | undefined;

  constructor(io: CliIo) {
    this.io = io;
  }

  /**
   * Reads a formula or context file within its kind's bound (node-io's INPUT_LIMITS), or reports
   * `autoscale: cannot read FILE: reason` on stderr and returns undefined.
   */
  async read(
    file: string,
    kind: Extract<InputKind, 'formula' | 'hostFile' | 'context'>,
  ): Promise<SourceText | undefined> {
    try {
      // A file is read synchronously: the commands read one file after another anyway, and the
      // first asynchronous read starts libuv's thread pool, milliseconds off every start-up.
      const raw = file === STDIN ? await this.readStdinOnce(kind) : readTextSync(file, kind);
      const bom = raw.charCodeAt(0) === 0xfeff;
      return { file, name: displayName(file), text: bom ? raw.slice(1) : raw, bom };
    } catch (err) {
      this.io.stderr(`autoscale: cannot read ${displayName(file)}: ${fileErrorReason(err)}\n`);
      return undefined;
    }
  }

  private readStdinOnce(kind: InputKind): Promise<string> {
    this.stdin ??= this.io.readStdin(inputLimit(kind));
    return this.stdin;
  }
}

/**
 * Colour on a terminal, none when piped; `NO_COLOR` (set and not empty) turns it off and
 * `FORCE_COLOR` (anything but 0 or false) on, and as in Node itself FORCE_COLOR wins.
 */
export function wantsColour(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** The real process's streams. A closed stdout (`autoscale ... | head`) ends the run quietly. */
export function nodeIo(): CliIo {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? EXIT_OK);
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stdoutColour: wantsColour(process.env, process.stdout.isTTY === true),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async (limit) => decodeUtf8(await readStreamBounded(process.stdin, limit)),
  };
}
