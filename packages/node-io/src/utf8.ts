// Strict UTF-8 decoding for formula, context and test files: a file that is not UTF-8 is refused
// rather than decoded with replacement characters, which would make a formula silently differ from
// what is on disk.

/**
 * Decodes `bytes` as UTF-8, or throws an Error whose message is "not valid UTF-8 text" (which
 * fileErrorReason passes through). A leading byte order mark is kept, so a caller can notice it
 * (fmt --write puts it back) and decide whether to drop it.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new Error('not valid UTF-8 text', { cause });
  }
}
