// The platform seam of the process concern: how the runtime starts and kills processes, as two
// small interfaces the lifecycle executor is given (fakes in tests, these on a real machine).
import { signalGroup } from './signal-group.ts';
import { spawnProcess, type SpawnedProcess, type SpawnRequest } from './spawn-process.ts';
import { nextSpawnTurn } from './spawn-turn.ts';
import { killGroupLeftovers } from './stop-process.ts';

/** Starts a service process (rejects with SPAWN_FAILED; see isCannotRun). */
export interface Spawner {
  spawn(request: SpawnRequest): Promise<SpawnedProcess>;
}

/** Signals a service's process tree. */
export interface Killer {
  /** Sends `signal` to the group (tree) led by `pid`. */
  signal(pid: number, signal: NodeJS.Signals): void;
  /** After the leader exited: kills what is left of its group and waits until it is gone. */
  killLeftovers(pgid: number | null): Promise<void>;
}

/** Spawns one process per turn of the event loop (spawn-turn.ts), each leading its own group. */
export const systemSpawner: Spawner = {
  async spawn(request) {
    await nextSpawnTurn();
    return spawnProcess(request);
  },
};

/** Process groups on POSIX, taskkill /T on Windows. */
export const systemKiller: Killer = {
  signal: (pid, signal) => void signalGroup(pid, signal),
  killLeftovers: (pgid) => killGroupLeftovers(pgid),
};
