// Builds the commander program: global options, one subcommand per file under commands/, and
// the mapping of commander's own errors (bad usage, --help, --version) to exit codes. Start-up
// loads only this, commander and commands/: each command imports its work (actions/) when it runs.

import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.ts';
import { registerEval } from './commands/eval.ts';
import { registerExplain } from './commands/explain.ts';
import { registerFmt } from './commands/fmt.ts';
import { registerLsp } from './commands/lsp.ts';
import { registerPlayground } from './commands/playground.ts';
import { registerReplay } from './commands/replay.ts';
import { registerTest } from './commands/test.ts';
import { registerTune } from './commands/tune.ts';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io.ts';
import { VERSION } from './version.ts';

/** What every command's action gets: where to write, and how to report its exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('autoscale')
    .description('Check, format, evaluate and explain Azure Batch autoscale formulas offline.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)')
    // Options after a command name are that command's: `tune merge FILE --format json` is merge's --format.
    .enablePositionalOptions()
    .exitOverride();
  program.addHelpText(
    'after',
    `
Exit codes: 0 success; 1 the formula has errors, an evaluation failed, or fmt --check found
unformatted files; 2 unreadable file, bad context file, syntax error in eval/explain/fmt, bad usage.
"-" as a file name reads stdin. Run "autoscale help <command>" for a command's options.

Example:
  autoscale check pool.autoscale && autoscale eval pool.autoscale --context pool.json`,
  );
  registerCheck(program, ctx);
  registerFmt(program, ctx);
  registerReplay(program, ctx);
  registerTune(program, ctx);
  registerEval(program, ctx);
  registerExplain(program, ctx);
  registerTest(program, ctx);
  registerLsp(program, ctx);
  registerPlayground(program, ctx);
  return program;
}

/**
 * Runs the CLI on user arguments (without the node and script paths) and returns the exit code.
 * Never calls process.exit, so it can run in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    // Help asked for (--help, `help CMD`) and --version end successfully (commander's exit code 0);
    // every other commander error, including help shown because no command was given, is bad usage.
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  return exitCode;
}
