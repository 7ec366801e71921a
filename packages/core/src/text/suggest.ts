// "Did you mean" suggestions: the closest known name to a misspelt one, by case-insensitive
// match first, then a missing or extra `$`, then Damerau-Levenshtein distance.

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The best candidate for `name`, or undefined when nothing is close enough to be helpful. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== name);
  const lower = name.toLowerCase();
  const exactCase = list.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const bare = lower.replace(/^\$/, '');
  const dollar = list.find((c) => c.toLowerCase().replace(/^\$/, '') === bare);
  if (dollar) return dollar;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of list) {
    if (Math.abs(c.length - name.length) > limit) continue;
    const dist = editDistance(lower, c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
