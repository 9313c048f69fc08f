// Start-up readiness: polls an http/tcp/exec probe on the fast-then-interval schedule until it
// passes, the start timeout passes, or the run is aborted (the process exited or was stopped).
// Every waiting service sleeps on one shared timer (probe-ticker.ts), and the cadence widens
// with the number of services waiting at once (probe-schedule.ts).
import type { Probe } from '../manifest/schema.ts';
import { probeOnce, type ProbeTarget } from './probe-once.ts';
import { probeDelayMs } from './probe-schedule.ts';
import { sleepOnTicker } from './probe-ticker.ts';

/** How waiting ended. */
export type ReadyOutcome = { readonly ready: true } | { readonly ready: false; readonly why: 'timeout' | 'aborted'; readonly lastError: string | null };

/** Services waiting for start-up readiness right now (all probes of this process). */
let waiting = 0;

/** Polls `probe` until it passes, `startTimeout` elapses, or `signal` aborts. */
export async function waitUntilReady(probe: Probe, target: ProbeTarget, signal: AbortSignal, resolveCommand?: (argv: readonly string[]) => readonly string[]): Promise<ReadyOutcome> {
  const startedAt = Date.now();
  const deadline = startedAt + probe.startTimeout;
  const cheap = probe.exec === undefined;
  let lastError: string | null = null;
  waiting += 1;
  try {
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) return { ready: false, why: 'aborted', lastError };
      const outcome = await probeOnce(probe, target, resolveCommand);
      if (signal.aborted) return { ready: false, why: 'aborted', lastError };
      if (outcome.ok) return { ready: true };
      lastError = outcome.message;
      const answered = outcome.refused !== true;
      const now = Date.now();
      const remaining = deadline - now;
      if (remaining <= 0) return { ready: false, why: 'timeout', lastError };
      await sleepOnTicker(Math.min(probeDelayMs(attempt, probe.interval, { cheap, elapsedMs: now - startedAt, waiting, answered }), remaining), signal);
    }
  } finally {
    waiting -= 1;
  }
}
