// Builds the supervision hooks of one `berth run`: run records (runs/), and — wired as their
// concerns land — telemetry, tasks' `when` with upgrade backups, and the orphan reaper.
import type { Logger } from '../logging/logger.ts';
import type { LoadedManifest } from '../manifest/index.ts';
import { RunRecorder } from '../runs/index.ts';
import type { StatePaths } from '../state/state-paths.ts';
import type { SupervisionHooks } from './supervision-hooks.ts';

/** Creates the hooks for a state dir and manifest. */
export async function createSupervisionHooks(paths: StatePaths, _loaded: LoadedManifest, logger: Logger): Promise<SupervisionHooks> {
  const recorder = new RunRecorder(paths.runs, { logger });
  return {
    attach: () => undefined,
    recordRunStart: (input) => recorder.start(input),
    recordRunEnd: async (record, exit, reason) => void (await recorder.finish(record, { exitCode: exit.code, signal: exit.signal, reason })),
    telemetry: () => undefined,
    runs: (service) => recorder.list(service),
    taskGate: null,
    close: async () => undefined,
  };
}
