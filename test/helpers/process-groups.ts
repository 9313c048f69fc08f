// Tracks every process group and pid a test's supervisor ever reported, and checks — never assumes —
// that none of them is left once the test is over. Linux /proc is read to tell a zombie (dead, only
// waiting to be reaped by init) from a living process.
import { readdirSync, readFileSync } from 'node:fs';

/** One process still alive after a test: what it was and how it showed up. */
export interface Leftover {
  readonly what: string;
  readonly pids: number[];
}

interface ProcInfo {
  readonly pid: number;
  readonly pgid: number;
  readonly state: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', pgid: Number(fields[2]) };
  } catch {
    return null;
  }
}

function groupMembers(pgid: number): ProcInfo[] {
  const members: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(Number(entry));
    if (info !== null && info.pgid === pgid) members.push(info);
  }
  return members;
}

/** Living (non-zombie) members of the group; `kill(-pgid, 0)` first (ESRCH = none), then /proc. */
export function livingGroupMembers(pgid: number): number[] {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return [];
  }
  if (process.platform !== 'linux') return [pgid];
  return groupMembers(pgid)
    .filter((member) => member.state !== 'Z')
    .map((member) => member.pid);
}

/** True while `pid` exists and is not a zombie. */
export function isPidLiving(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (process.platform !== 'linux') return true;
  const info = readProc(pid);
  return info !== null && info.state !== 'Z';
}

/** The set of groups and pids seen during one test. */
export class ProcessTracker {
  private readonly groups = new Map<number, string>();
  private readonly pids = new Map<number, string>();

  /** Remembers a process group (a service leads its own, so its pid is its pgid). */
  addGroup(pgid: number, what: string): void {
    if (pgid > 1 && pgid !== process.pid && !this.groups.has(pgid)) this.groups.set(pgid, what);
  }

  /** Remembers a single process (the supervisor, a grandchild a fixture reported). */
  addPid(pid: number, what: string): void {
    if (pid > 1 && pid !== process.pid && !this.pids.has(pid)) this.pids.set(pid, what);
  }

  /** Everything still living now. */
  leftovers(): Leftover[] {
    const left: Leftover[] = [];
    for (const [pgid, what] of this.groups) {
      const living = livingGroupMembers(pgid);
      if (living.length > 0) left.push({ what: `process group ${pgid} (${what})`, pids: living });
    }
    for (const [pid, what] of this.pids) if (isPidLiving(pid)) left.push({ what: `pid ${pid} (${what})`, pids: [pid] });
    return left;
  }

  /** Waits up to `graceMs` for every tracked process to be gone; returns what is still living. */
  async waitGone(graceMs: number): Promise<Leftover[]> {
    const deadline = Date.now() + graceMs;
    for (;;) {
      const left = this.leftovers();
      if (left.length === 0 || Date.now() >= deadline) return left;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** SIGKILLs whatever is left (clean-up after a failed test; the failure is reported separately). */
  killAll(): void {
    for (const pgid of this.groups.keys()) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const pid of this.pids.keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
