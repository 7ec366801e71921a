// The playground page: the formula editor (Monaco, with the language server in a web worker), the
// evaluation panel and the replay tab, the example menu, and the formula and context kept in the
// URL so a link reproduces them. The editor also takes a pasted pool JSON, ARM template, Bicep or
// Terraform file: the server reads it by content, and the page colours it, names it beside the
// editor, evaluates and replays the formula inside. Nothing here reaches the network beyond the
// page's own files.

import './style.css';
import { EXAMPLES, EXAMPLE_RECORDING, type Example } from './examples.ts';
import { ContentWatcher } from './editor/content-watcher.ts';
import { HOST_LANGUAGE_IDS, registerHostLanguages } from './editor/host-languages.ts';
import { LANGUAGE_ID, registerFormulaLanguage, THEME } from './editor/language.ts';
import { monaco } from './editor/monaco.ts';
import { FORMULA_MODEL_URI, replayFormula } from './host/editor-content.ts';
import { startLanguageClient } from './lsp/connection.ts';
import { FormulaDocument, type DiagnosticsUpdate } from './lsp/formula-document.ts';
import { HOST_FEATURES, registerLanguageFeatures } from './lsp/language-features.ts';
import { EvaluatePanel } from './panels/evaluate-panel.ts';
import { HostControls } from './panels/host-controls.ts';
import { ReplayTab } from './panels/replay-tab.ts';
import { decodeState, encodeState } from './state/url-state.ts';

const MARKER_OWNER = 'autoscale';
/** How long the URL waits for typing to pause before it is rewritten. */
const URL_UPDATE_DELAY_MS = 400;

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

async function main(): Promise<void> {
  const status = element('status');
  registerFormulaLanguage();
  registerHostLanguages();
  const first = EXAMPLES[0] as Example;
  const shared = await decodeState(location.hash);
  if (!shared.ok) status.textContent = `This link could not be read: ${shared.reason}. Showing an example instead.`;
  const initial = shared.ok ? shared.state : {};
  const formulaModel = monaco.editor.createModel(
    initial.formula ?? first.formula,
    LANGUAGE_ID,
    monaco.Uri.parse(FORMULA_MODEL_URI),
  );
  const contextModel = monaco.editor.createModel(
    initial.context ?? first.context,
    'plaintext',
    monaco.Uri.parse('inmemory://playground/context.json'),
  );
  const common: monaco.editor.IStandaloneEditorConstructionOptions = {
    theme: THEME,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    tabSize: 2,
  };
  monaco.editor.create(element('formula-editor'), {
    ...common,
    model: formulaModel,
    wordWrap: 'on',
    'semanticHighlighting.enabled': false,
    inlayHints: { enabled: 'on' },
  });
  monaco.editor.create(element('context-editor'), {
    ...common,
    model: contextModel,
    lineNumbers: 'on',
    wordWrap: 'on',
  });

  const watcher = new ContentWatcher(formulaModel, element('host-notice'));
  const hostControls = new HostControls(
    {
      section: element('host-evaluation'),
      picker: element('host-formula'),
      poolContextLabel: element('pool-context-label'),
      poolContext: element('pool-context'),
      placeholders: element('placeholder-values'),
      placeholderList: element('placeholder-list'),
    },
    {
      formulaName: initial.formulaName,
      values: new Map(Object.entries(initial.values ?? {})),
      poolContext: initial.poolContext ?? true,
    },
  );
  hostControls.show(watcher.current);

  const client = await startLanguageClient();
  registerLanguageFeatures(LANGUAGE_ID, client);
  registerLanguageFeatures(HOST_LANGUAGE_IDS, client, HOST_FEATURES);
  const formula = new FormulaDocument(client, formulaModel, MARKER_OWNER);
  formula.onDiagnostics((u) => showDiagnostics(status, u));
  const lint = element<HTMLInputElement>('lint');
  // Values from a link are the server's before it first checks the text.
  if (hostControls.choices().values.size > 0) await formula.setPlaceholderValues(hostControls.choices().values);
  await formula.open();
  lint.addEventListener('change', () => void formula.setLint(lint.checked));

  const evaluation = new EvaluatePanel(
    {
      results: element('results'),
      error: element('evaluation-error'),
      trace: element('trace'),
      contextErrors: element('context-errors'),
      contextBlock: element('context-block'),
      recorded: element('recorded'),
    },
    formula,
    contextModel,
    { content: () => watcher.current, controls: hostControls },
  );
  formulaModel.onDidChangeContent(() => evaluation.schedule());
  contextModel.onDidChangeContent(() => evaluation.schedule());
  void evaluation.run();

  const replay = new ReplayTab(
    {
      form: element('replay-form'),
      file: element('recording-file'),
      formulas: element('replay-formulas'),
      compare: element('replay-compare'),
      mode: element('replay-mode'),
      interval: element('replay-interval'),
      run: element('replay-run'),
      status: element('replay-status'),
      errors: element('replay-errors'),
      report: element('replay-report'),
    },
    {
      editorFormula: () => {
        const { formulaName, values } = hostControls.choices();
        return replayFormula(formulaModel.getValue(), formulaName, values);
      },
      examples: EXAMPLES,
      exampleRecording: EXAMPLE_RECORDING,
    },
  );
  replay.describeEditorFormula();

  watcher.onChange((content) => {
    hostControls.show(content);
    replay.describeEditorFormula();
  });
  hostControls.onChange((what) => {
    if (what === 'values') void formula.setPlaceholderValues(hostControls.choices().values);
    if (what === 'formula') replay.describeEditorFormula();
    evaluation.schedule();
  });

  setUpExampleMenu(element('examples'), formulaModel, contextModel);
  setUpTabs();
  keepStateInUrl(formulaModel, contextModel, hostControls, element('share'));
}

function showDiagnostics(status: HTMLElement, u: DiagnosticsUpdate): void {
  const problems =
    u.errors + u.warnings === 0
      ? 'No problems'
      : `${u.errors} error${u.errors === 1 ? '' : 's'}, ${u.warnings} warning${u.warnings === 1 ? '' : 's'}`;
  status.textContent = u.latencyMs === undefined ? problems : `${problems} · checked in ${Math.round(u.latencyMs)} ms`;
  // For the benchmark (bench/playground.bench.ts): which version was checked, and how fast.
  if (u.version !== undefined) status.dataset.checkedVersion = String(u.version);
  if (u.latencyMs !== undefined) status.dataset.latencyMs = u.latencyMs.toFixed(2);
}

function setUpExampleMenu(
  select: HTMLSelectElement,
  formula: monaco.editor.ITextModel,
  context: monaco.editor.ITextModel,
): void {
  const placeholder = new Option('Choose an example…', '');
  select.replaceChildren(placeholder, ...EXAMPLES.map((e, i) => new Option(`${e.title} (${e.file})`, String(i))));
  select.addEventListener('change', () => {
    const example = EXAMPLES[Number(select.value)];
    if (!example) return;
    formula.setValue(example.formula);
    context.setValue(example.context);
    select.value = '';
  });
}

function setUpTabs(): void {
  const tabs = [
    { tab: element<HTMLButtonElement>('tab-evaluate'), panel: element('panel-evaluate') },
    { tab: element<HTMLButtonElement>('tab-replay'), panel: element('panel-replay') },
  ];
  for (const { tab } of tabs) {
    tab.addEventListener('click', () => {
      for (const t of tabs) {
        const selected = t.tab === tab;
        t.tab.setAttribute('aria-selected', String(selected));
        t.panel.hidden = !selected;
      }
    });
  }
}

function keepStateInUrl(
  formula: monaco.editor.ITextModel,
  context: monaco.editor.ITextModel,
  host: HostControls,
  share: HTMLButtonElement,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = async (): Promise<string> => {
    const { formulaName, values, poolContext } = host.choices();
    const hash = await encodeState({
      formula: formula.getValue(),
      context: context.getValue(),
      ...(formulaName !== undefined ? { formulaName } : {}),
      ...(values.size > 0 ? { values: Object.fromEntries(values) } : {}),
      ...(poolContext ? {} : { poolContext }),
    });
    history.replaceState(null, '', hash);
    return location.href;
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), URL_UPDATE_DELAY_MS);
  };
  formula.onDidChangeContent(schedule);
  context.onDidChangeContent(schedule);
  host.onChange(schedule);
  share.addEventListener('click', async () => {
    const url = await update();
    try {
      await navigator.clipboard.writeText(url);
      share.textContent = 'Link copied';
    } catch {
      // Clipboard access needs a secure context and permission; the address bar has the link anyway.
      share.textContent = 'Link is in the address bar';
    }
    setTimeout(() => (share.textContent = 'Copy link'), 2000);
  });
}

main().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status)
    status.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
