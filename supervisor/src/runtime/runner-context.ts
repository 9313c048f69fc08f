// What a service runner needs from the rest of the supervisor: one small interface, so the
// runner stays testable and the concerns (secrets, logs, run records, telemetry) plug in here.
import type { LogLine, RunRecord } from '../control/contract.ts';
import type { Logger } from '../logging/logger.ts';
import type { LogBlock } from '../logs/index.ts';
import type { ProcessExit } from '../process/exit-info.ts';
import type { EventBus } from './event-bus.ts';

/** A telemetry event other than state transitions (those come from the bus). */
export type RunnerTelemetry =
  | { readonly type: 'restart'; readonly service: string; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'probe-failure'; readonly service: string; readonly probe: 'readiness' | 'liveness'; readonly message: string }
  | { readonly type: 'task-result'; readonly task: string; readonly ok: boolean; readonly exitCode: number | null; readonly durationMs: number };

/** Services the runner calls; every one is effectful and owned by the supervisor runtime. */
export interface RunnerContext {
  readonly bus: EventBus;
  readonly logger: Logger;
  /** Redacts secret values from captured output before it is stored or sent. */
  redact(text: string): string;
  /** True when captured bytes may hold a secret value (their text then goes through redact). */
  mayHoldSecret(bytes: Uint8Array): boolean;
  /** Bytes at the end of a piece of an over-long line that may start a secret (kept for the next piece). */
  secretTail(piece: Uint8Array): number;
  /** Secret names this service still lacks (required ones). */
  missingSecrets(service: string): string[];
  /** The env entries for this service's secrets (env values, or <NAME>_FILE paths). */
  secretEnv(service: string): Promise<Record<string, string>>;
  /** Stores the complete, redacted lines of one chunk (log file + tail ring); false = pause the source. */
  appendLog(service: string, block: LogBlock, stream: LogLine['stream'], at: string): boolean;
  /** Resolves when the service's log can take more (after appendLog returned false). */
  logDrained(service: string): Promise<void>;
  /** Writes the run record of a new run; null when records are off. */
  recordRunStart(input: { service: string; pid: number; pgid: number | null; restartCount: number; previousRunId: string | null }): Promise<RunRecord | null>;
  /** Completes a run record. */
  recordRunEnd(record: RunRecord, exit: ProcessExit, reason: string | null): Promise<void>;
  telemetry(event: RunnerTelemetry): void;
  now(): number;
  random(): number;
}
