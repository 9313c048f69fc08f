// Stopping a service: its stop signal to the whole group, a grace period, then SIGKILL to the
// group. After the leader exits, stragglers of the group (grandchildren) are killed too, so a
// stopped service never leaves a process or a held port behind.
import type { ProcessExit } from './exit-info.ts';
import { isGroupAlive } from './process-alive.ts';
import { signalGroup } from './signal-group.ts';
import type { SpawnedProcess } from './spawn-process.ts';

/** Options of one stop. */
export interface StopOptions {
  readonly signal: NodeJS.Signals;
  readonly graceMs: number;
}

function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(resolve, ms, 'timeout').unref());
}

/** Kills whatever is left of the process group, and waits briefly until it is gone. */
export async function killGroupLeftovers(pgid: number | null): Promise<void> {
  if (pgid === null || !isGroupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  for (let waited = 0; waited < 2000 && isGroupAlive(pgid); waited += 10) await delay(10);
}

/** Stops the process (signal → grace → SIGKILL) and resolves with how it exited. */
export async function stopProcess(child: SpawnedProcess, options: StopOptions): Promise<ProcessExit> {
  signalGroup(child.pid, options.signal);
  const first = await Promise.race([child.exited, delay(options.graceMs)]);
  if (first === 'timeout') signalGroup(child.pid, 'SIGKILL');
  const exit = await child.exited;
  await killGroupLeftovers(child.pgid);
  return exit;
}
