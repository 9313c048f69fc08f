// Probing starts fast and backs off to the configured interval (DESIGN §4), so readiness is seen
// within tens of milliseconds of being true without hammering a slow starter. Pure.

/** First delay between readiness attempts. */
export const FIRST_PROBE_DELAY_MS = 5;

/** Cheap probes (http, tcp) wait at most this long between attempts during the fast phase. */
export const FAST_PROBE_CAP_MS = 20;

/** How long after a run starts the fast phase lasts; a slower starter backs off to `interval`. */
export const FAST_PHASE_MS = 10_000;

/**
 * Delay before attempt `attempt` (0-based): 5, 10, 20, 40… ms, capped at `intervalMs`. For a
 * cheap probe (http/tcp), the delay stays at ≤ 20 ms for the first 10 s of waiting (a refused
 * connect costs next to nothing, and doubling to 320 ms made readiness lag by hundreds of ms
 * for a service that takes half a second to boot); exec probes spawn a process, so they back off.
 */
export function probeDelayMs(attempt: number, intervalMs: number, options: { cheap?: boolean; elapsedMs?: number } = {}): number {
  const backoff = Math.min(intervalMs, FIRST_PROBE_DELAY_MS * 2 ** Math.min(attempt, 20));
  const fast = options.cheap === true && (options.elapsedMs ?? 0) < FAST_PHASE_MS;
  return fast ? Math.min(backoff, FAST_PROBE_CAP_MS) : backoff;
}
