// Test runner configuration: unit tests beside each package, cross-package suites under test/.
// Tests run the TypeScript sources: workspace packages resolve through their "autoscale-source"
// export condition (as tsc and Node do in this repository, see .npmrc), never their built dist/.
// Tests run in Node, so they resolve "node" too: @autoscale/core's Node entry installs the code
// generator, as it does for users (vitest resolves test files with these client conditions).
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const SOURCE_CONDITION = 'autoscale-source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'node', ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
  },
});
