// Whether a task runs on this start (pure). `first-start`: the task never completed here.
// `upgrade`: app.version differs from the version recorded at the task's last success.
// `always`: every start. An upgrade that also matches `always` is reported as `upgrade`, since
// upgrade tasks are what the data backup is taken for.

/** The `when` values of a task (bundle.json). */
export type TaskWhenValue = 'first-start' | 'upgrade' | 'always';

/** What state.json holds for one task. */
export interface TaskRecord {
  lastCompletedVersion: string;
  lastCompletedAt: string;
}

/** The decision and why; `fromVersion` is the version being upgraded from. */
export interface TaskRunDecision {
  run: boolean;
  reason: 'first-start' | 'upgrade' | 'always' | 'up-to-date';
  fromVersion?: string;
  /**
   * An `upgrade`-only task on a fresh install: not run, but record the current version now
   * (recordTaskSuccess) so the next version change counts as an upgrade.
   */
  recordBaseline?: boolean;
}

/** Decides whether a task runs now (pure); `when` defaults to ["always"]. */
export function decideTaskRun(when: readonly TaskWhenValue[] | undefined, record: TaskRecord | undefined, appVersion: string): TaskRunDecision {
  const kinds = when === undefined || when.length === 0 ? ['always'] : when;
  if (record === undefined && kinds.includes('first-start')) return { run: true, reason: 'first-start' };
  if (record !== undefined && record.lastCompletedVersion !== appVersion && kinds.includes('upgrade')) {
    return { run: true, reason: 'upgrade', fromVersion: record.lastCompletedVersion };
  }
  if (kinds.includes('always')) return { run: true, reason: 'always' };
  if (record === undefined) return { run: false, reason: 'up-to-date', recordBaseline: true };
  return { run: false, reason: 'up-to-date' };
}
