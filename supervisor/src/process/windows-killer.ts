// The Killer on Windows, which has no process groups and no signals: a service's tree is asked to
// stop with `taskkill /PID n /T` and terminated with `taskkill /PID n /T /F`. Once the leader has
// exited, taskkill can no longer find its tree (it walks from a living pid), so what it left
// behind is found in the process table: its descendants by parent pid, created while it lived.
import { pidExists } from './process-alive.ts';
import { descendantsOf } from './process-table.ts';
import { readProcessTable, type ProcessTableReader } from './process-table-reader.ts';
import { runCommand, type CommandRunner } from './run-command.ts';
import type { Killer } from './seam.ts';
import { taskkillArgs, windowsToolPath } from './windows-commands.ts';

/** What the Windows killer acts through (fakes in tests). */
export interface WindowsKillerDeps {
  readonly run: CommandRunner;
  readonly readTable: ProcessTableReader;
  readonly isAlive: (pid: number) => boolean;
  /** Wall-clock ms (compared with the processes' creation times). */
  readonly now: () => number;
  readonly delay: (ms: number) => Promise<void>;
}

const systemDeps: WindowsKillerDeps = {
  run: runCommand,
  readTable: readProcessTable,
  isAlive: pidExists,
  now: () => Date.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

/** How long the leftovers of a tree get to disappear after taskkill /F. */
const LEFTOVER_WAIT_MS = 2000;

/** A Killer built on taskkill and the process table. */
export function createWindowsKiller(deps: WindowsKillerDeps = systemDeps): Killer {
  const taskkill = (pids: readonly number[], force: boolean) => deps.run(windowsToolPath('taskkill.exe'), taskkillArgs(pids, force));
  return {
    signal(pid, signal) {
      void taskkill([pid], signal === 'SIGKILL');
    },
    async killLeftovers(leader) {
      const goneAtMs = deps.now();
      const pids = descendantsOf(await deps.readTable(), leader.pid, { notBeforeMs: leader.spawnedAtMs, notAfterMs: goneAtMs });
      if (pids.length === 0) return;
      await taskkill(pids, true);
      for (let waited = 0; waited < LEFTOVER_WAIT_MS && pids.some((pid) => deps.isAlive(pid)); waited += 10) await deps.delay(10);
    },
  };
}
