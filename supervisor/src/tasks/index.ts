// Public module of tasks: when a task runs (first-start / upgrade / always), the per-task state
// file, and the data/ backup taken before upgrade tasks.
export { backupData, listBackups, pruneBackups, restoreData } from './data-backup.ts';
export { decideTaskRun } from './decide-task-run.ts';
export type { TaskRecord, TaskRunDecision, TaskWhenValue } from './decide-task-run.ts';
export { TASK_STATE_FILE, TaskStateFile, readTaskRecord, readTaskState, recordTaskSuccess } from './task-state.ts';
export { createTaskGate } from './task-gate.ts';
export type { TaskGateHandle, TaskGateOptions } from './task-gate.ts';
