// Public module of run records: a journal of every start and end of a service, and the OS process
// facts (alive, start time) that make those records safe to act on after a crash.
export { isProcessAlive, isProcessGroupAlive, parseProcStatStartTicks, parseProcStatState, readProcessStartTicks, systemProcessInfo } from './process-info.ts';
export type { ProcessInfo } from './process-info.ts';
export { createRunId, isRunId } from './run-id.ts';
export { RUN_INFO_FILE, RunRecorder, readRunRecord } from './run-records.ts';
export type { RemovedRuns, RunEnd, RunStart } from './run-records.ts';
export { JOURNAL_EXT } from './run-journal.ts';
