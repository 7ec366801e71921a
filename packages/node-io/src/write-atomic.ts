// The one atomic file writer (fmt --write, test --junit, replay --out, demo). The text goes to a
// temporary file in the target's own directory (same file system), which is then renamed over the
// target, so a reader or a crash sees the old file or the new one, never half of either.
// A symbolic link is followed and its target replaced, so the link stays a link (renaming over the
// link itself would turn it into a plain file). An existing file keeps its mode; a new file gets
// the default mode less the umask. On failure the temporary file is removed and the target is
// untouched. Not kept, as with any write by rename: the file's owner and group, and hard links
// (the other names keep the old contents).

import { open, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Most links followed by hand for a target that does not exist yet (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * `bytes` random bytes as hex, from the global Web Crypto: importing node:crypto would load it for
 * every command that merely might write a file.
 */
function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Replaces (or creates) `file` with `text` as UTF-8, atomically. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await resolveTarget(file);
  const mode = await existingMode(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomHex(4)}.tmp`);
  // Only a temporary file this call created is removed: 'wx' failing means the name was not ours.
  let created = false;
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      // open()'s mode is reduced by the umask; the old file's mode is set exactly.
      if (mode !== undefined) await handle.chmod(mode);
      // On disk before the rename, so a crash cannot leave the new name with empty contents.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    if (created) await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** The path to replace: `file` with every symbolic link resolved, including a link to a file not there yet. */
async function resolveTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  // Nothing there yet, or a dangling link: realpath cannot help, so follow the links by hand.
  let path = resolve(file);
  for (let links = 0; links < MAX_LINKS; links++) {
    let link: string;
    try {
      link = await readlink(path);
    } catch (err) {
      // EINVAL: not a link. ENOENT: nothing there (a missing directory is reported by the write).
      const code = errorCode(err);
      if (code === 'EINVAL' || code === 'ENOENT') return path;
      throw err;
    }
    // A relative link is relative to its directory as the kernel sees it, not to the spelling of
    // `path` (which may pass through a linked directory and `..`).
    path = resolve(await realpath(dirname(path)), link);
  }
  throw Object.assign(new Error(`too many levels of symbolic links: ${file}`), { code: 'ELOOP' });
}

/** The permission bits of an existing file, or undefined for a new one. */
async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

function errorCode(err: unknown): unknown {
  return (err as { code?: unknown } | null)?.code;
}
