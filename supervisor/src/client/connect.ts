// Finds the running supervisor of a state dir through control.json, and says clearly when
// there is none (no file, or a stale one whose pid is gone): SUPERVISOR_NOT_RUNNING → exit 1.
import { createControlClient, type ControlClient } from '../control/client/index.ts';
import { readControlFile, controlFilePath } from '../control/control-file.ts';
import { BerthError } from '../errors.ts';
import { pidExists } from '../process/process-alive.ts';

/** True when a process with this pid exists (for clients waiting on a supervisor's exit). */
export { pidExists as isPidAlive } from '../process/process-alive.ts';

/** A client (bearer token from control.json) for the supervisor running on `stateDir`, or SUPERVISOR_NOT_RUNNING. */
export async function connectToSupervisor(stateDir: string): Promise<ControlClient> {
  const control = await readControlFile(stateDir);
  if (control === null) {
    throw new BerthError('SUPERVISOR_NOT_RUNNING', `No Berth supervisor is running for ${stateDir} (no ${controlFilePath(stateDir)}). Start one with "berth run".`);
  }
  if (!pidExists(control.pid)) {
    throw new BerthError('SUPERVISOR_NOT_RUNNING', `No Berth supervisor is running for ${stateDir}: control.json names pid ${control.pid}, which has exited.`);
  }
  return createControlClient({ baseUrl: control.url, auth: { kind: 'bearer', token: control.token } });
}
