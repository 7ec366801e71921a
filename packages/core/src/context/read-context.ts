// A context file's text to an evaluation context, with the service's metric names from the
// registry and every mistake already formatted as `file:line:col: path: message`. What the CLI,
// the language server and the test suites call; context-file.ts stays free of the registry.

import { registry } from '../builtins/registry.ts';
import type { EvaluationContext } from '../runtime/context.ts';
import { formatContextError, loadContextFile } from './context-file.ts';

export type ReadContextResult = { ok: true; context: EvaluationContext } | { ok: false; messages: string[] };

export function readContext(
  text: string,
  fileName: string,
  overrides?: { now?: number; seed?: number },
): ReadContextResult {
  const loaded = loadContextFile(text, {
    knownMetrics: registry.sampledMetricNames(),
    ...(overrides ? { overrides } : {}),
  });
  if (loaded.ok) return loaded;
  return { ok: false, messages: loaded.errors.map((e) => formatContextError(fileName, e)) };
}
