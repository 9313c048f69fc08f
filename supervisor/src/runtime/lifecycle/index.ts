// Public module of the lifecycle machine (pure: no Node I/O, enforced by lint).
export { stepLifecycle } from './step.ts';
export type { StepResult } from './draft.ts';
export { initialLifecycle, lifecycleConfigOf, livePid, type Lifecycle, type LifecycleConfig } from './lifecycle-state.ts';
export type { LifecycleEffect, LifecycleEvent, LifecycleIntent, LifecycleReport, LifecycleTelemetry, TimerKind } from './lifecycle-events.ts';
export { DEPENDENCY_FAILED, STOPPED_BY_PERSON, blockedReason } from './blocked-reason.ts';
export { refusalOf } from './on-intent.ts';
export { PROCESS_STATES, SETTLED_STATES, STARTABLE_STATES, STOPPABLE_STATES, meetsCondition } from './service-states.ts';
export { statusOf, type StatusFacts } from './status-view.ts';
