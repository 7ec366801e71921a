// The repository's root, for the build and release scripts in this folder.

import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
