// Where test data lives: the repository's own cases, and the shared corpus beside the repository.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CASES = join(REPO_ROOT, 'test', 'corpus');
/** The shared corpus of real formulas; CI always has it, a bare clone may not. */
export const SHARED_CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus');
export const HAS_SHARED_CORPUS = existsSync(join(SHARED_CORPUS, 'index.json'));
