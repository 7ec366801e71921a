// The files the playground server reads, and how it sends them. It opens only regular files whose
// real path (every symbolic link resolved) lies under the root's real path: a link out of the root,
// a device, a FIFO, a socket or a folder is not a file of the site, wherever it sits. It checks the
// file it has open, not the path it looked at earlier, and reads from that open file, so a file
// that `npm run build` removes or replaces in dist/ while the server runs is sent whole (the one
// opened) or answered 404; one rewritten in place while it is sent costs that one response.

import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { sep } from 'node:path';

export interface OpenFile {
  handle: FileHandle;
  /** From the open file itself: what Content-Length promises. */
  size: number;
}

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, holding one of libuv's few
// file-system threads until one comes (a handful of such requests would stop every file read); on a
// regular file it changes nothing. O_NOFOLLOW: the path opened is already real, so a link found at
// its end now was put there after the check. Windows has neither (it has no FIFOs of this kind and
// realpath has resolved its links), hence the zeros.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Opens `file` if it may be served from `root`: a regular file whose real path is under the real
 * path of `root` (so a root that is itself a link works). Undefined for anything else, and for a
 * file that is missing, vanishes before it is opened, or cannot be opened; the caller answers 404.
 */
export async function openServable(root: string, file: string): Promise<OpenFile | undefined> {
  let real: string;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isUnder(realRoot, realFile)) return undefined;
    real = realFile;
  } catch {
    return undefined; // missing, a dangling link, a loop of links
  }
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch {
    return undefined; // removed or replaced by a link since realpath, unreadable, a socket (ENXIO)
  }
  try {
    const info = await handle.stat();
    if (info.isFile()) return { handle, size: info.size };
  } catch {
    // Unknown: not served.
  }
  await handle.close().catch(() => undefined);
  return undefined;
}

function isUnder(realRoot: string, realFile: string): boolean {
  const base = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  return realFile.startsWith(base);
}

/**
 * Sends the first `size` bytes of an open file (size > 0) as the body of `res`, whose status and
 * headers are set but not yet sent (they go out with the first byte), and closes the file. Resolves
 * when the body is sent or the client has gone. Rejects when the file cannot be read or ends before
 * `size` bytes (it shrank): the caller then answers 500 if no byte has gone out, and otherwise cuts
 * the connection, since a body shorter than its Content-Length would make the client take the
 * next answer on the connection for the rest of it.
 */
export function sendFile({ handle, size }: OpenFile, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    // autoClose (the default) closes the handle when the stream ends, fails or is destroyed.
    const stream = handle.createReadStream({ start: 0, end: size - 1 });
    // A client that goes away mid-file, or while the file was being opened: pipe() only stops
    // writing, and the stream would keep the file open for good.
    if (res.destroyed) stream.destroy();
    else res.once('close', () => stream.destroy());
    stream.on('error', (error) => {
      stream.unpipe(res);
      reject(error);
    });
    stream.once('end', () => {
      if (stream.bytesRead < size) {
        reject(new Error(`the file shrank to ${stream.bytesRead} of ${size} bytes while it was sent`));
      } else {
        res.end();
        resolve();
      }
    });
    // Destroyed without an error (the client went away): nothing more to do.
    stream.once('close', () => resolve());
    stream.pipe(res, { end: false });
  });
}
