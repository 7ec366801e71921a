// Entry point of the `autoscale` command from the TypeScript sources (`npm run autoscale -- ARGS`
// in a checkout): runs the CLI on the real process's arguments and streams, and reports the exit
// code without cutting output short. The published command is bin/autoscale.js and bundle-main.ts.

import { nodeIo } from './io.ts';
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
