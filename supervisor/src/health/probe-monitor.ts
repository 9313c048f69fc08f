// After ready: a probe every `interval`; `failureThreshold` consecutive failures report a failure
// once, a later success reports recovery once. Used for liveness (restart) and for readiness lost
// after ready (shown as unhealthy). The clock and the attempt are injected (fake-clock tests).
import { systemClock, type Clock } from '../clock/clock.ts';
import type { Probe } from '../manifest/schema.ts';
import { probeOnce, type ProbeOutcome, type ProbeTarget } from './probe-once.ts';

/** Callbacks of a monitor. */
export interface MonitorHandlers {
  onFailing(message: string, consecutive: number): void;
  onRecovered(): void;
  /** Every single failed attempt (telemetry). */
  onAttemptFailed?(message: string): void;
}

/** One attempt of the probe. */
export type ProbeAttempt = () => Promise<ProbeOutcome>;

/** Where a monitor stands between attempts. */
export interface MonitorState {
  readonly consecutive: number;
  readonly failing: boolean;
}

/** What one attempt's outcome does: the next state and what to report (pure). */
export function nextMonitorState(state: MonitorState, outcome: ProbeOutcome, threshold: number): { state: MonitorState; report: 'failing' | 'recovered' | null } {
  if (outcome.ok) return { state: { consecutive: 0, failing: false }, report: state.failing ? 'recovered' : null };
  const consecutive = state.consecutive + 1;
  const failing = state.failing || consecutive >= threshold;
  return { state: { consecutive, failing }, report: failing && !state.failing ? 'failing' : null };
}

/** Starts monitoring; returns the function that stops it. */
export function startProbeMonitor(probe: Probe, attempt: ProbeAttempt, handlers: MonitorHandlers, clock: Clock = systemClock): () => void {
  let stopped = false;
  let state: MonitorState = { consecutive: 0, failing: false };
  let cancel = () => {};
  const tick = async () => {
    const outcome = await attempt();
    if (stopped) return;
    const next = nextMonitorState(state, outcome, probe.failureThreshold);
    state = next.state;
    if (!outcome.ok) handlers.onAttemptFailed?.(outcome.message);
    if (next.report === 'failing' && !outcome.ok) handlers.onFailing(outcome.message, state.consecutive);
    if (next.report === 'recovered') handlers.onRecovered();
    if (!stopped) cancel = clock.setTimer(probe.interval, () => void tick());
  };
  cancel = clock.setTimer(probe.interval, () => void tick());
  return () => {
    stopped = true;
    cancel();
  };
}

/** The real attempt of `probe` against its service. */
export function probeAttempt(probe: Probe, target: ProbeTarget, resolveCommand?: (argv: readonly string[]) => readonly string[]): ProbeAttempt {
  return () => probeOnce(probe, target, resolveCommand);
}
