#!/usr/bin/env node
// The `autoscale` command as installed. Written so that any Node can parse it: an old Node gets
// a message, not a syntax error. Then it turns on Node's module compile cache (the bundle is
// compiled once, not on every run; NODE_COMPILE_CACHE picks the directory and
// NODE_DISABLE_COMPILE_CACHE=1 turns it off) and runs the one-file bundle, dist/cli.cjs.

import module from 'node:module';

/** The oldest Node this package runs on: package.json's engines.node says the same (tested). */
const MINIMUM = [22, 12];

var version = process.versions.node.split('.').map(Number);
if (version[0] < MINIMUM[0] || (version[0] === MINIMUM[0] && version[1] < MINIMUM[1])) {
  process.stderr.write('autoscale needs Node.js ' + MINIMUM.join('.') + ' or newer, but ' + process.execPath + ' is ' + process.version + '.\n'
    + 'Install a current Node.js LTS release (https://nodejs.org, or a version manager such as nvm: "nvm install --lts") and run autoscale again.\n');
  process.exit(2);
}
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
module.createRequire(import.meta.url)('../dist/cli.cjs');
