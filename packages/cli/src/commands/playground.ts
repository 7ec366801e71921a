// `autoscale playground [--port N]`: its options and help. Serving the page is
// actions/playground.ts, loaded only when the command runs.

import type { Command } from 'commander';
import { wholeNumberArgument } from '../arguments.ts';
import type { CommandContext } from '../program.ts';

export const DEFAULT_PLAYGROUND_PORT = 8417;

const portArgument = wholeNumberArgument(0, 65535, 'a port number (0 to 65535; 0 picks a free one)');

export function registerPlayground(program: Command, ctx: CommandContext): void {
  program
    .command('playground')
    .summary('serve the browser playground on 127.0.0.1')
    .description(
      'Serve the browser playground: edit a formula with live diagnostics, hover and completion, evaluate it against a context, and replay it on the example recording or your own. Everything runs in the browser: a recording you pick is never uploaded, and the page loads nothing from the network.',
    )
    .option('-p, --port <n>', `port on 127.0.0.1 (0 picks a free one)`, portArgument, DEFAULT_PLAYGROUND_PORT)
    .addHelpText(
      'after',
      `
The page is a static site that ships inside this package (dist/playground/); any web server can host
that folder instead. Runs until interrupted.

Exit codes:
  0  stopped with Ctrl-C or SIGTERM
  1  the port is in use, or the page's files are missing
  2  bad usage

Example:
  autoscale playground --port 8080`,
    )
    .action(async (options: { port: number }) => {
      const { runPlayground } = await import('../actions/playground.ts');
      ctx.setExitCode(await runPlayground(ctx, options.port));
    });
}
