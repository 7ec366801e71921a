#!/usr/bin/env node
// Launcher for the `autoscale` command. The CLI is written in TypeScript and run from source by
// Node >= 22.18 (type stripping); the repository pins Node 24 as a dev dependency, which npm puts
// first on PATH for `npx autoscale` and `npm run`.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`autoscale needs Node.js 22.18 or newer (this is ${process.version}). Run it with \`npx autoscale\` from the repository, which uses the Node it installs.\n`);
  process.exit(2);
}
await import('../src/bin.ts');
