// Signals a service's whole process group on POSIX: every service is spawned detached, so it leads
// its own group. (Windows has neither groups nor signals: windows-killer.ts.)

/** Sends `signal` to the group led by `pid`; false when nothing was there to signal. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
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
