// Finds the running supervisor of a state dir through control.json, and says clearly when
// there is none (no file, or a stale one whose pid is gone): SUPERVISOR_NOT_RUNNING → exit 1.
import { readControlFile, controlFilePath } from '../control/control-file.ts';
import { BerthError } from '../errors.ts';
import { pidExists } from '../process/process-alive.ts';
import { ControlClient } from './control-client.ts';

/** True when a process with this pid exists (for clients waiting on a supervisor's exit). */
export { pidExists as isPidAlive } from '../process/process-alive.ts';

/** A client for the supervisor running on `stateDir`, or SUPERVISOR_NOT_RUNNING. */
export async function connectToSupervisor(stateDir: string, fetchFn?: typeof fetch): Promise<ControlClient> {
  const control = await readControlFile(stateDir);
  if (control === null) {
    throw new BerthError('SUPERVISOR_NOT_RUNNING', `No Berth supervisor is running for ${stateDir} (no ${controlFilePath(stateDir)}). Start one with "berth run".`);
  }
  if (!pidExists(control.pid)) {
    throw new BerthError('SUPERVISOR_NOT_RUNNING', `No Berth supervisor is running for ${stateDir}: control.json names pid ${control.pid}, which has exited.`);
  }
  return new ControlClient(control, fetchFn);
}
