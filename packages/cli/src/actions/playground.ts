// What `autoscale playground` does (commands/playground.ts declares it): serves the playground's
// built static files, shipped in this package, on 127.0.0.1 and prints the address; runs until
// interrupted (Ctrl-C) or terminated.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { servePlayground, type PlaygroundServer } from '@autoscale/playground/serve';
import { EXIT_FAILURE, EXIT_OK } from '../io.ts';
import type { CommandContext } from '../program.ts';
import { playgroundFiles } from '../shipped-files.ts';

/** Serves `root` (the shipped page's files) until interrupted. */
export async function runPlayground(ctx: CommandContext, port: number, root = playgroundFiles()): Promise<number> {
  if (!existsSync(join(root, 'index.html'))) {
    // Only a checkout can lack them: the published package is packed after they are built.
    ctx.io.stderr(
      `autoscale playground: the page's files are missing (${root}); in a checkout of the toolkit, run "npm run build" first\n`,
    );
    return EXIT_FAILURE;
  }
  let server: PlaygroundServer;
  try {
    server = await servePlayground({ port, root });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} is in use; choose another with --port (0 picks a free one)`
        : error instanceof Error
          ? error.message
          : String(error);
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
