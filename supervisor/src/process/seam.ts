// The platform seam of the process concern: how the runtime starts and kills processes, as two
// small interfaces the lifecycle executor is given (fakes in tests, these on a real machine).
import { signalGroup } from './signal-group.ts';
import { spawnProcess, type SpawnedProcess, type SpawnRequest } from './spawn-process.ts';
import { nextSpawnTurn } from './spawn-turn.ts';
import { killGroupLeftovers } from './stop-process.ts';
import { createWindowsKiller } from './windows-killer.ts';

/** Starts a service process (rejects with SPAWN_FAILED; see isCannotRun). */
export interface Spawner {
  spawn(request: SpawnRequest): Promise<SpawnedProcess>;
}

/** The leader of a service's tree, as a stop knows it. */
export interface TreeLeader {
  readonly pid: number;
  /** Its process group (POSIX); null on Windows. */
  readonly pgid: number | null;
  /** Wall-clock ms taken just before it was spawned: nothing of its tree was created earlier. */
  readonly spawnedAtMs: number;
}

/** Signals a service's process tree. */
export interface Killer {
  /** Sends `signal` to the group (tree) led by `pid`: taskkill /T on Windows, with /F for SIGKILL. */
  signal(pid: number, signal: NodeJS.Signals): void;
  /** After the leader exited: kills what is left of its group (tree) and waits until it is gone. */
  killLeftovers(leader: TreeLeader): Promise<void>;
}

/** Spawns one process per turn of the event loop (spawn-turn.ts), each leading its own group. */
export const systemSpawner: Spawner = {
  async spawn(request) {
    await nextSpawnTurn();
    return spawnProcess(request);
  },
};

/** Process groups and signals on POSIX. */
const posixKiller: Killer = {
  signal: (pid, signal) => void signalGroup(pid, signal),
  killLeftovers: (leader) => killGroupLeftovers(leader.pgid),
};

/** This platform's killer: process groups on POSIX, taskkill trees on Windows. */
export const systemKiller: Killer = process.platform === 'win32' ? createWindowsKiller() : posixKiller;
