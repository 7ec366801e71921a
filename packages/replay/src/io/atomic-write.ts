// Writes an output file all at once: the text goes to a temporary file in the same folder, which
// is then renamed over the target, so a reader (or a crash) sees the old file or the new one and
// never half of either. Works for new files too; an existing file keeps its permissions.

import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeOutputFile(path: string, text: string): Promise<void> {
  let mode = 0o666;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    // A new file: default permissions (less the umask).
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx', mode });
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
