// Time as the runtime sees it: a reading and one-shot timers, injected so that backoff, crash-loop
// windows, resetAfter, probe thresholds and timeouts are tested with a fake clock, in milliseconds.

/** Cancels a timer; calling it after the timer fired does nothing. */
export type CancelTimer = () => void;

/** The clock the runtime reads and sets timers on. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms`. */
  setTimer(ms: number, fn: () => void): CancelTimer;
}

/** The real clock: Date.now and setTimeout. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
