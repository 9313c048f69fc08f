// Process facts read from /proc: alive (zombies count as dead), memory (RSS, PSS, USS), children.
import { readFileSync, readdirSync } from 'node:fs';

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM), or NaN. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match?.[1] === undefined ? Number.NaN : Number(match[1]);
  } catch {
    return Number.NaN;
  }
}

/** Memory of a process or several (the unit is the function's: kB or MB). */
export interface Memory {
  /** Resident set: every resident page mapped, shared ones (the executable, libraries) in full. */
  readonly rss: number;
  /** Proportional set: each shared page divided by the number of processes mapping it. */
  readonly pss: number;
  /** Unique set: pages no other process maps (Private_Clean + Private_Dirty). */
  readonly uss: number;
}

/** Parses the text of a smaps_rollup file (kB; NaN for a missing field). Pure. */
export function parseSmapsRollup(text: string): Memory {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] === undefined ? Number.NaN : Number(match[1]);
  };
  return { rss: field('Rss'), pss: field('Pss'), uss: field('Private_Clean') + field('Private_Dirty') };
}

/** RSS, PSS and USS of a process in kB (NaN each when it cannot be read). */
export function memoryKb(pid: number): Memory {
  try {
    return parseSmapsRollup(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'));
  } catch {
    return { rss: Number.NaN, pss: Number.NaN, uss: Number.NaN };
  }
}

/** The memory of several processes added up, in MB (RSS counts shared pages once per process). */
export function totalMemoryMb(pids: readonly number[]): Memory {
  const each = pids.map(memoryKb);
  const sum = (key: keyof Memory) => each.reduce((total, memory) => total + memory[key], 0) / 1024;
  return { rss: sum('rss'), pss: sum('pss'), uss: sum('uss') };
}

/** The parent pid of a process, or null. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** The process name (comm) of a pid, or "". */
export function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
  } catch {
    return '';
  }
}

/** Direct children of a pid. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && parentOf(Number(entry)) === pid) children.push(Number(entry));
  }
  return children;
}

/** Resolves once every pid is gone (or rejects after timeoutMs); polls every pollMs. */
export async function waitAllGone(pids: readonly number[], timeoutMs: number, pollMs = 2): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let left = pids.filter(isAlive);
  while (left.length > 0) {
    if (performance.now() > deadline) throw new Error(`${left.length} process(es) still alive after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    left = left.filter(isAlive);
  }
}

/** Every descendant of a pid (children, grandchildren…). */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === null) continue;
    const list = parents.get(parent) ?? [];
    list.push(Number(entry));
    parents.set(parent, list);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() ?? 0;
    for (const child of parents.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
