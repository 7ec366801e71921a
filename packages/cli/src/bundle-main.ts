// Entry point of the published one-file bundle (dist/cli.cjs, started by bin/autoscale.js): the
// CLI, or, when the bundle was started as one of the replay's worker threads, that worker's job.
// The bundle inlines @autoscale/replay, whose workers would otherwise start from its own files.
// Bundled as CommonJS (see scripts/build-cli.ts), so no top-level await here.

import { runWorkerIfStarted, useWorkerEntry } from '@autoscale/replay/workers';
import { nodeIo } from './io.ts';
import { runCli } from './program.ts';

if (!runWorkerIfStarted()) {
  useWorkerEntry(new URL(import.meta.url));
  void runCli(process.argv.slice(2), nodeIo()).then((code) => {
    process.exitCode = code;
  });
}
