// Test helper: a validator of SARIF 2.1.0 logs, from the schema Microsoft's SARIF SDK ships
// (@microsoft/sarif-multitool, a dev dependency), with the formats (uri, date-time) checked.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS whose default export TypeScript's NodeNext typing does not see as callable.
const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

/** The SARIF 2.1.0 schema from the SARIF SDK's package for this platform. */
function sarifSchema(): object {
  const root = join(require.resolve('@microsoft/sarif-multitool/package.json'), '../..');
  const file = ['linux', 'darwin', 'win32']
    .map((os) => join(root, `sarif-multitool-${os}`, 'sarif-2.1.0.json'))
    .find((path) => existsSync(path));
  if (file === undefined) throw new Error('the SARIF schema of @microsoft/sarif-multitool is not installed');
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(sarifSchema());
}
