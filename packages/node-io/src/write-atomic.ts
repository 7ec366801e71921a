// The one atomic file writer (fmt --write, test --junit, replay --out, demo). The text goes to a
// temporary file in the target's own directory (same file system), which is then renamed over the
// target, so a reader or a crash sees the old file or the new one, never half of either.
// A symbolic link is followed and its target replaced, so the link stays a link (renaming over the
// link itself would turn it into a plain file). An existing file keeps its mode; a new file gets
// the default mode less the umask. On failure the temporary file is removed and the target is
// untouched. Not kept, as with any write by rename: the file's owner and group, and hard links
// (the other names keep the old contents).
// Only a regular file (or a new one) is replaced. A pipe or a character device (`/dev/null`,
// `/dev/stdout`, a FIFO) is written to as it is, never replaced: renaming over `/dev/null` would
// put a plain file in its place. Any other kind (a directory, a block device, a socket) is refused.
// A temporary file interrupted by SIGINT, SIGTERM or SIGHUP, or by process.exit, is removed.

import { unlinkSync } from 'node:fs';
import { open, readlink, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
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

/**
 * Replaces (or creates) `file` with `text` as UTF-8, atomically; writes a pipe or a device as it is.
 * The text may come in pieces (a streamed report), written as they come.
 */
export async function writeFileAtomic(file: string, text: string | Iterable<string>): Promise<void> {
  // stat follows every link, /proc's magic ones too (/dev/stdout on a pipe), which realpath cannot.
  const existing = await stat(file).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  });
  if (existing !== undefined && !existing.isFile()) {
    if (existing.isFIFO() || existing.isCharacterDevice()) return writeFile(file, text, 'utf8');
    if (existing.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    throw Object.assign(
      new Error(`is a ${existing.isBlockDevice() ? 'block device' : 'socket'}, not a file to write a report to`),
      { code: 'ENOTREG' },
    );
  }
  const target = await resolveTarget(file);
  const mode = await existingMode(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomHex(4)}.tmp`);
  // Only a temporary file this call created is removed: 'wx' failing means the name was not ours.
  let created = false;
  // Registered before the file exists: a signal may come between its creation and open()'s answer.
  // (Were the name someone else's, 'wx' fails; its random part makes that all but impossible.)
  interrupted.add(temp);
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
  } finally {
    interrupted.delete(temp);
  }
}

/**
 * The temporary files of writes in progress, removed if the process is interrupted or exits
 * before the writes finish. The signal handlers are installed only while a write is in progress;
 * after cleaning up, the signal is raised again, so the process ends (or its own handlers run)
 * as it would have without them.
 */
const interrupted = new (class PendingTemporaryFiles {
  private readonly paths = new Set<string>();
  private readonly signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.removeAll();
    this.uninstall();
    // The process's own handlers of the signal ran with this one; without any, end as by default.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  private readonly onExit = (): void => this.removeAll();

  add(path: string): void {
    if (this.paths.size === 0) {
      for (const signal of this.signals) process.on(signal, this.onSignal);
      process.on('exit', this.onExit);
    }
    this.paths.add(path);
  }

  delete(path: string): void {
    if (this.paths.delete(path) && this.paths.size === 0) this.uninstall();
  }

  private removeAll(): void {
    for (const path of this.paths) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone (renamed into place, or removed by the failed write): nothing to clean.
      }
    }
    this.paths.clear();
  }

  private uninstall(): void {
    for (const signal of this.signals) process.off(signal, this.onSignal);
    process.off('exit', this.onExit);
  }
})();

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
