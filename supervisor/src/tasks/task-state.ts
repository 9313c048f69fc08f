// state.json in the state dir: per task, the bundle version of its last success (DESIGN §7).
// Written atomically, and only after a task exited 0, so a failed task never leaves state.json
// claiming success. Updates in this process are serialized so parallel tasks never lose one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BerthError } from '../errors.ts';
import { writeJsonAtomic } from '../fs/atomic-write.ts';
import type { TaskRecord } from './decide-task-run.ts';

/** File name of the task state inside the state dir. */
export const TASK_STATE_FILE = 'state.json';

/** state.json; unknown top-level keys are kept so other concerns may add their own. */
export const TaskStateFile = z.looseObject({
  schemaVersion: z.literal(1).default(1),
  tasks: z.record(z.string(), z.object({ lastCompletedVersion: z.string(), lastCompletedAt: z.string() })).default({}),
});
export type TaskStateFile = z.infer<typeof TaskStateFile>;

const queues = new Map<string, Promise<unknown>>();

/** Reads state.json (empty when missing); a corrupt file is an error naming the file and the fix. */
export async function readTaskState(stateDir: string): Promise<TaskStateFile> {
  const file = join(stateDir, TASK_STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { schemaVersion: 1, tasks: {} };
    throw error;
  }
  try {
    return TaskStateFile.parse(JSON.parse(text));
  } catch (error) {
    throw new BerthError('CONFIG_INVALID', `${file} is not valid task state; fix it, or delete it to run first-start tasks again`, { cause: error });
  }
}

/** The record of one task, if it ever completed. */
export async function readTaskRecord(stateDir: string, task: string): Promise<TaskRecord | undefined> {
  return (await readTaskState(stateDir)).tasks[task];
}

/** Records that `task` succeeded for bundle `version` (call only after it exited 0). */
export function recordTaskSuccess(stateDir: string, task: string, version: string, at: Date = new Date()): Promise<TaskStateFile> {
  const previous = queues.get(stateDir) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => {
    const state = await readTaskState(stateDir);
    const updated = { ...state, tasks: { ...state.tasks, [task]: { lastCompletedVersion: version, lastCompletedAt: at.toISOString() } } };
    await writeJsonAtomic(join(stateDir, TASK_STATE_FILE), updated);
    return updated;
  });
  queues.set(stateDir, next);
  void next.finally(() => {
    if (queues.get(stateDir) === next) queues.delete(stateDir);
  }).catch(() => undefined);
  return next;
}
