// Whether an output would overwrite one of the command's own inputs: `replay wk.csv --out wk.csv`,
// or a JUnit report named like a test file. Compared as the file system sees them (device and
// inode, every link followed), so another spelling or a link to an input is caught too.

import { stat } from 'node:fs/promises';

async function identity(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    // Not there (a new output), or not reachable: it cannot be one of the inputs then.
    return undefined;
  }
}

/** The first of `inputs` that is the same file as `output`, or undefined. */
export async function inputOverwrittenBy(output: string, inputs: readonly string[]): Promise<string | undefined> {
  const target = await identity(output);
  if (target === undefined) return undefined;
  for (const input of inputs) if ((await identity(input)) === target) return input;
  return undefined;
}
