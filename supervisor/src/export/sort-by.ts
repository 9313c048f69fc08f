// Orders by code units, never by the machine's locale, so an export sorts the same everywhere.

/** A copy of `items` ordered by `key`. */
export function sortedBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const [left, right] = [key(a), key(b)];
    return left < right ? -1 : left > right ? 1 : 0;
  });
}
