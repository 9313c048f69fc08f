// Probing starts fast and backs off to the configured interval (DESIGN §4), so readiness is seen
// within tens of milliseconds of being true without hammering a slow starter. Pure.

/** First delay between readiness attempts. */
export const FIRST_PROBE_DELAY_MS = 5;

/** Delay before attempt `attempt` (0-based): 5, 10, 20, 40… ms, capped at `intervalMs`. */
export function probeDelayMs(attempt: number, intervalMs: number): number {
  return Math.min(intervalMs, FIRST_PROBE_DELAY_MS * 2 ** Math.min(attempt, 20));
}
