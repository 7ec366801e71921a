// Public API of @autoscale/cli: run the CLI in-process (tests, other tools) or build its program.

export { runCli, buildProgram, type CommandContext } from './program.ts';
export { nodeIo, type CliIo, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from './io.ts';
