// Entry point of the `autoscale` command (started by bin/autoscale.js): runs the CLI on the real
// process's arguments and streams, and reports the exit code without cutting output short.

import { nodeIo } from './io.ts';
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
