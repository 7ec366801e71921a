// Snippet text (the TextMate/LSP/Monaco syntax: $1, ${1:default}, ${1|a,b|}, \ escapes) for
// completion items: building it safely from formula text full of `$` names, and reading it back
// as plain text for editors or tests without snippet support.

/** Escapes text so a snippet inserts it literally (`$PendingTasks` would otherwise be a variable). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * Builds a snippet from formula text whose placeholders are written `${n:default}`; everything
 * else is escaped. `plain` is the text the snippet inserts when every placeholder keeps its default.
 */
export function snippetFromTemplate(template: string): { snippet: string; plain: string } {
  const placeholder = /\$\{(\d+):([^}]*)\}/g;
  let snippet = '';
  let plain = '';
  let last = 0;
  for (const m of template.matchAll(placeholder)) {
    const literal = template.slice(last, m.index);
    const value = m[2] ?? '';
    snippet += `${escapeSnippetText(literal)}\${${m[1]}:${escapeSnippetText(value)}}`;
    plain += literal + value;
    last = m.index + m[0].length;
  }
  snippet += escapeSnippetText(template.slice(last));
  plain += template.slice(last);
  return { snippet, plain };
}

/** The text a snippet inserts with every placeholder left at its default (first choice, or empty). */
export function snippetToPlainText(snippet: string): string {
  let i = 0;
  const read = (stopAt: string): string => {
    let text = '';
    while (i < snippet.length) {
      const c = snippet[i] as string;
      if (c === '\\' && i + 1 < snippet.length) {
        text += snippet[i + 1];
        i += 2;
      } else if (stopAt.includes(c)) {
        return text;
      } else if (c === '$') {
        text += readTabstop();
      } else {
        text += c;
        i++;
      }
    }
    return text;
  };
  const readTabstop = (): string => {
    const simple = /^\$(\d+|[A-Za-z_]+)/.exec(snippet.slice(i));
    if (simple) {
      i += simple[0].length;
      return '';
    }
    const open = /^\$\{(\d+|[A-Za-z_]+)([:|]?)/.exec(snippet.slice(i));
    if (!open) {
      i++;
      return '$';
    }
    i += open[0].length;
    if (open[2] === ':') {
      const value = read('}');
      i++;
      return value;
    }
    if (open[2] === '|') {
      const first = read(',|');
      while (i < snippet.length && snippet[i] !== '}') i++;
      i++;
      return first;
    }
    i++;
    return '';
  };
  return read('');
}
