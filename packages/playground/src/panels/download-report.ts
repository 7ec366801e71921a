// The replay tab's downloads: the replay shown, as `autoscale replay --format json` or
// `--format csv` prints it, or as the report `--out report.html` writes. The replay worker holds
// the replay and renders the text when asked (an export query; a long replay's JSON runs to many
// megabytes, so it is made only on demand, and named after the recording); the page saves it
// through a Blob, an object URL and an <a download>. Nothing leaves the browser, and the page's
// CSP needs nothing for it.

import type { ExportFormat } from '../workers/replay-protocol.ts';

const MEDIA_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
};

const LABELS: Record<ExportFormat, string> = {
  json: 'Download JSON',
  csv: 'Download CSV',
  html: 'Download report (HTML)',
};

const TITLES: Record<ExportFormat, string> = {
  json: 'The replay’s settings, summaries and every evaluation, as JSON (the same file as the command’s)',
  csv: 'Every evaluation of every formula, a row each, as CSV (the same file as the command’s)',
  html: 'This report as one page that opens offline (the same page as the command’s)',
};

/** Saves `text` as a download named `fileName`. */
export function saveReport(text: string, fileName: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${MEDIA_TYPES[format]};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob's bytes once the click is handled; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The buttons, one per format, shown once a replay is on the page. */
export class DownloadButtons {
  readonly element = document.createElement('p');
  private readonly buttons: HTMLButtonElement[];

  constructor(onDownload: (format: ExportFormat) => void) {
    this.element.className = 'replay-downloads';
    this.buttons = (['json', 'csv', 'html'] as const).map((format) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.format = format;
      button.textContent = LABELS[format];
      button.title = TITLES[format];
      button.addEventListener('click', () => onDownload(format));
      return button;
    });
    this.element.append(...this.buttons);
    this.element.hidden = true;
  }

  show(visible: boolean): void {
    this.element.hidden = !visible;
  }

  /** While a download is being prepared, its buttons wait. */
  busy(busy: boolean): void {
    for (const b of this.buttons) b.disabled = busy;
  }
}
