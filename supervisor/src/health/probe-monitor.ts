// After ready: a probe every `interval`; `failureThreshold` consecutive failures report a failure
// once, a later success reports recovery once. Used for liveness (restart) and for readiness lost
// after ready (shown as unhealthy).
import type { Probe } from '../manifest/schema.ts';
import { probeOnce, type ProbeTarget } from './probe-once.ts';

/** Callbacks of a monitor. */
export interface MonitorHandlers {
  onFailing(message: string, consecutive: number): void;
  onRecovered(): void;
  /** Every single failed attempt (telemetry). */
  onAttemptFailed?(message: string): void;
}

/** Starts monitoring; returns the function that stops it. */
export function startProbeMonitor(probe: Probe, target: ProbeTarget, handlers: MonitorHandlers, resolveCommand?: (argv: readonly string[]) => readonly string[]): () => void {
  let stopped = false;
  let consecutive = 0;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const outcome = await probeOnce(probe, target, resolveCommand);
    if (stopped) return;
    if (outcome.ok) {
      consecutive = 0;
      if (failing) {
        failing = false;
        handlers.onRecovered();
      }
    } else {
      consecutive += 1;
      handlers.onAttemptFailed?.(outcome.message);
      if (!failing && consecutive >= probe.failureThreshold) {
        failing = true;
        handlers.onFailing(outcome.message, consecutive);
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), probe.interval);
  };
  timer = setTimeout(() => void tick(), probe.interval);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
