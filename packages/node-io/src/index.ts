// Public API of @autoscale/node-io: the file helpers cli, testing and replay share, so that a file
// is written, decoded and complained about the same way whichever command touches it. Node only:
// nothing a browser entry loads may import this package.

export { writeFileAtomic } from './write-atomic.ts';
export { fileErrorReason } from './file-error.ts';
export { decodeUtf8 } from './utf8.ts';
export {
  INPUT_LIMITS,
  inputLimit,
  readBoundedSync,
  readTextSync,
  readStreamBounded,
  tooLargeError,
  type InputKind,
  type InputLimit,
} from './read-bounded.ts';
export { inputOverwrittenBy } from './same-file.ts';
export {
  discoverFiles,
  type DiscoveredFile,
  type DiscoveredFiles,
  type FileKind,
} from './discover-files.ts';
export { globMatcher } from './discover-files.ts';
