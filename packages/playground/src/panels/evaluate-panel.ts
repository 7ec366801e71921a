// The evaluation panel: a context in the context-file notation (the instant, the pool state and
// metric series; packages/core/context.schema.json), evaluated with the formula on every change
// by the language server's `autoscale/evaluate` request (core's one evaluator). Shows the results
// string as the service returns it, the service error if any, and the per-statement trace.

import type { EvaluateResponse } from '@autoscale/lsp-server/protocol';
import { monaco } from '../editor/monaco.ts';
import type { FormulaDocument } from '../lsp/formula-document.ts';

/** Waits this long after the last keystroke before evaluating (a keystroke costs well under 1 ms to check). */
const EVALUATE_DELAY_MS = 120;
const CONTEXT_MARKER_OWNER = 'autoscale-context';

export interface EvaluatePanelElements {
  results: HTMLElement;
  error: HTMLElement;
  trace: HTMLElement;
  contextErrors: HTMLUListElement;
}

export class EvaluatePanel {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private readonly elements: EvaluatePanelElements;
  private readonly formula: FormulaDocument;
  private readonly context: monaco.editor.ITextModel;

  constructor(elements: EvaluatePanelElements, formula: FormulaDocument, context: monaco.editor.ITextModel) {
    this.elements = elements;
    this.formula = formula;
    this.context = context;
  }

  /** Evaluates soon, once typing pauses. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), EVALUATE_DELAY_MS);
  }

  async run(): Promise<void> {
    const ticket = ++this.sequence;
    const text = this.context.getValue();
    let response: EvaluateResponse;
    try {
      response = await this.formula.evaluate(text.trim() === '' ? undefined : text);
    } catch (error) {
      if (ticket === this.sequence) this.showFailure(error instanceof Error ? error.message : String(error));
      return;
    }
    // An older evaluation answering late must not overwrite a newer one.
    if (ticket === this.sequence) this.show(response);
  }

  private show(r: EvaluateResponse): void {
    const { results, error, trace, contextErrors } = this.elements;
    results.textContent = r.results === '' ? '(not evaluated)' : r.results;
    results.classList.toggle('stale', r.results === '');
    error.hidden = r.error === null;
    error.textContent = r.error === null ? '' : `${r.error.code}: ${r.error.message}`;
    trace.textContent = r.trace.join('\n');
    contextErrors.replaceChildren(...r.contextErrors.map((m) => listItem(m)));
    contextErrors.hidden = r.contextErrors.length === 0;
    monaco.editor.setModelMarkers(
      this.context,
      CONTEXT_MARKER_OWNER,
      r.contextErrors.flatMap((m) => contextMarker(m)),
    );
  }

  private showFailure(message: string): void {
    this.elements.error.hidden = false;
    this.elements.error.textContent = message;
  }
}

function listItem(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

/** A squiggle for `context:LINE:COL: path: message`, on the rest of that line. */
function contextMarker(message: string): monaco.editor.IMarkerData[] {
  const m = /^[^:]*:(\d+):(\d+): (.*)$/s.exec(message);
  if (!m) return [];
  const line = Number(m[1]);
  const column = Number(m[2]);
  return [
    {
      severity: monaco.MarkerSeverity.Error,
      message: m[3] as string,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: Number.MAX_SAFE_INTEGER,
    },
  ];
}
