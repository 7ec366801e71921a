// The service-history part of every report: for a recording replayed beside the service's own
// history, which evaluations were compared, and per formula the share agreeing, the first
// disagreement with both results strings, and the stretches where the service ran another
// formula. One wording for text and HTML (a fragment the HTML report places where it likes), and
// the JSON form. Every function returns nothing when no history was given. Pure (no node:*).

import type { Agreement, ServiceHistoryReport } from '../replay/agreement-types.ts';
import type { RecordingReplay } from '../replay/types.ts';
import { instant } from './format.ts';

/** html-sections.ts's escaping; not imported from there, since that file places this fragment (no cycle). */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** How many stretches of another formula are listed before the rest are summed up. */
const PERIODS_SHOWN = 3;

/** "80%", "99.6%": one decimal unless whole; never rounds a disagreement up to 100%. */
export function agreementPercent(a: Agreement): string {
  if (a.agreementPercent === null) return '-';
  const p = a.agreed < a.compared ? Math.min(a.agreementPercent, 99.9) : a.agreementPercent;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

function historyLine(h: ServiceHistoryReport): string {
  const pool = h.poolId === null ? '' : `pool ${h.poolId}, `;
  const outside = h.outsideWindow > 0 ? ` (${h.outsideWindow} outside it ignored)` : '';
  return `Service history (${pool}${h.files.length} file${h.files.length === 1 ? '' : 's'}): ${h.evaluations} evaluations, ${h.inWindow} in the replay's window${outside}`;
}

function verdictLine(name: string, a: Agreement): string {
  if (a.compared === 0) return `${name}: no evaluation compared`;
  return `${name}: ${a.compared} compared, ${a.agreed} agree (${agreementPercent(a)})`;
}

function periodLines(a: Agreement): string[] {
  const out = a.otherFormula.periods
    .slice(0, PERIODS_SHOWN)
    .map(
      (p) =>
        `the service ran a different formula from ${instant(p.from)}${p.to > p.from ? ` to ${instant(p.to)}` : ''} (${p.evaluations} evaluation${p.evaluations === 1 ? '' : 's'}, not compared)`,
    );
  const rest = a.otherFormula.periods.length - PERIODS_SHOWN;
  if (rest > 0) out.push(`... and ${rest} more stretches of another formula (the JSON report lists them all)`);
  return out;
}

/** The text report's lines (empty without a history). */
export function agreementText(r: RecordingReplay): string[] {
  const h = r.serviceHistory;
  if (h === undefined) return [];
  const out = ['', historyLine(h)];
  for (const f of r.formulas) {
    const a = f.agreement;
    if (a === undefined) continue;
    out.push(`  ${verdictLine(f.summary.formula, a)}`);
    const d = a.firstDisagreement;
    if (d !== null) {
      out.push(`    first disagreement at ${instant(d.time)}:`);
      out.push(`      service: ${outcomeText(d.service)}`);
      out.push(`      replay:  ${outcomeText(d.replay)}`);
    }
    for (const line of periodLines(a)) out.push(`    ${line}`);
  }
  for (const note of h.notes) out.push(`  - ${note}`);
  return out;
}

function outcomeText(o: { results: string; error: { code: string; message: string } | null }): string {
  return o.error === null ? o.results : `${o.results} (error ${o.error.code}: ${o.error.message})`;
}

/** The HTML report's fragment: a heading and one table (empty without a history). */
export function agreementHtml(r: RecordingReplay): string {
  const h = r.serviceHistory;
  if (h === undefined) return '';
  const rows = r.formulas.flatMap((f) => {
    const a = f.agreement;
    if (a === undefined) return [];
    const d = a.firstDisagreement;
    const first =
      d === null
        ? 'none'
        : `${instant(d.time)}<br>service: <code>${escapeHtml(outcomeText(d.service))}</code><br>replay: <code>${escapeHtml(outcomeText(d.replay))}</code>`;
    const other = periodLines(a)
      .map((l) => escapeHtml(l))
      .join('<br>');
    return [
      `<tr><td>${escapeHtml(f.summary.formula)}</td><td class="num">${a.compared}</td><td class="num">${a.agreed}</td><td class="num">${agreementPercent(a)}</td><td class="msg">${first}</td><td class="msg">${other}</td></tr>`,
    ];
  });
  return [
    `<h3>${escapeHtml(historyLine(h))}</h3>`,
    `<table class="agreement"><tr><th>formula</th><th>compared</th><th>agree</th><th>share</th><th>first disagreement</th><th>another formula</th></tr>${rows.join('')}</table>`,
    h.notes.length > 0 ? `<ul>${h.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
  ].join('\n');
}

/** The JSON report's `agreement` of a formula (instants as ISO 8601), or undefined. */
export function agreementJson(a: Agreement | undefined): unknown {
  if (a === undefined) return undefined;
  return {
    ...a,
    firstDisagreement:
      a.firstDisagreement === null ? null : { ...a.firstDisagreement, time: instant(a.firstDisagreement.time) },
    otherFormula: {
      evaluations: a.otherFormula.evaluations,
      periods: a.otherFormula.periods.map((p) => ({ ...p, from: instant(p.from), to: instant(p.to) })),
    },
  };
}
