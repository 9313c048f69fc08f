// The lifecycle of one service as data (DESIGN §5): the closed state union plus what a decision
// needs to remember (the run under way, the restart budget, where a stop under way lands). Only
// stepLifecycle makes new values of it; everything else reads them.
import type { BlockedBy, ServiceState } from '../../control/contract.ts';
import type { RestartSpec, ServiceSpec } from '../../manifest/schema.ts';
import type { ProcessExit } from '../../process/exit-info.ts';
import type { EndCause, RestartDecision } from '../../restart/decide-restart.ts';

/** What the machine knows of a service's bundle entry (fixed for the life of the supervisor). */
export interface LifecycleConfig {
  readonly name: string;
  readonly kind: 'service' | 'task';
  /** How readiness is seen: not at all (up = running), by polling a probe, a log line, or the service's own word on its notify fd. */
  readonly readiness: 'none' | 'probe' | 'log' | 'notify';
  /** The log probe's pattern as written (for the start-timeout reason). */
  readonly readinessPattern: string | null;
  readonly startTimeoutMs: number;
  /** Liveness, or a readiness probe that keeps running after ready: monitors start once up. */
  readonly monitorsAfterUp: boolean;
  /** Tasks only: their own time limit. */
  readonly taskTimeoutMs: number | null;
  readonly restart: RestartSpec;
  readonly stopSignal: NodeJS.Signals;
  readonly stopGraceMs: number;
}

/** The config of a manifest entry (pure). */
export function lifecycleConfigOf(name: string, spec: ServiceSpec): LifecycleConfig {
  const readiness = spec.readiness;
  const log = readiness?.log !== undefined;
  const notify = readiness?.notify !== undefined;
  return {
    name,
    kind: spec.kind,
    readiness: readiness === undefined ? 'none' : log ? 'log' : notify ? 'notify' : 'probe',
    readinessPattern: readiness?.log ?? null,
    startTimeoutMs: readiness?.startTimeout ?? 0,
    monitorsAfterUp: (spec.liveness !== undefined && spec.liveness.log === undefined && spec.liveness.notify === undefined) || (readiness !== undefined && !log && !notify),
    taskTimeoutMs: spec.timeout ?? null,
    restart: spec.restart,
    stopSignal: spec.shutdown.signal,
    stopGraceMs: spec.shutdown.timeout,
  };
}

/** One run of the process: spawning (pid null), alive, or ended and being recorded (exit set). */
export interface Run {
  readonly id: number;
  readonly startedAtMs: number;
  readonly pid: number | null;
  /** When it became ready/running; null while starting. */
  readonly upSinceMs: number | null;
  /** Set when the machine itself ended the run (failed liveness, start or task timeout). */
  readonly endCause: EndCause | null;
  /** Set once the process is gone; the outcome is applied when its end record is written. */
  readonly exit: ProcessExit | null;
  /** What happens once the end is recorded (a stop's landing is kept in `Lifecycle.landing`). */
  readonly outcome: Outcome | null;
}

/** How an ended run resolves once recorded: a task's result or a restart decision. */
export type Outcome =
  | { readonly kind: 'task'; readonly ok: boolean; readonly reason: string | null }
  | { readonly kind: 'decision'; readonly decision: RestartDecision };

/** Where a stop under way ends: stopped (for good, until a person starts it) or pending (it comes back). */
export interface Landing {
  readonly phase: 'stopped' | 'pending';
  readonly reason: string;
  /** SIGKILL at once instead of the graceful signal. */
  readonly force: boolean;
}

/** A service's lifecycle: its state and everything the next decision reads. */
export interface Lifecycle {
  readonly phase: ServiceState;
  readonly reason: string | null;
  readonly blockedBy: BlockedBy | null;
  /** What a person (or the shutdown) wants: down keeps it from starting by itself. */
  readonly wanted: 'up' | 'down';
  readonly run: Run | null;
  readonly landing: Landing | null;
  /** The token of the armed backoff timer, null when none is armed. */
  readonly backoffToken: number | null;
  /** Consecutive restarts since the service last stayed up for `resetAfter`. */
  readonly attempt: number;
  /** End times of counted ends, for the crash-loop window. */
  readonly recentEnds: readonly number[];
  readonly restarts: number;
  readonly lastExit: { readonly code: number | null; readonly signal: string | null; readonly atMs: number } | null;
  readonly startedAtMs: number | null;
  readonly readyAtMs: number | null;
  /** Ids of runs and timer tokens: increasing, never reused. */
  readonly serial: number;
}

/** A new service: pending, wanted up, nothing run yet. */
export function initialLifecycle(): Lifecycle {
  return {
    phase: 'pending',
    reason: null,
    blockedBy: null,
    wanted: 'up',
    run: null,
    landing: null,
    backoffToken: null,
    attempt: 0,
    recentEnds: [],
    restarts: 0,
    lastExit: null,
    startedAtMs: null,
    readyAtMs: null,
    serial: 0,
  };
}

/** The pid of a living process of the service, else null. */
export function livePid(lifecycle: Lifecycle): number | null {
  const run = lifecycle.run;
  return run === null || run.exit !== null ? null : run.pid;
}
