// `autoscale playground [--port N]`: serves the browser playground (@autoscale/playground's built
// static files) on 127.0.0.1 and prints its address; builds the files first when there are none
// yet (or with --rebuild). Runs until interrupted (Ctrl-C) or terminated.

import type { Command } from 'commander';
import { wholeNumberArgument } from '../arguments.ts';
import { EXIT_FAILURE, EXIT_OK } from '../io.ts';
import type { CommandContext } from '../program.ts';

export const DEFAULT_PLAYGROUND_PORT = 8417;

const portArgument = wholeNumberArgument(0, 65535, 'a port number (0 to 65535; 0 picks a free one)');

export function registerPlayground(program: Command, ctx: CommandContext): void {
  program
    .command('playground')
    .summary('serve the browser playground on 127.0.0.1')
    .description('Serve the browser playground: edit a formula with live diagnostics, hover and completion, evaluate it against a context, and replay it on the example recording or your own. Everything runs in the browser: a recording you pick is never uploaded, and the page loads nothing from the network.')
    .option('-p, --port <n>', `port on 127.0.0.1 (0 picks a free one)`, portArgument, DEFAULT_PLAYGROUND_PORT)
    .option('--rebuild', 'rebuild the static files first (after changing the playground\'s sources)')
    .addHelpText('after', `
The static files are packages/playground/dist/, made by "npm run build"; when they are missing the
command builds them first (a few seconds). Any web server can host that folder instead.

Exit codes:
  0  stopped with Ctrl-C or SIGTERM
  1  the port is in use, or the files could not be built
  2  bad usage

Example:
  autoscale playground --port 8080`)
    .action(async (options: { port: number; rebuild?: boolean }) => {
      ctx.setExitCode(await runPlayground(ctx, options.port, options.rebuild === true));
    });
}

async function runPlayground(ctx: CommandContext, port: number, rebuild: boolean): Promise<number> {
  const { servePlayground } = await import('@autoscale/playground/serve');
  const { buildPlayground, isBuilt } = await import('@autoscale/playground/build');
  if (rebuild || !isBuilt()) {
    ctx.io.stderr(`${rebuild ? 'Rebuilding' : 'Building'} the playground (packages/playground/dist)…\n`);
    try {
      await buildPlayground();
    } catch (error) {
      ctx.io.stderr(`autoscale playground: the build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
  }
  let server: Awaited<ReturnType<typeof servePlayground>>;
  try {
    server = await servePlayground({ port });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port (0 picks a free one)` : error instanceof Error ? error.message : String(error);
    ctx.io.stderr(`autoscale playground: ${reason}\n`);
    return EXIT_FAILURE;
  }
  ctx.io.stdout(`Playground: ${server.url}\nPress Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT_OK;
}
