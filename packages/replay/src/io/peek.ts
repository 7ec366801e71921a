// The first PEEK_CHARS of a file, decoded as UTF-8 without a byte order mark: what format
// detection (recording/detect.ts) looks at before the right reader streams the whole file.

import { open } from 'node:fs/promises';
import { PEEK_CHARS } from '../recording/detect.ts';

export async function peekFile(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PEEK_CHARS);
    const { bytesRead } = await handle.read(buffer, 0, PEEK_CHARS, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}
