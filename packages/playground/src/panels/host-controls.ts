// The evaluate panel's controls for a host file in the editor, hidden for a plain formula: which of
// its formulas to evaluate (a picker, enabled when there are several), values for its placeholders
// (`maxNodes` of `[parameters('maxNodes')]`, `var.max_nodes`; the server takes them as its
// batchAutoscale.placeholderValues setting, for diagnostics and evaluation, and the replay fills
// them in too), and for pool JSON whether the pool's own state is the context, which is what lets
// the result be compared with the pool's recorded evaluation.

import { type EditorContent, placeholderNames } from '../host/editor-content.ts';

export interface HostControlElements {
  section: HTMLElement;
  picker: HTMLSelectElement;
  poolContextLabel: HTMLElement;
  poolContext: HTMLInputElement;
  placeholders: HTMLElement;
  placeholderList: HTMLElement;
}

export interface HostChoices {
  /** The formula to evaluate: the one picked while the file holds it, else undefined (the server's first). */
  formulaName: string | undefined;
  /** Placeholder values given (blank fields left out). */
  values: ReadonlyMap<string, string>;
  /** For pool JSON: evaluate in the pool's own state rather than the context editor's. */
  poolContext: boolean;
}

export type HostChoice = 'formula' | 'values' | 'poolContext';

export class HostControls {
  /** The formula the user picked; kept while an edit removes it, so it comes back with the text. */
  private picked: string | undefined;
  private names: string[] = [];
  private placeholderKeys: string[] = [];
  private readonly values = new Map<string, string>();
  private readonly listeners: Array<(what: HostChoice) => void> = [];
  private readonly el: HostControlElements;

  constructor(el: HostControlElements, initial: Partial<HostChoices> = {}) {
    this.el = el;
    this.picked = initial.formulaName;
    for (const [name, value] of initial.values ?? []) this.values.set(name, value);
    el.poolContext.checked = initial.poolContext ?? true;
    el.picker.addEventListener('change', () => {
      this.picked = el.picker.value;
      this.emit('formula');
    });
    el.poolContext.addEventListener('change', () => this.emit('poolContext'));
  }

  onChange(listener: (what: HostChoice) => void): void {
    this.listeners.push(listener);
  }

  choices(): HostChoices {
    const values = new Map([...this.values].filter(([, v]) => v.trim() !== ''));
    return {
      formulaName: this.picked !== undefined && this.names.includes(this.picked) ? this.picked : undefined,
      values,
      poolContext: this.el.poolContext.checked,
    };
  }

  /** Whether the context editor is set aside: pool JSON evaluated in its own state. */
  usesPoolContext(content: EditorContent): boolean {
    return content.kind === 'host' && content.hostKind === 'pool-json' && this.el.poolContext.checked;
  }

  show(content: EditorContent): void {
    const { section, picker, poolContextLabel, placeholders } = this.el;
    section.hidden = content.kind !== 'host';
    const names = content.kind === 'host' ? content.formulas.map((f) => f.name) : [];
    if (names.join('\n') !== this.names.join('\n')) {
      this.names = names;
      picker.replaceChildren(...names.map((n) => new Option(n || '(unnamed)', n)));
    }
    picker.value = this.choices().formulaName ?? names[0] ?? '';
    picker.disabled = names.length < 2;
    poolContextLabel.hidden = !(content.kind === 'host' && content.hostKind === 'pool-json');
    const keys = placeholderNames(content);
    if (keys.join('\n') !== this.placeholderKeys.join('\n')) {
      this.placeholderKeys = keys;
      this.el.placeholderList.replaceChildren(...keys.map((k) => this.placeholderField(k)));
    }
    placeholders.hidden = keys.length === 0;
  }

  private placeholderField(name: string): HTMLLabelElement {
    const label = document.createElement('label');
    const code = document.createElement('code');
    code.textContent = name;
    const input = document.createElement('input');
    input.type = 'text';
    input.size = 12;
    input.value = this.values.get(name) ?? '';
    input.placeholder = 'no value';
    input.dataset.placeholder = name;
    input.addEventListener('input', () => {
      this.values.set(name, input.value);
      this.emit('values');
    });
    label.append(code, ' = ', input);
    return label;
  }

  private emit(what: HostChoice): void {
    for (const l of this.listeners) l(what);
  }
}
