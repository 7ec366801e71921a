#!/usr/bin/env node
// The `autoscale` command as installed. Written for any Node that runs ES modules, so that an old one gets
// a message, not a syntax error. Then it turns on Node's module compile cache (the bundle is
// compiled once, not on every run; NODE_COMPILE_CACHE picks the directory and
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) and runs the one-file bundle, dist/cli.cjs.

import module from 'node:module';
import { fileURLToPath } from 'node:url';

/** The oldest Node this package runs on: package.json's engines.node says the same (tested). */
const MINIMUM = [22, 12];

const version = process.versions.node.split('.').map(Number);
if (version[0] < MINIMUM[0] || (version[0] === MINIMUM[0] && version[1] < MINIMUM[1])) {
  process.stderr.write(
    'autoscale needs Node.js ' +
      MINIMUM.join('.') +
      ' or newer, but ' +
      process.execPath +
      ' is ' +
      process.version +
      '.\n' +
      'Install a current Node.js LTS release (https://nodejs.org, or a version manager such as nvm: "nvm install --lts") and run autoscale again.\n',
  );
  process.exit(2);
}
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
const bundle = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
try {
  module.createRequire(import.meta.url)(bundle);
} catch (error) {
  // Only a checkout of the toolkit's sources lacks the bundle: the published package has it.
  if (!(error && error.code === 'MODULE_NOT_FOUND' && String(error.message).indexOf(bundle) >= 0)) throw error;
  process.stderr.write(
    'autoscale: ' +
      bundle +
      ' is missing. In a checkout of the toolkit, run "npm run build" first, or "npm run autoscale -- ARGS" to run the command from its sources.\n',
  );
  process.exit(2);
}
