// The one wording of why a file could not be read or written, in the style of the C library's
// strerror, so every command says "no such file or directory" instead of Node's
// "ENOENT: no such file or directory, open 'x'" (which repeats the name the caller already prints).

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

/** A short reason for a failed file operation; an error without a known code keeps its message. */
export function fileErrorReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code] !== undefined) return REASONS[code];
  return err instanceof Error ? err.message : String(err);
}
