// Who is left in a process group, and waiting for them to go. On Linux the group's members are
// read from /proc (field 5, pgrp), ignoring zombies, which a container's pid 1 may never reap;
// elsewhere `kill(-pgid, 0)` answers for the group as a whole.
import { readFile, readdir } from 'node:fs/promises';
import { isProcessAlive, isProcessGroupAlive, parseProcStatState } from '../runs/index.ts';

/** Pids of the living (non-zombie) members of group `pgid`; on non-Linux `[pgid]` or `[]`. */
export async function livingGroupMembers(pgid: number): Promise<number[]> {
  if (process.platform !== 'linux') return isProcessGroupAlive(pgid) ? [pgid] : [];
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  const members = await Promise.all(
    pids.map(async (name) => {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
      if (stat === null || parseProcStatState(stat) === 'Z') return null;
      const pgrp = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2];
      return pgrp === String(pgid) ? Number(name) : null;
    }),
  );
  return members.filter((pid) => pid !== null);
}

/** Polls until `pid` and every member of `pgid` are gone; false when `timeoutMs` passed first. */
export async function waitUntilGone(pid: number | null, pgid: number | null, timeoutMs: number, isAlive: (pid: number) => Promise<boolean> = isProcessAlive): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pidAlive = pid !== null && (await isAlive(pid));
    const groupAlive = pgid !== null && (await livingGroupMembers(pgid)).length > 0;
    if (!pidAlive && !groupAlive) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
