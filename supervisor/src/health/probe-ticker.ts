// One timer for every start-up probe that waits for its next attempt. With 50–200 services
// starting at once, a timer per service woke the loop up to 200 times per probe period, each
// wake-up running one probe; here one wake-up runs every probe that is due (within SLACK_MS),
// and the timer is re-armed only when an earlier deadline arrives.

/** Sleepers due within this much of the earliest one are woken together. */
const SLACK_MS = 1;

interface Sleeper {
  readonly dueAt: number;
  readonly wake: () => void;
}

const sleepers = new Set<Sleeper>();
let timer: NodeJS.Timeout | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function arm(dueAt: number): void {
  clearTimeout(timer);
  timerAt = dueAt;
  timer = setTimeout(fire, Math.max(0, dueAt - performance.now()));
}

function fire(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const cutoff = performance.now() + SLACK_MS;
  let next = Number.POSITIVE_INFINITY;
  for (const sleeper of sleepers) {
    if (sleeper.dueAt <= cutoff) sleeper.wake();
    else next = Math.min(next, sleeper.dueAt);
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}

/** Resolves after `ms` on the shared timer, or at once when `signal` aborts. */
export function sleepOnTicker(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const sleeper: Sleeper = { dueAt: performance.now() + ms, wake };
    function wake() {
      sleepers.delete(sleeper);
      signal.removeEventListener('abort', wake);
      if (sleepers.size === 0) {
        // Nothing left to wake: no timer keeps the loop (and a shutting-down supervisor) alive.
        clearTimeout(timer);
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
      }
      resolve();
    }
    signal.addEventListener('abort', wake, { once: true });
    sleepers.add(sleeper);
    if (sleeper.dueAt < timerAt) arm(sleeper.dueAt);
  });
}

