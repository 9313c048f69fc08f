// Builds the supervision hooks of one `berth run`, in start-up order: reap what a dead previous
// supervisor left behind, open telemetry, decide every task once (taking the upgrade backup while
// nothing runs), then record each run.
import type { Logger } from '../logging/logger.ts';
import type { LoadedManifest } from '../manifest/index.ts';
import { reapOrphans } from '../reap/index.ts';
import { RunRecorder } from '../runs/index.ts';
import type { StatePaths } from '../state/state-paths.ts';
import { createTaskGate } from '../tasks/index.ts';
import { Telemetry } from '../telemetry/index.ts';
import type { SupervisionHooks } from './supervision-hooks.ts';

/**
 * Who backs data/ up before upgrade tasks: the task gate itself (`take`, a plain start of a new
 * version), or a hand-off that already did and rolls back on its own (`taken`).
 */
export type TaskBackupMode = { readonly kind: 'take' } | { readonly kind: 'taken'; readonly path: string };

/** Late-bound pieces the hooks need from the runtime (it is built after them). */
export interface HookLinks {
  redact: (text: string) => string;
  /** Stops every service (before data/ is restored after a failed upgrade task). */
  stopAll: () => Promise<void>;
  /** Replaces a failed task's reason (with where its data backup is). */
  annotateFailure: (task: string, reason: string) => void;
}

/** Creates the hooks for a state dir and manifest. */
export async function createSupervisionHooks(paths: StatePaths, loaded: LoadedManifest, logger: Logger, links: HookLinks, backup: TaskBackupMode = { kind: 'take' }): Promise<SupervisionHooks> {
  const { manifest } = loaded;
  const telemetry = new Telemetry({ file: paths.telemetry, maxBytes: manifest.logs.maxBytes, maxFiles: manifest.logs.maxFiles, redact: (text) => links.redact(text), logger });
  const reaped = await reapOrphans({ runsDir: paths.runs, logger });
  for (const record of reaped) {
    if (record.status === 'reaped' && record.pid !== null) telemetry.record({ type: 'reaped', service: record.service, pid: record.pid });
  }
  const tasks = Object.fromEntries(
    Object.entries(manifest.services)
      .filter(([, spec]) => spec.kind === 'task')
      .map(([name, spec]) => [name, spec.when]),
  );
  const taskGate = createTaskGate({
    stateDir: paths.root,
    appVersion: manifest.app.version,
    tasks,
    logger,
    ...(backup.kind === 'taken' ? { backupTaken: backup.path } : {}),
    beforeRestore: () => links.stopAll(),
    onRestore: (event) => links.annotateFailure(event.task, event.message),
  });
  await taskGate.prepare();
  const recorder = new RunRecorder(paths.runs, { logger });
  let detach: (() => void) | null = null;
  return {
    attach: (bus) => {
      detach = telemetry.attach(bus);
    },
    recordRunStart: (input) => recorder.start(input),
    recordRunEnd: async (record, exit, reason) => void (await recorder.finish(record, { exitCode: exit.code, signal: exit.signal, reason })),
    telemetry: (event) => telemetry.record(event),
    runs: (service) => recorder.list(service),
    taskGate,
    shutdownDone: (reason, durationMs) => telemetry.record({ type: 'shutdown', reason, durationMs }),
    close: async () => {
      detach?.();
      await Promise.all([telemetry.close(), recorder.close()]);
    },
  };
}
