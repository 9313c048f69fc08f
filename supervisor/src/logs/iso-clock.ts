// `new Date().toISOString()` costs about a microsecond, which is most of the budget per captured
// line at hundreds of MB/s; this clock formats once per millisecond and reuses the string.

/** Returns a function giving the current time as an ISO string, cached per millisecond. */
export function createIsoClock(now: () => number = Date.now): () => string {
  let lastMs = Number.NaN;
  let lastIso = '';
  return () => {
    const ms = now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
}
