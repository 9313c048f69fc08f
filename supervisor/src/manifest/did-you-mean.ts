// "Did you mean …?" hints: the closest candidate by edit distance, when it is close enough.

/** Levenshtein edit distance (insert, delete, substitute), case-sensitive. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `input` (case-insensitive), if within about 40% of its length; ties go alphabetically. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.ceil(input.length * 0.4));
  let best: { name: string; distance: number } | undefined;
  for (const name of [...candidates].sort()) {
    if (name === input) continue;
    const distance = editDistance(input.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** ` — did you mean "x"?` for the closest candidate, or '' when none is close. */
export function didYouMean(input: string, candidates: Iterable<string>, format: (name: string) => string = (name) => `"${name}"`): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` — did you mean ${format(match)}?`;
}
