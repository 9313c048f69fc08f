// The supervision concerns (run records, telemetry, tasks' `when` and upgrade backups) as one
// pluggable set, created per start by supervision/create-hooks.ts.
import type { RunRecord } from '../control/contract.ts';
import type { ProcessExit } from '../process/exit-info.ts';
import type { EventBus } from '../events/index.ts';
import type { TaskGate } from './orchestrator.ts';
import type { ServiceContext, RunnerTelemetry } from './service-context.ts';

/** What the runtime calls on the supervision concerns. */
export interface SupervisionHooks {
  attach(bus: EventBus): void;
  recordRunStart: ServiceContext['recordRunStart'];
  recordRunEnd(record: RunRecord, exit: ProcessExit, reason: string | null): Promise<void>;
  telemetry(event: RunnerTelemetry): void;
  runs(service: string): Promise<RunRecord[]>;
  readonly taskGate: TaskGate | null;
  /** Everything stopped after a shutdown that took `durationMs`. */
  shutdownDone(reason: string, durationMs: number): void;
  close(): Promise<void>;
}
