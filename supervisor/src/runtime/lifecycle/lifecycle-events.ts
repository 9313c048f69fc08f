// What a service's lifecycle machine hears (intents from the orchestrator, a person and the
// start-up sequence; reports from the executor about the process, probes and timers) and what
// it asks for in return (effects the executor performs). Both are plain data.
import type { BlockedBy, ServiceAction, ServiceState } from '../../control/contract.ts';
import type { ProcessExit } from '../../process/exit-info.ts';

/** Intents: what others want of the service. Only the machine decides what they do to its state. */
export type LifecycleIntent =
  /** Dependencies met and secrets present: start when waiting (also clears `blockedBy`). */
  | { readonly type: 'release' }
  /** Dependencies not met; a failed one below stops a running service, which then waits. */
  | { readonly type: 'block'; readonly blockedBy: Extract<BlockedBy, { kind: 'dependencies' }> }
  | { readonly type: 'need-secrets'; readonly missing: readonly string[] }
  /** A task not needed on this start (`when`), or one whose gate failed. */
  | { readonly type: 'skip'; readonly reason: string }
  | { readonly type: 'fail'; readonly reason: string }
  /** Replaces the reason of a failed service (a restored upgrade backup's path). */
  | { readonly type: 'annotate'; readonly reason: string }
  /** A person's start/stop/restart (checked first with refusalOf). */
  | { readonly type: 'act'; readonly action: ServiceAction }
  /** Start-up: a person's earlier stop still holds (unless-stopped). */
  | { readonly type: 'hold'; readonly reason: string }
  /** Ports this service was launched with moved: a running process restarts to reach them. */
  | { readonly type: 'ports-moved'; readonly service: string }
  | { readonly type: 'shutdown'; readonly reason: string }
  /** SIGKILL now (a second Ctrl-C, a fatal error). */
  | { readonly type: 'kill'; readonly reason: string };

/** Timers the machine arms; each carries the run (or backoff token) it was armed for. */
export type TimerKind = 'backoff' | 'start-timeout' | 'task-timeout';

/** Reports: what happened to the process, its probes and its timers. */
export type LifecycleReport =
  | { readonly type: 'spawned'; readonly run: number; readonly pid: number }
  /** The process never started; `cannotRun` = the command is missing or not executable. */
  | { readonly type: 'spawn-failed'; readonly run: number; readonly message: string; readonly cannotRun: boolean }
  /** The readiness probe passed or the log line appeared. */
  | { readonly type: 'ready'; readonly run: number }
  | { readonly type: 'timer'; readonly timer: TimerKind; readonly token: number; readonly detail?: string | null }
  | { readonly type: 'liveness-failed'; readonly run: number; readonly message: string; readonly consecutive: number }
  | { readonly type: 'readiness-lost'; readonly run: number; readonly message: string }
  | { readonly type: 'readiness-recovered'; readonly run: number }
  /** The leader exited, its group is gone and its output drained; `bindFailure`: it said EADDRINUSE. */
  | { readonly type: 'exited'; readonly run: number; readonly exit: ProcessExit; readonly bindFailure: boolean }
  /** The end record of the run is written (or records are off). */
  | { readonly type: 'recorded'; readonly run: number };

export type LifecycleEvent = LifecycleIntent | LifecycleReport;

/** Telemetry the machine asks for (state transitions are published separately). */
export type LifecycleTelemetry =
  | { readonly type: 'restart'; readonly service: string; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'task-result'; readonly task: string; readonly ok: boolean; readonly exitCode: number | null; readonly durationMs: number };

/** Effects: what the executor does for the machine, in the order given. */
export type LifecycleEffect =
  /** Publish a state transition (on the bus: /events, telemetry, the terminal). */
  | { readonly type: 'transition'; readonly from: ServiceState; readonly to: ServiceState; readonly reason: string | null; readonly pid: number | null }
  /** Start run `run` (the executor resolves argv, env and secrets, then reports spawned/spawn-failed). */
  | { readonly type: 'spawn'; readonly run: number; readonly restartCount: number }
  /** Stop the process group: `signal`, then SIGKILL after `graceMs` (at once for SIGKILL). */
  | { readonly type: 'signal'; readonly run: number; readonly signal: NodeJS.Signals; readonly graceMs: number }
  /** Poll the readiness probe, or watch the output for the log line, until ready or the run ends. */
  | { readonly type: 'watch-readiness'; readonly run: number }
  /** Liveness and the readiness monitor, from now until the run ends. */
  | { readonly type: 'start-monitors'; readonly run: number }
  | { readonly type: 'arm-timer'; readonly timer: TimerKind; readonly token: number; readonly ms: number }
  | { readonly type: 'cancel-timer'; readonly timer: TimerKind }
  /** Complete the run's record; `then` = report `recorded` once it is written. */
  | { readonly type: 'record-end'; readonly run: number; readonly exit: ProcessExit; readonly reason: string | null; readonly then: boolean }
  /** A line for the failure's last output lines (a timeout, a liveness verdict, a spawn error). */
  | { readonly type: 'note'; readonly line: string }
  /** The run could not bind: pick new ports from the range before the next run. */
  | { readonly type: 'reallocate-ports'; readonly run: number }
  | { readonly type: 'telemetry'; readonly event: LifecycleTelemetry };
