// Exponential backoff with full jitter (AWS architecture blog's "full jitter"): the first restart
// is immediate, each next one waits random(0, min(max, initial × factor^(n-1))). Pure: the
// random source is passed in.

/** Backoff settings in milliseconds. */
export interface BackoffSpec {
  readonly initial: number;
  readonly max: number;
  readonly factor: number;
}

/** Upper bound of the delay before restart number `attempt` (0 = first restart). */
export function backoffCeilingMs(attempt: number, spec: BackoffSpec): number {
  if (attempt <= 0) return 0;
  return Math.min(spec.max, spec.initial * spec.factor ** (attempt - 1));
}

/** The delay before restart number `attempt`, with full jitter. */
export function backoffDelayMs(attempt: number, spec: BackoffSpec, random: () => number = Math.random): number {
  return Math.round(random() * backoffCeilingMs(attempt, spec));
}
