// What a service's executor needs from the rest of the supervisor, as one small interface: the
// concerns (secrets, logs, run records, telemetry) and the platform seam (clock, spawner, killer,
// probes) plug in here, so the executor runs against fakes in tests.
import type { Clock } from '../clock/clock.ts';
import type { LogLine, RunRecord } from '../control/contract.ts';
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { LogBlock } from '../logs/index.ts';
import type { Probe } from '../manifest/schema.ts';
import type { ProbeAttempt } from '../health/probe-monitor.ts';
import type { ProbeTarget } from '../health/probe-once.ts';
import type { ProcessExit } from '../process/exit-info.ts';
import type { Killer, Spawner } from '../process/seam.ts';
import type { Observation } from '../metrics/index.ts';
import type { LifecycleTelemetry } from './lifecycle/index.ts';

/** A telemetry event other than state transitions (those come from the bus). */
export type RunnerTelemetry = LifecycleTelemetry | { readonly type: 'probe-failure'; readonly service: string; readonly probe: 'readiness' | 'liveness'; readonly message: string };

/** How probes are attempted and waited on (real sockets and the shared ticker, or fakes). */
export interface Probes {
  attempt(probe: Probe, target: ProbeTarget, resolveArgv: (argv: readonly string[]) => readonly string[]): ProbeAttempt;
  /** Polls until the probe passes (true) or `signal` aborts (false). */
  waitReady(probe: Probe, attempt: ProbeAttempt, signal: AbortSignal, onFailed: (message: string) => void): Promise<boolean>;
}

/** Where captured output goes (secrets redacted first). */
export interface OutputSink {
  readonly bus: EventBus;
  /** Redacts secret values from captured output before it is stored or sent. */
  redact(text: string): string;
  /** True when captured bytes may hold a secret value (their text then goes through redact). */
  mayHoldSecret(bytes: Uint8Array): boolean;
  /** Bytes at the end of a piece of an over-long line that may start a secret (kept for the next piece). */
  secretTail(piece: Uint8Array): number;
  /** Stores the complete, redacted lines of one chunk (log file + tail ring); false = pause the source. */
  appendLog(service: string, block: LogBlock, stream: LogLine['stream'], at: string): boolean;
  /** Resolves when the service's log can take more (after appendLog returned false). */
  logDrained(service: string): Promise<void>;
}

/** Services the executor calls; every one is effectful and owned by the supervisor runtime. */
export interface ServiceContext extends OutputSink {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly spawner: Spawner;
  readonly killer: Killer;
  readonly probes: Probes;
  random(): number;
  /** The env entries for this service's secrets (env values, or <NAME>_FILE paths). */
  secretEnv(service: string): Promise<Record<string, string>>;
  /** Writes the run record of a new run; null when records are off. */
  recordRunStart(input: { service: string; pid: number; pgid: number | null; restartCount: number; previousRunId: string | null }): Promise<RunRecord | null>;
  /** Completes a run record. */
  recordRunEnd(record: RunRecord, exit: ProcessExit, reason: string | null): Promise<void>;
  telemetry(event: RunnerTelemetry): void;
  /** A fact for GET /metrics (a start's duration, how a run ended, a probe's duration). */
  observe(observation: Observation): void;
}
