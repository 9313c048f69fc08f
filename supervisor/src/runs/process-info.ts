// What the OS says about a pid: alive or not, and when it started. The start time is what tells
// our child from an unrelated process that got the same pid later (pid reuse).
// Linux: /proc/<pid>/stat field 22 (starttime, in clock ticks since boot). macOS: `ps -o lstart=`
// (second resolution; enough, since a pid is not reused within a second in practice).
// Elsewhere: null, and callers treat an unverifiable pid as "not ours".
import { pidExists } from '../process/process-alive.ts';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Field 22 (starttime) of a /proc/<pid>/stat line (pure); the comm field may hold spaces and ")". */
export function parseProcStatStartTicks(stat: string): string | null {
  const afterComm = stat.slice(stat.lastIndexOf(')') + 2);
  const fields = afterComm.split(' '); // fields[0] is field 3 (state)
  const ticks = fields[22 - 3];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : null;
}

/** The process state letter of a /proc/<pid>/stat line (pure): "R", "S", "Z"… */
export function parseProcStatState(stat: string): string | null {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
}

/**
 * /proc/<pid>/stat (Linux), null when the process is gone. Synchronous on purpose: procfs is
 * generated in memory and never waits on a disk, and this runs at every service start, where
 * fs/promises' readFile of a size-0 /proc file costs four thread-pool round trips and a 64 KiB
 * buffer (≈ 0.7 ms of loop per start in a CPU profile of a 200-service start, which inflates it;
 * no wall-time change was measurable on its own, issue 9).
 */
function readProcStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
}

/** The start time of `pid` as the OS reports it, or null (gone, or not knowable here). */
export async function readProcessStartTicks(pid: number, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform === 'linux') {
    const stat = readProcStat(pid);
    return stat === null ? null : parseProcStatStartTicks(stat);
  }
  if (platform === 'darwin') {
    return new Promise((resolve) => {
      execFile('ps', ['-o', 'lstart=', '-p', String(pid)], (error, stdout) => resolve(error ? null : stdout.trim() || null));
    });
  }
  return null;
}

/** True while `pid` exists and is not a zombie (EPERM = exists, owned by someone else). */
export async function isProcessAlive(pid: number): Promise<boolean> {
  if (!pidExists(pid)) return false;
  if (process.platform !== 'linux') return true;
  const stat = readProcStat(pid);
  return stat !== null && parseProcStatState(stat) !== 'Z';
}

/** True while any process is left in process group `pgid`. */
export { isGroupAlive as isProcessGroupAlive } from '../process/process-alive.ts';
