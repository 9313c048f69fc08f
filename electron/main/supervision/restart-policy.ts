// When the supervisor dies on its own: restart it with exponential backoff, or give up after too
// many deaths in a sliding window (a crash loop). Pure; the clock is the caller's.

/** Backoff and crash-loop limits. */
export interface RestartPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** More deaths than this within windowMs is a crash loop. */
  maxDeaths: number;
  windowMs: number;
}

/** Defaults: 0.5 s, 1 s, 2 s … capped at 30 s; more than 5 deaths in 2 minutes is a crash loop. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseDelayMs: 500, maxDelayMs: 30_000, maxDeaths: 5, windowMs: 120_000 };

/** The decision after one death. */
export type RestartDecision = { action: 'restart'; delayMs: number; deathsInWindow: number } | { action: 'give-up'; deathsInWindow: number };

/** Decides what to do after a death at nowMs, given earlier death times (the new one included). */
export function decideRestart(deathTimesMs: readonly number[], nowMs: number, policy: RestartPolicy): RestartDecision {
  const deathsInWindow = deathTimesMs.filter((at) => nowMs - at < policy.windowMs).length;
  if (deathsInWindow > policy.maxDeaths) return { action: 'give-up', deathsInWindow };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, deathsInWindow - 1));
  return { action: 'restart', delayMs, deathsInWindow };
}

/** Exit codes that mean "the input is wrong" (invalid bundle, bad flags): restarting cannot help. */
export function isFatalExit(code: number | null): boolean {
  return code === 2;
}
