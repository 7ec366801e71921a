// The command's version, read from its package.json: `--version` prints it and SARIF logs name it.
// Its own module, so that an action can name the version without importing the program.

import { readFileSync } from 'node:fs';

/** The @autoscale/cli version. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
