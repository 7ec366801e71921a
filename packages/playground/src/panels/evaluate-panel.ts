// The evaluation panel: a context in the context-file notation (the instant, the pool state and
// metric series; packages/core/context.schema.json), evaluated with the formula on every change
// by the language server's `autoscale/evaluate` request (core's one evaluator). Shows the results
// string as the service returns it, the service error if any, and the per-statement trace.
// For a host file in the editor it evaluates the formula picked in host-controls.ts; pool JSON in
// its own state comes back compared with the pool's recorded evaluation, which is shown with each
// difference. Problems that kept the formula from running (a context error, a placeholder
// without a value) are listed, and the results say it was not evaluated.

import type { EvaluatedHost, EvaluateResponse } from '@autoscale/lsp-server/protocol';
import { monaco } from '../editor/monaco.ts';
import type { EditorContent } from '../host/editor-content.ts';
import type { FormulaDocument } from '../lsp/formula-document.ts';
import type { HostControls } from './host-controls.ts';

/** Waits this long after the last keystroke before evaluating (a keystroke costs well under 1 ms to check). */
const EVALUATE_DELAY_MS = 120;
const CONTEXT_MARKER_OWNER = 'autoscale-context';

export interface EvaluatePanelElements {
  results: HTMLElement;
  error: HTMLElement;
  trace: HTMLElement;
  contextErrors: HTMLUListElement;
  /** The context editor and its heading, set aside while pool JSON is its own context. */
  contextBlock: HTMLElement;
  /** Whether the results agree with the pool's recorded evaluation. */
  recorded: HTMLElement;
}

/** What the editor holds and the choices made for a host file. */
export interface EvaluatedSource {
  content: () => EditorContent;
  controls: HostControls;
}

export class EvaluatePanel {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private readonly elements: EvaluatePanelElements;
  private readonly formula: FormulaDocument;
  private readonly context: monaco.editor.ITextModel;
  private readonly source: EvaluatedSource;

  constructor(
    elements: EvaluatePanelElements,
    formula: FormulaDocument,
    context: monaco.editor.ITextModel,
    source: EvaluatedSource,
  ) {
    this.elements = elements;
    this.formula = formula;
    this.context = context;
    this.source = source;
  }

  /** Evaluates soon, once typing pauses. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), EVALUATE_DELAY_MS);
  }

  async run(): Promise<void> {
    const ticket = ++this.sequence;
    const text = this.context.getValue();
    const content = this.source.content();
    const ownContext = this.source.controls.usesPoolContext(content);
    this.elements.contextBlock.hidden = ownContext;
    // Without context text the server evaluates pool JSON in the pool's own state.
    const contextText = ownContext || text.trim() === '' ? undefined : text;
    const formulaName = content.kind === 'host' ? this.source.controls.choices().formulaName : undefined;
    let response: EvaluateResponse;
    try {
      response = await this.formula.evaluate(contextText, formulaName);
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
    this.showRecorded(r);
  }

  private showRecorded(r: EvaluateResponse): void {
    const { recorded } = this.elements;
    const verdict = recordedVerdict(r.host, r.contextErrors.length > 0, this.source.controls.choices().poolContext);
    recorded.hidden = verdict === undefined;
    recorded.dataset.agrees = verdict === undefined ? '' : String(verdict.agrees ?? '');
    if (verdict === undefined) {
      recorded.replaceChildren();
      return;
    }
    const heading = document.createElement('p');
    heading.textContent = verdict.text;
    const differences = document.createElement('ul');
    differences.replaceChildren(...verdict.differences.map((d) => listItem(d)));
    differences.hidden = verdict.differences.length === 0;
    recorded.replaceChildren(heading, differences);
  }

  private showFailure(message: string): void {
    this.elements.error.hidden = false;
    this.elements.error.textContent = message;
    this.elements.recorded.hidden = true;
  }
}

interface Verdict {
  /** True or false when compared with the recorded run; undefined when there was nothing to compare. */
  agrees: boolean | undefined;
  text: string;
  differences: string[];
}

/** What to say about the pool's recorded evaluation, for pool JSON; undefined for anything else. */
function recordedVerdict(
  host: EvaluatedHost | undefined,
  notEvaluated: boolean,
  ownContext: boolean,
): Verdict | undefined {
  if (host === undefined || host.kind !== 'pool-json' || notEvaluated) return undefined;
  const at = (evaluatedAt: string | null) => (evaluatedAt === null ? '' : ` at ${evaluatedAt}`);
  if (host.recorded !== undefined) {
    const { agrees, differences, evaluatedAt } = host.recorded;
    return agrees
      ? { agrees, differences, text: `Agrees with the pool's recorded evaluation${at(evaluatedAt)}.` }
      : { agrees, differences, text: `Differs from the pool's recorded evaluation${at(evaluatedAt)}:` };
  }
  return {
    agrees: undefined,
    differences: [],
    text: ownContext
      ? 'The pool JSON holds no recorded evaluation (autoScaleRun) to compare with.'
      : "Evaluated in the context above; the pool's recorded evaluation is compared only in the pool's own state.",
  };
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
