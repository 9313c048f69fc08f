// Probing starts fast and backs off to the configured interval (DESIGN §4), so readiness is seen
// within a few milliseconds of being true without hammering a slow starter. Pure.

/** First delay between readiness attempts of an exec probe (then doubling). */
export const FIRST_PROBE_DELAY_MS = 5;

/** Cheap probes (http, tcp) in the tight phase: at least this long between attempts. */
export const TIGHT_PROBE_DELAY_MS = 2;

/** How long after a run starts the tight phase lasts (most services listen within it). */
export const TIGHT_PHASE_MS = 2000;

/**
 * Each service waiting for readiness at the same time widens a cheap probe's delay by this much,
 * so together they make at most ~2,500 attempts per second (what 50 services 20 ms apart made
 * before; a refused connect costs ~0.1 ms of the loop, which the spawns of the others need).
 */
export const PROBE_SPACING_PER_WAITER_MS = 0.4;

/** The widening stops here (200 services waiting: 4,000 attempts per second, was 10,000). */
export const SPREAD_CAP_MS = 50;

/** Cheap probes wait at least this long (unless widened) between 2 s and 10 s of waiting. */
export const FAST_PROBE_CAP_MS = 20;

/** How long after a run starts the fast phase lasts; a slower starter backs off to `interval`. */
export const FAST_PHASE_MS = 10_000;

/** What the schedule knows about the wait. */
export interface ProbeScheduleOptions {
  /** http/tcp (a refused connect costs next to nothing); exec probes spawn a process. */
  readonly cheap?: boolean;
  /** Time since this run began waiting. */
  readonly elapsedMs?: number;
  /** Services (this one included) waiting for start-up readiness right now. */
  readonly waiting?: number;
  /** The last attempt reached a listener that did not pass (an http 503…): no 2 ms hammering. */
  readonly answered?: boolean;
}

/**
 * Delay before attempt `attempt` (0-based), never above `intervalMs`. Exec probes: 5, 10, 20, 40…
 * ms. Cheap probes (http/tcp): every 2 ms for the first 2 s while nothing listens (every 20 ms once
 * something answers but does not pass), then every 20 ms until 10 s — either
 * widened to 0.4 ms per service waiting at the same time (at most 50 ms) — then the same doubling.
 * Doubling to 320 ms made readiness lag by hundreds of ms for a service that boots in half a
 * second; a 20 ms cap still cost ~10 ms per dependency level on average.
 */
export function probeDelayMs(attempt: number, intervalMs: number, options: ProbeScheduleOptions = {}): number {
  const backoff = Math.min(intervalMs, FIRST_PROBE_DELAY_MS * 2 ** Math.min(attempt, 20));
  const elapsedMs = options.elapsedMs ?? 0;
  if (options.cheap !== true || elapsedMs >= FAST_PHASE_MS) return backoff;
  const floor = elapsedMs < TIGHT_PHASE_MS && options.answered !== true ? TIGHT_PROBE_DELAY_MS : FAST_PROBE_CAP_MS;
  const spread = Math.min(SPREAD_CAP_MS, Math.max(1, options.waiting ?? 1) * PROBE_SPACING_PER_WAITER_MS);
  return Math.min(intervalMs, Math.max(floor, spread));
}
