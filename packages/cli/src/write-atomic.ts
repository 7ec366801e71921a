// Replaces a file's contents atomically: the new text goes to a temporary file in the same
// directory (same file system), which is then renamed over the original, so a reader or a crash
// sees either the old file or the new one, never half of each. Keeps the file's permissions and
// writes through a symbolic link to its target rather than replacing the link.

import { randomBytes } from 'node:crypto';
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await realpath(file);
  const { mode } = await stat(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx', mode: mode & 0o777 });
    await chmod(temp, mode & 0o7777);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
