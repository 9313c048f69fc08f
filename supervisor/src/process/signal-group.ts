// Signals a service's whole process tree: its process group on POSIX (every service is spawned
// detached, so it leads its own group), `taskkill /T` on Windows, which has no groups.
import { execFile } from 'node:child_process';

/** Sends `signal` to the group led by `pid`; false when nothing was there to signal. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (process.platform === 'win32') {
    const args = ['/PID', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])];
    execFile('taskkill', args, { windowsHide: true }, () => {});
    return true;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  // The leader may have left the group already or never made one: signal the pid itself.
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
