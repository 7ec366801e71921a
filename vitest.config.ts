// Test runner configuration: unit tests beside each package, cross-package suites under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
  },
});
