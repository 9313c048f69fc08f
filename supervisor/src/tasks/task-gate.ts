// Tasks' `when` and the upgrade safety net as one object the runtime plugs in (the orchestrator's
// TaskGate: beforeRun / afterRun). `prepare()` — call it after reaping and before any service
// starts — decides every task once and, when one is an upgrade, copies data/ while nothing runs
// (then prunes to the newest 3 backups). A failed upgrade task gets data/ restored from that copy
// (after `beforeRestore`, which should stop whatever has data/ open) and a message naming the
// backup. A success is recorded in state.json only after the task exited 0.
import type { Logger } from '../logging/logger.ts';
import { backupData, pruneBackups, restoreData } from './data-backup.ts';
import { decideTaskRun } from './decide-task-run.ts';
import type { TaskRunDecision, TaskWhenValue } from './decide-task-run.ts';
import { readTaskState, recordTaskSuccess } from './task-state.ts';

/** What the gate needs to know about the bundle and the state dir. */
export interface TaskGateOptions {
  stateDir: string;
  appVersion: string;
  /** Every task of the bundle with its `when` (undefined = ["always"]). */
  tasks: Readonly<Record<string, readonly TaskWhenValue[] | undefined>>;
  logger: Logger;
  /** Backups kept after a new one is taken (default 3). */
  keepBackups?: number;
  /**
   * A hand-off already copied data/ here and rolls back by itself when the new version fails: the
   * gate takes no copy of its own and restores nothing.
   */
  backupTaken?: string;
  /** Runs before data/ is restored (stop the services that hold it open). */
  beforeRestore?: () => Promise<void>;
  /** Told when a failed upgrade task had data/ restored (or could not). */
  onRestore?: (event: { task: string; backup: string; ok: boolean; message: string }) => void;
}

/** The orchestrator-facing gate plus the start-up step. */
export interface TaskGateHandle {
  /** Decides every task and takes the upgrade backup if needed; idempotent. */
  prepare(): Promise<ReadonlyMap<string, TaskRunDecision>>;
  beforeRun(task: string): Promise<{ run: true } | { run: false; reason: string }>;
  afterRun(task: string, ok: boolean): Promise<void>;
  /** The backup taken for this start's upgrade, if any. */
  readonly backupPath: string | null;
}

/** Creates the task gate of one supervisor start. */
export function createTaskGate(options: TaskGateOptions): TaskGateHandle {
  const logger = options.logger.child({ concern: 'tasks' });
  let prepared: Promise<ReadonlyMap<string, TaskRunDecision>> | undefined;
  let backupPath: string | null = null;
  let restored = false;

  const prepare = () =>
    (prepared ??= (async () => {
      const state = await readTaskState(options.stateDir);
      const decisions = new Map(Object.entries(options.tasks).map(([task, when]) => [task, decideTaskRun(when, state.tasks[task], options.appVersion)] as const));
      const upgrade = [...decisions.values()].find((decision) => decision.reason === 'upgrade');
      if (options.backupTaken !== undefined) {
        backupPath = options.backupTaken;
      } else if (upgrade?.fromVersion !== undefined) {
        backupPath = await backupData(options.stateDir, upgrade.fromVersion);
        const pruned = await pruneBackups(options.stateDir, options.keepBackups ?? 3);
        logger.info('data backed up before upgrade tasks', { from: upgrade.fromVersion, to: options.appVersion, backup: backupPath, pruned: pruned.length });
      }
      for (const [task, decision] of decisions) {
        if (decision.recordBaseline === true) await recordTaskSuccess(options.stateDir, task, options.appVersion);
      }
      return decisions;
    })());

  return {
    prepare,
    get backupPath() {
      return backupPath;
    },
    async beforeRun(task) {
      const decision = (await prepare()).get(task) ?? { run: true, reason: 'always' };
      if (decision.run) return { run: true };
      return { run: false, reason: `up to date: completed for version ${options.appVersion}` };
    },
    async afterRun(task, ok) {
      const decision = (await prepare()).get(task);
      if (ok) {
        await recordTaskSuccess(options.stateDir, task, options.appVersion);
        return;
      }
      if (decision?.reason !== 'upgrade' || backupPath === null || restored || options.backupTaken !== undefined) return;
      restored = true;
      const backup = backupPath;
      try {
        await options.beforeRestore?.();
        await restoreData(options.stateDir, backup);
        const message = `upgrade task "${task}" failed (upgrading from ${decision.fromVersion ?? '?'} to ${options.appVersion}); data/ was restored from ${backup}`;
        logger.error(message, { task, backup });
        options.onRestore?.({ task, backup, ok: true, message });
      } catch (error) {
        const message = `upgrade task "${task}" failed and data/ could not be restored from ${backup}: ${(error as Error).message}; restore it by hand`;
        logger.error(message, { task, backup });
        options.onRestore?.({ task, backup, ok: false, message });
      }
    },
  };
}
