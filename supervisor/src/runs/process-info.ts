// What the OS says about a pid: alive or not, and when it started. The start time is what tells
// our child from an unrelated process that got the same pid later (pid reuse).
// Linux: /proc/<pid>/stat field 22 (starttime, in clock ticks since boot). macOS: `ps -o lstart=`
// (second resolution; enough, since a pid is not reused within a second in practice), one ps for
// the pids asked about within a few ms of each other. Windows: the creation time from one
// PowerShell/CIM query of the process table per batch (process/process-table.ts), ISO 8601 UTC.
// Elsewhere: null, and callers treat an unverifiable pid as "not ours".
import { pidExists } from '../process/process-alive.ts';
import { readProcessTable } from '../process/process-table-reader.ts';
import { execFile } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';

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

/** One buffer for every /proc/<pid>/stat read: the line is a few hundred bytes. */
const STAT_BUFFER = Buffer.alloc(4096);

/**
 * /proc/<pid>/stat (Linux), null when the process is gone. Synchronous on purpose: procfs is
 * generated in memory and never waits on a disk, and this runs at every service start, where
 * fs/promises' readFile of a size-0 /proc file costs four thread-pool round trips and a 64 KiB
 * buffer. open + one read + close into a buffer kept for it: readFileSync adds an fstat and a
 * buffer per call (≈ 0.1 ms a start).
 */
function readProcStat(pid: number): string | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return null;
  }
  try {
    const bytes = readSync(fd, STAT_BUFFER, 0, STAT_BUFFER.length, null);
    return STAT_BUFFER.toString('latin1', 0, bytes);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * `ps -o pid=,lstart=` output (pure): pid → its start time, as `ps -o lstart= -p <pid>` alone
 * prints it (the text after the pid, inner spacing kept: "Thu Nov  6 02:40:01 2026").
 */
export function parsePsStartTimes(stdout: string): Map<number, string> {
  const times = new Map<number, string>();
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\S.*?)\s*$/.exec(line);
    if (match !== null) times.set(Number(match[1]), match[2] as string);
  }
  return times;
}

/** Runs `ps` with these arguments and hands back its stdout ('' when it could not run). */
export type PsRunner = (args: readonly string[]) => Promise<string>;

const runPs: PsRunner = (args) =>
  new Promise((resolve) => {
    // ps exits 1 when some pid is gone; the others are still listed.
    execFile('ps', [...args], (_error, stdout) => resolve(typeof stdout === 'string' ? stdout : ''));
  });

/** Pids per `ps` call: far under any argument-length limit. */
const PS_BATCH = 256;

/** How long a pid waits for others to share its `ps`. */
export const PS_WINDOW_MS = 25;

/**
 * Start times through `ps` (macOS), one `ps` for every pid asked about within PS_WINDOW_MS of the
 * first: services are spawned one per turn of the event loop, 3–5 ms apart, so a level starting
 * 50 services forks ps ≈ 8 times, not 50 (each ps is a fork and exec the supervisor pays in CPU
 * while its services boot), and the reaper's checks at start-up share one. The start record
 * waits at most that long for its time.
 */
export function createPsStartTimes(run: PsRunner = runPs, windowMs = PS_WINDOW_MS): (pid: number) => Promise<string | null> {
  let pending = new Map<number, Array<(time: string | null) => void>>();
  const flush = () => {
    const batch = pending;
    pending = new Map();
    const pids = [...batch.keys()];
    for (let from = 0; from < pids.length; from += PS_BATCH) {
      const slice = pids.slice(from, from + PS_BATCH);
      void run(['-o', 'pid=,lstart=', '-p', slice.join(',')]).then((stdout) => {
        const times = parsePsStartTimes(stdout);
        for (const pid of slice) for (const resolve of batch.get(pid) ?? []) resolve(times.get(pid) ?? null);
      });
    }
  };
  return (pid) =>
    new Promise((resolve) => {
      if (pending.size === 0) setTimeout(flush, windowMs);
      const waiters = pending.get(pid);
      if (waiters === undefined) pending.set(pid, [resolve]);
      else waiters.push(resolve);
    });
}

const psStartTime = createPsStartTimes();

/** The start time of `pid` as the OS reports it, or null (gone, or not knowable here). */
export async function readProcessStartTicks(pid: number, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform === 'linux') {
    const stat = readProcStat(pid);
    return stat === null ? null : parseProcStatStartTicks(stat);
  }
  if (platform === 'darwin') return psStartTime(pid);
  if (platform === 'win32') return (await readProcessTable()).find((row) => row.pid === pid)?.createdAt ?? null;
  return null;
}

/** True while `pid` exists and is not a zombie (EPERM = exists, owned by someone else). */
export async function isProcessAlive(pid: number): Promise<boolean> {
  if (!pidExists(pid)) return false;
  if (process.platform !== 'linux') return true;
  const stat = readProcStat(pid);
  return stat !== null && parseProcStatState(stat) !== 'Z';
}

/** What the OS says about processes, as the reaper reads it (a fake in tests). */
export interface ProcessInfo {
  /** True while `pid` exists and is not a zombie. */
  isAlive(pid: number): Promise<boolean>;
  /** When `pid` started, as readProcessStartTicks reports it. */
  startTime(pid: number): Promise<string | null>;
}

/** This machine's answers. */
export const systemProcessInfo: ProcessInfo = { isAlive: (pid) => isProcessAlive(pid), startTime: (pid) => readProcessStartTicks(pid) };

/** True while any process is left in process group `pgid`. */
export { isGroupAlive as isProcessGroupAlive } from '../process/process-alive.ts';
