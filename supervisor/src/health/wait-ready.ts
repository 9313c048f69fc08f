// Start-up readiness: polls an http/tcp/exec probe on the fast-then-interval schedule until it
// passes or the run is aborted (the process exited, was stopped, or missed its start timeout,
// which the lifecycle machine decides). Every waiting service sleeps on one shared timer
// (probe-ticker.ts), and the cadence widens with the number of services waiting at once.
import type { Probe } from '../manifest/schema.ts';
import type { ProbeAttempt } from './probe-monitor.ts';
import { probeDelayMs } from './probe-schedule.ts';
import { sleepOnTicker } from './probe-ticker.ts';

/** Services waiting for start-up readiness right now (all probes of this process). */
let waiting = 0;

/** Polls until the probe passes (true) or `signal` aborts (false); `onFailed` hears each failed attempt. */
export async function waitUntilReady(probe: Probe, attempt: ProbeAttempt, signal: AbortSignal, onFailed: (message: string) => void = () => {}): Promise<boolean> {
  const startedAt = performance.now();
  const cheap = probe.exec === undefined;
  waiting += 1;
  try {
    // No attempt the instant the process was spawned: it has only just exec'd, so that attempt
    // always failed (a refused connect, an exec probe's whole process) — 200 of them in a
    // 200-service start, on the loop the other services' spawns need.
    await sleepOnTicker(probeDelayMs(0, probe.interval, { cheap, elapsedMs: 0, waiting, answered: false }), signal);
    for (let index = 0; ; index++) {
      if (signal.aborted) return false;
      const outcome = await attempt();
      if (signal.aborted) return false;
      if (outcome.ok) return true;
      onFailed(outcome.message);
      const answered = outcome.refused !== true;
      await sleepOnTicker(probeDelayMs(index, probe.interval, { cheap, elapsedMs: performance.now() - startedAt, waiting, answered }), signal);
    }
  } finally {
    waiting -= 1;
  }
}
