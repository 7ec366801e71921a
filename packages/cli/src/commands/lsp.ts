// `autoscale lsp --stdio`: runs the language server (@autoscale/lsp-server) on stdin/stdout for
// editors. Loaded lazily, so the other commands do not pay for the server's dependencies.

import type { Command } from 'commander';
import { EXIT_OK } from '../io.ts';
import type { CommandContext } from '../program.ts';

export function registerLsp(program: Command, ctx: CommandContext): void {
  program
    .command('lsp')
    .summary('run the language server for editors (LSP over stdio)')
    .description(
      'Run the language server for autoscale formulas. An editor starts it and speaks JSON-RPC on stdin/stdout.',
    )
    .requiredOption('--stdio', 'speak LSP on stdin/stdout (required: the only transport)')
    .option('--clientProcessId <pid>', 'exit when this process ends (editors pass it)')
    .addHelpText(
      'after',
      `
Features: diagnostics (syntax, semantic, lint), hover, completion, signature help, definition,
references, highlights, rename, symbols, folding, semantic tokens, formatting, code actions,
inlay hints, a code lens and the custom request autoscale/evaluate. Nothing but the protocol is
written on stdout; the server's own messages go to the editor's log.

Settings come from the editor (workspace/configuration, section "batchAutoscale"): diagnostics.syntax,
diagnostics.semantic, diagnostics.lint, inlayHints.types, preview.availabilityDelay.

Exit codes:
  0  the editor sent shutdown and then exit
  1  the editor exited, or closed stdin, without sending shutdown first; or what came on stdin
     was not LSP (a malformed or oversized header: the reason goes to stderr)
  2  bad usage (e.g. --stdio missing)

Example (an editor's server command):
  autoscale lsp --stdio`,
    )
    .action(async () => {
      const { startStdioServer } = await import('@autoscale/lsp-server');
      startStdioServer();
      // The server keeps the process alive on stdin and ends it itself on exit (see above).
      ctx.setExitCode(EXIT_OK);
    });
}
