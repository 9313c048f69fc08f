// What the runtime tells the metrics (issue 19) besides what /status already says: how long a
// start took, how a run ended, how long a health probe took. Plain data, recorded before
// prom-client is loaded (see metrics-recorder.ts). Pure.

/** How a run ended, as the `reason` label of berth_service_exits_total. */
export type ExitReason = 'exited-0' | 'exited-nonzero' | 'signal' | 'liveness-failed' | 'start-timeout' | 'spawn-failed' | 'stopped';

/** One fact for the metrics. */
export type Observation =
  /** A run came up: spawn → ready (or running, without a readiness probe). */
  | { readonly type: 'start'; readonly service: string; readonly seconds: number }
  | { readonly type: 'exit'; readonly service: string; readonly reason: ExitReason }
  /** One attempt of a probe that runs after ready (liveness, or readiness kept up). */
  | { readonly type: 'probe'; readonly service: string; readonly probe: 'readiness' | 'liveness'; readonly seconds: number };

/** The reason label of an ended run: a stop under way, the machine's own verdict, else the exit itself. */
export function exitReasonOf(exit: { code: number | null; signal: string | null }, endCause: 'exited' | 'liveness-failed' | 'start-timeout' | null, stopping: boolean): ExitReason {
  if (stopping) return 'stopped';
  if (endCause === 'liveness-failed' || endCause === 'start-timeout') return endCause;
  if (exit.signal !== null) return 'signal';
  return exit.code === 0 ? 'exited-0' : 'exited-nonzero';
}
