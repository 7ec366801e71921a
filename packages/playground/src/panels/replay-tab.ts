// The replay tab: the bundled example recording or files the user picks (read in a worker, never
// uploaded), the editor's formula and any example formulas, open or closed loop; shows the same
// summary table, charts and error tables as `autoscale replay --out report.html`. When the editor
// holds a host file, its picked formula is replayed (editor-content.ts's replayFormula), never the
// host file's text; a host file without a usable formula is refused with the reason. Once a replay
// is shown, its worker (which keeps the replay and every evaluation's context) stays to answer
// queries about it until the next replay replaces it: the downloads (JSON, CSV and the HTML
// report, download-report.ts), and a click on a chart, which explains each formula's evaluation
// at that time in the group's explain panel (context, results, trace), as the HTML report does.

import { parseDuration } from '@autoscale/core';
import {
  checkEvaluationInterval,
  EXPLAIN_STYLE,
  type FormulaSource,
  type ReplayRequest,
} from '@autoscale/replay/browser';
import type { Example } from '../examples.ts';
import { EDITOR_FORMULA_NAME, type ReplayFormula } from '../host/editor-content.ts';
import type {
  ExportFormat,
  QueryAnswer,
  RecordingChoice,
  ReplayJob,
  ReplayMessage,
  ReplayQuery,
} from '../workers/replay-protocol.ts';
import { ChartSet } from './charts.ts';
import { DownloadButtons, saveReport } from './download-report.ts';

export interface ReplayTabElements {
  form: HTMLFormElement;
  file: HTMLInputElement;
  formulas: HTMLElement;
  compare: HTMLInputElement;
  mode: HTMLSelectElement;
  interval: HTMLInputElement;
  run: HTMLButtonElement;
  status: HTMLElement;
  errors: HTMLUListElement;
  report: HTMLElement;
}

export interface ReplayTabSources {
  /** The editor's formula as replayed (its name in the report and its text), or why it cannot be. */
  editorFormula: () => ReplayFormula;
  examples: readonly Example[];
  exampleRecording: { name: string; url: string; metaText: string };
}

export class ReplayTab {
  private worker: Worker | undefined;
  private jobId = 0;
  private queryId = 0;
  private readonly charts = new ChartSet();
  private readonly downloads = new DownloadButtons((format) => this.download(format));
  /** The job of the replay on the page, which the worker keeps and queries are about. */
  private shown: number | undefined;
  /** The export query awaited, whose answer is saved. */
  private exporting: number | undefined;
  /** The explain query awaited, and the panel its answer goes to. */
  private explaining: { id: number; panel: HTMLElement } | undefined;
  private readonly el: ReplayTabElements;
  private readonly sources: ReplayTabSources;

  constructor(el: ReplayTabElements, sources: ReplayTabSources) {
    this.el = el;
    this.sources = sources;
    el.report.before(this.downloads.element);
    // The explain panel's style, as the HTML report has it; through the CSSOM, so as a sheet of
    // the page's own, not an inline <style>.
    const explainSheet = new CSSStyleSheet();
    explainSheet.replaceSync(EXPLAIN_STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, explainSheet];
    el.formulas.replaceChildren(
      checkbox('editor', editorLabel(EDITOR_FORMULA_NAME), true),
      ...sources.examples.map((e, i) => checkbox(String(i), `Example: ${e.file}`, false)),
    );
    el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    el.file.addEventListener('change', () => {
      const radio = el.form.querySelector<HTMLInputElement>('input[name="recording"][value="file"]');
      if (radio && el.file.files && el.file.files.length > 0) radio.checked = true;
    });
  }

  /** Names the editor's formula as the report will (`editor.json#office-hours` for a host file's). */
  describeEditorFormula(): void {
    const formula = this.sources.editorFormula();
    const label = this.el.formulas.querySelector<HTMLInputElement>('input[value="editor"]')?.nextSibling;
    if (label) label.textContent = ` ${editorLabel(formula.name)}`;
  }

  /** Starts a replay with the form's choices; a replay still running is abandoned. */
  start(): void {
    const job = this.job();
    if (typeof job === 'string') {
      this.showErrors([job]);
      return;
    }
    this.worker?.terminate();
    this.shown = undefined;
    this.exporting = undefined;
    this.explaining = undefined;
    this.downloads.show(false);
    this.downloads.busy(false);
    this.el.errors.replaceChildren();
    this.el.errors.hidden = true;
    const worker = new Worker(new URL('../workers/replay.worker.ts', import.meta.url), {
      type: 'module',
      name: 'autoscale-replay',
    });
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<ReplayMessage | QueryAnswer>) => {
      if ('query' in event.data) this.answered(event.data);
      else this.receive(event.data);
    };
    worker.onerror = (event) => this.finish([`The replay worker failed: ${event.message}`]);
    this.el.status.textContent = 'Replaying…';
    this.el.run.disabled = true;
    worker.postMessage(job);
  }

  private job(): ReplayJob | string {
    const formulas = this.chosenFormulas();
    if (typeof formulas === 'string') return formulas;
    if (formulas.length === 0) return 'Choose at least one formula to replay.';
    const compare = this.el.compare.checked;
    if (compare && formulas.length < 2) return 'Side by side needs at least two formulas.';
    const request: ReplayRequest = { mode: this.el.mode.value === 'closed' ? 'closed' : 'open' };
    const intervalText = this.el.interval.value.trim();
    if (intervalText !== '') {
      const d = parseDuration(intervalText);
      if (!d.ok) return `Evaluation interval: ${d.reason}`;
      const bad = checkEvaluationInterval(d.ms);
      if (bad !== undefined) return `Evaluation interval: ${bad}`;
      request.interval = d.ms;
    }
    const recording = this.chosenRecording();
    if (typeof recording === 'string') return recording;
    return { id: ++this.jobId, recording, formulas, request, compare };
  }

  private chosenFormulas(): FormulaSource[] | string {
    const checked = [...this.el.formulas.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')].map(
      (c) => c.value,
    );
    const chosen: FormulaSource[] = [];
    for (const value of checked) {
      if (value === 'editor') {
        const editor = this.sources.editorFormula();
        if (!editor.ok) return editor.reason;
        chosen.push({ name: editor.name, text: editor.text });
        continue;
      }
      const example = this.sources.examples[Number(value)];
      if (example) chosen.push({ name: example.file, text: example.formula });
    }
    return chosen;
  }

  private chosenRecording(): RecordingChoice | string {
    const useFile =
      this.el.form.querySelector<HTMLInputElement>('input[name="recording"][value="file"]')?.checked === true;
    if (!useFile) return { kind: 'example', ...this.sources.exampleRecording };
    const files = [...(this.el.file.files ?? [])];
    if (files.length === 0)
      return 'Choose a recording file first (CSV, JSON Lines, or `az monitor metrics list` JSON).';
    return { kind: 'files', files };
  }

  private receive(message: ReplayMessage): void {
    if (message.id !== this.jobId) return;
    if (message.type === 'progress') {
      this.el.status.textContent = `${message.phase === 'reading' ? 'Reading' : 'Replaying'}… ${Math.round(message.fraction * 100)}%`;
      return;
    }
    if (message.type === 'failed') {
      this.finish(message.errors);
      return;
    }
    this.finish([], true);
    // The section's HTML is built by @autoscale/replay with every recording and formula text escaped.
    this.el.report.innerHTML = message.html;
    this.charts.draw(this.el.report, message.charts, (group, time) => this.explain(group, time));
    this.shown = message.id;
    this.downloads.show(true);
    this.el.status.textContent = `Replayed ${message.nodeHours.length} formula${message.nodeHours.length === 1 ? '' : 's'}.`;
  }

  /** Asks the worker, which holds the replay shown, for it in `format`. */
  private download(format: ExportFormat): void {
    if (this.worker === undefined || this.shown === undefined) return;
    this.downloads.busy(true);
    this.exporting = ++this.queryId;
    const query: ReplayQuery = { query: 'export', id: this.exporting, job: this.shown, format };
    this.worker.postMessage(query);
  }

  /**
   * Asks the worker to evaluate again, with a trace, each formula of `group` at `time` (a click
   * on one of its charts); the answer fills the group's explain panel. A newer click wins.
   */
  private explain(group: string, time: number): void {
    const panel = this.el.report.querySelector<HTMLElement>(`.explain[data-group="${CSS.escape(group)}"]`);
    if (this.worker === undefined || this.shown === undefined || panel === null) return;
    const formulas = (panel.dataset.formulas ?? '').split(',').map(Number);
    this.explaining = { id: ++this.queryId, panel };
    panel.textContent = 'Evaluating…';
    const query: ReplayQuery = { query: 'explain', id: this.explaining.id, job: this.shown, formulas, time };
    this.worker.postMessage(query);
  }

  private answered(answer: QueryAnswer): void {
    if (answer.query === this.explaining?.id) {
      const { panel } = this.explaining;
      this.explaining = undefined;
      // explainHtml escapes every text (formula names and texts, results).
      if (answer.type === 'explained') panel.innerHTML = answer.html;
      else if (answer.type === 'unanswered') panel.textContent = answer.reason;
      return;
    }
    if (answer.query !== this.exporting) return;
    this.exporting = undefined;
    this.downloads.busy(false);
    if (answer.type === 'exported') saveReport(answer.text, answer.fileName, answer.format);
    else if (answer.type === 'unanswered') this.el.status.textContent = answer.reason;
  }

  /** Ends the run; the worker of a replay shown (`keep`) stays, for the downloads. */
  private finish(errors: string[], keep = false): void {
    this.el.run.disabled = false;
    if (!keep) {
      this.worker?.terminate();
      this.worker = undefined;
    }
    if (errors.length > 0) this.showErrors(errors);
    else this.el.errors.hidden = true;
  }

  private showErrors(errors: string[]): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.shown = undefined;
    this.exporting = undefined;
    this.downloads.show(false);
    this.charts.clear();
    this.el.report.replaceChildren();
    this.el.status.textContent = 'The replay did not run.';
    this.el.errors.replaceChildren(
      ...errors.map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
    this.el.errors.hidden = false;
  }
}

function editorLabel(name: string): string {
  return `This formula (${name})`;
}

function checkbox(value: string, label: string, checked: boolean): HTMLLabelElement {
  const el = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.value = value;
  input.checked = checked;
  el.append(input, ` ${label}`);
  return el;
}
