// A CSV table as exported by Log Analytics (RFC 4180): cells separated by commas, quoted with
// `"` (a quote doubled inside), and a quoted cell may span lines, as a formula's text does. Each
// record keeps the line it starts on, for `file:line` errors. Pure; never throws.

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  cells: string[];
}

export type CsvTable = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsvTable(text: string): CsvTable {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) return { ok: false, line: opened, message: 'a quoted cell is never closed (a `"` is missing)' };
          const c = text[i] as string;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          return { ok: false, line, message: 'a quoted cell must end at a comma or the end of the line' };
      } else {
        const from = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"')
            return {
              ok: false,
              line,
              message: 'a `"` inside an unquoted cell (quote the whole cell and double the `"`)',
            };
          i++;
        }
        cell = text.slice(from, i);
      }
      cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      // End of the record: CRLF, LF or the end of the text.
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    // A blank line is one empty cell: nothing to keep.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
  }
  return { ok: true, records };
}
