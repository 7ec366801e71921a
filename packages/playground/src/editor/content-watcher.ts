// Follows what the formula editor holds (editor-content.ts) as it changes: switches the model's
// language so pasted pool JSON, an ARM template, Bicep or Terraform is coloured as itself, shows the
// notice beside the editor ("Pool JSON: formula of pool office-hours", or why a host-looking text
// does not read), and tells the evaluate panel and the replay tab. Synchronous on every change, so
// the colouring and the notice never lag the text (reading a pool template takes well under 1 ms).

import { contentNotice, type EditorContent, readEditorContent } from '../host/editor-content.ts';
import { languageFor } from './host-languages.ts';
import { monaco } from './monaco.ts';

export class ContentWatcher {
  private content: EditorContent;
  private signature: string;
  private readonly listeners: Array<(content: EditorContent) => void> = [];
  private readonly model: monaco.editor.ITextModel;
  private readonly notice: HTMLElement;

  constructor(model: monaco.editor.ITextModel, notice: HTMLElement) {
    this.model = model;
    this.notice = notice;
    this.content = readEditorContent(model.getValue());
    this.signature = JSON.stringify(this.content);
    this.show();
    model.onDidChangeContent(() => this.update());
  }

  get current(): EditorContent {
    return this.content;
  }

  /** Called when what the editor holds changes (kind, formulas or placeholders), not on every keystroke. */
  onChange(listener: (content: EditorContent) => void): void {
    this.listeners.push(listener);
  }

  private update(): void {
    const content = readEditorContent(this.model.getValue());
    const signature = JSON.stringify(content);
    if (signature === this.signature) return;
    this.content = content;
    this.signature = signature;
    this.show();
    for (const l of this.listeners) l(content);
  }

  private show(): void {
    const language = languageFor(this.content);
    if (this.model.getLanguageId() !== language) monaco.editor.setModelLanguage(this.model, language);
    const text = contentNotice(this.content);
    this.notice.textContent = text ?? '';
    this.notice.hidden = text === undefined;
    this.notice.dataset.kind = this.content.kind === 'formula' ? 'formula' : this.content.hostKind;
    this.notice.classList.toggle('unreadable', this.content.kind === 'unreadable');
  }
}
