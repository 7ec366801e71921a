// Where the runtimes the tests run things on live: the cache scripts/setup-e2e.sh fills (code-server
// and exact Node versions, installed from the npm registry's `node` package), and the two oldest
// Node versions the project claims to run on. A function returns undefined when its runtime is not
// installed, so a test can say it was skipped instead of failing on a machine without the set-up.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The VS Code extension's floor: engines.vscode is ^1.91.0 (vscode-languageclient 11's own floor),
 * and VS Code 1.91 runs extensions on Electron 29.4.0, whose Node is 20.9.0 (VS Code moved to
 * Node 22 only with 1.101). extension/build.ts targets this Node.
 */
export const VSCODE_FLOOR = { engine: '^1.91.0', node: '20.9.0' } as const;

/**
 * The command line's floor: the published packages declare engines.node >=22.12 (for example
 * packages/lsp-server/package.json; chevrotain 13, which core depends on, needs >=22.0.0).
 */
export const CLI_FLOOR_NODE = '22.12.0';

/** The directory scripts/setup-e2e.sh installs into (the same rule as the script's). */
export function e2eCache(): string {
  return (
    process.env.AUTOSCALE_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'autoscale-e2e')
  );
}

/** The `node` binary of exactly `version`, when scripts/setup-e2e.sh installed it. */
export function nodeBinary(version: string): string | undefined {
  const bin = join(
    e2eCache(),
    `node-${version}`,
    'node_modules',
    'node',
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  return existsSync(bin) ? bin : undefined;
}

/**
 * An environment for a child Node of another version: without the npm-set NODE_OPTIONS (this
 * repository's `--conditions=autoscale-source`, see .npmrc), which VS Code or a user's shell
 * would not pass either.
 */
export function plainNodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}
