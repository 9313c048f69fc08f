// Start-up readiness: polls an http/tcp/exec probe on the fast-then-interval schedule until it
// passes, the start timeout passes, or the run is aborted (the process exited or was stopped).
import type { Probe } from '../manifest/schema.ts';
import { probeOnce, type ProbeTarget } from './probe-once.ts';
import { probeDelayMs } from './probe-schedule.ts';

/** How waiting ended. */
export type ReadyOutcome = { readonly ready: true } | { readonly ready: false; readonly why: 'timeout' | 'aborted'; readonly lastError: string | null };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Polls `probe` until it passes, `startTimeout` elapses, or `signal` aborts. */
export async function waitUntilReady(probe: Probe, target: ProbeTarget, signal: AbortSignal, resolveCommand?: (argv: readonly string[]) => readonly string[]): Promise<ReadyOutcome> {
  const startedAt = Date.now();
  const deadline = startedAt + probe.startTimeout;
  const cheap = probe.exec === undefined;
  let lastError: string | null = null;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) return { ready: false, why: 'aborted', lastError };
    const outcome = await probeOnce(probe, target, resolveCommand);
    if (signal.aborted) return { ready: false, why: 'aborted', lastError };
    if (outcome.ok) return { ready: true };
    lastError = outcome.message;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { ready: false, why: 'timeout', lastError };
    await sleep(Math.min(probeDelayMs(attempt, probe.interval, { cheap, elapsedMs: Date.now() - startedAt }), remaining), signal);
  }
}
