// Loads Monaco once for the whole page: the editor API, every editor feature (hover, suggest,
// parameter hints, code actions, formatting, folding, semantic tokens, find, ...) but none of
// Monaco's own languages, and its editor worker. Everything else imports Monaco from here.

import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';

// Monaco asks for its editor worker (diffing, word-based helpers) through this global hook.
// Vite bundles the worker as a file of its own, so the policy's worker-src 'self' allows it.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker: () => new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), { type: 'module' }),
};

export { monaco };
