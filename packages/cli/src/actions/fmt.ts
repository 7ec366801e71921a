// What `autoscale fmt` does (commands/fmt.ts declares it): core's formatter; prints the formatted
// text, lists the files that would change (--check), or rewrites them in place (--write). A file
// with syntax errors is reported like `check` does and never touched.

import { formatFormula, LineMap } from '@autoscale/core';
import { fileErrorReason, writeFileAtomic } from '@autoscale/node-io';
import { formatDiagnostic } from '../code-frame.ts';
import type { FmtOptions } from '../commands/fmt.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SourceReader, STDIN } from '../io.ts';
import type { CommandContext } from '../program.ts';

export async function runFmt(files: string[], options: FmtOptions, { io }: CommandContext): Promise<number> {
  if (options.write === true && files.includes(STDIN)) {
    io.stderr('autoscale: fmt --write cannot rewrite stdin; leave out --write to print the formatted text\n');
    return EXIT_USAGE;
  }
  const reader = new SourceReader(io);
  let failed = false;
  let unformatted = false;
  for (const file of files) {
    const source = await reader.read(file, 'formula');
    if (source === undefined) {
      failed = true;
      continue;
    }
    const formatted = formatFormula(source.text);
    if (!formatted.ok) {
      failed = true;
      const lines = new LineMap(source.text);
      for (const d of formatted.diagnostics) io.stderr(formatDiagnostic(source.name, lines, d));
      io.stderr(`autoscale: ${source.name} not formatted: it has syntax errors\n`);
      continue;
    }
    if (options.check === true) {
      if (formatted.changed) {
        unformatted = true;
        io.stdout(`${source.name}\n`);
      }
    } else if (options.write === true) {
      if (!formatted.changed) continue;
      try {
        await writeFileAtomic(file, (source.bom ? '\uFEFF' : '') + formatted.text);
        io.stdout(`${source.name}\n`);
      } catch (err) {
        failed = true;
        io.stderr(`autoscale: cannot write ${source.name}: ${fileErrorReason(err)}\n`);
      }
    } else {
      io.stdout(formatted.text);
    }
  }
  if (failed) return EXIT_USAGE;
  return unformatted ? EXIT_FAILURE : EXIT_OK;
}
