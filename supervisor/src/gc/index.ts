// Public module of gc: removing old run records and rotated logs from a state dir.
export { decideGcRecord, isFailedRun } from './decide-gc.ts';
export type { GcRules } from './decide-gc.ts';
export { runGc } from './gc.ts';
export type { GcOptions, GcResult } from './gc.ts';
