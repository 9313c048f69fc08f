// The telemetry event union: one JSON object per line of telemetry.jsonl (docs/telemetry.md).
// Parsing strips unknown keys, so nothing beyond these fields (no env, no argv) is ever written.
import { z } from 'zod';
import { HANDOFF_STATES, OverallState, ServiceState } from '../control/contract-core.ts';

const at = z.string();

/** A service state transition (same fields as the control API's StateEvent). */
export const StateTelemetry = z.object({ type: z.literal('state'), at, service: z.string(), from: ServiceState, to: ServiceState, reason: z.string().nullable(), pid: z.number().int().nullable() });
/** The supervisor's overall state changed. */
export const SupervisorTelemetry = z.object({ type: z.literal('supervisor'), at, state: OverallState });
/** A restart was scheduled: `attempt` counts within the crash-loop window, after `delayMs`. */
export const RestartTelemetry = z.object({ type: z.literal('restart'), at, service: z.string(), attempt: z.number().int().min(1), delayMs: z.number().min(0), reason: z.string() });
/** One failed probe. */
export const ProbeFailureTelemetry = z.object({ type: z.literal('probe-failure'), at, service: z.string(), probe: z.enum(['readiness', 'liveness']), message: z.string() });
/** A task (migration, bootstrap) finished. */
export const TaskResultTelemetry = z.object({ type: z.literal('task-result'), at, task: z.string(), ok: z.boolean(), exitCode: z.number().int().nullable(), durationMs: z.number().min(0) });
/** The supervisor shut everything down. */
export const ShutdownTelemetry = z.object({ type: z.literal('shutdown'), at, reason: z.string(), durationMs: z.number().min(0) });
/** The reaper killed what a dead supervisor left behind. */
export const ReapedTelemetry = z.object({ type: z.literal('reaped'), at, service: z.string(), pid: z.number().int() });

/** The bundle-version hand-off moved (deferred, applying, idle, failed). */
export const HandoffTelemetry = z.object({ type: z.literal('handoff'), at, state: z.enum(HANDOFF_STATES), target: z.string().nullable(), reason: z.string().nullable() });

/** Every event telemetry.jsonl may hold. */
export const TelemetryEvent = z.discriminatedUnion('type', [
  StateTelemetry,
  SupervisorTelemetry,
  RestartTelemetry,
  ProbeFailureTelemetry,
  TaskResultTelemetry,
  ShutdownTelemetry,
  ReapedTelemetry,
  HandoffTelemetry,
]);
export type TelemetryEvent = z.infer<typeof TelemetryEvent>;

/** An event as handed to `Telemetry.record`: `at` defaults to now. */
export type TelemetryEventInput = TelemetryEvent extends infer Event ? (Event extends { at: string } ? Omit<Event, 'at'> & { at?: string } : never) : never;
