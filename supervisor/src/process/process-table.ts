// Windows' process table as Berth reads it (pure): one PowerShell/CIM query lists every process
// with its parent and creation time, and these functions parse that JSON and walk a tree in it.
// The creation time is what tells our process from a later one that got the same pid.
//
// Windows PowerShell 5.1's ConvertTo-Json writes a CIM DateTime as "\/Date(<ms since epoch>)\/"
// (a Get-Date value, with its DisplayHint note, as { "value": "\/Date(…)\/", … }); PowerShell 7
// writes ISO 8601 with an offset. One process is written as an object, several as an array, none
// as nothing at all. The idle process (pid 0) has no creation time (null).
import { z } from 'zod';

/** One process as Win32_Process describes it. */
export interface WindowsProcessRow {
  readonly pid: number;
  readonly parentPid: number | null;
  /** Creation time, ISO 8601 UTC to the millisecond (the precision of PowerShell 5.1's JSON); null when unknown. */
  readonly createdAt: string | null;
}

/** The query: every process's id, parent id and creation time, as JSON. */
export const PROCESS_TABLE_SCRIPT = 'Get-CimInstance -ClassName Win32_Process | Select-Object ProcessId, ParentProcessId, CreationDate | ConvertTo-Json -Compress';

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/** A CreationDate as ConvertTo-Json wrote it, as ISO 8601 UTC (ms); null when absent or not a date. */
export function parseCimDate(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && 'value' in value) return parseCimDate(value.value);
  if (typeof value !== 'string') return null;
  const ms = MS_DATE.exec(value);
  const time = ms === null ? Date.parse(value) : Number(ms[1]);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

const Pid = z.number().int().min(0);
const Row = z.object({ ProcessId: Pid, ParentProcessId: Pid.nullish(), CreationDate: z.unknown() });

/** The rows of the query's output; rows that are not a process are skipped, unparsable output is []. */
export function parseProcessTable(stdout: string): WindowsProcessRow[] {
  const text = stdout.trim();
  if (text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).flatMap((item) => {
    const row = Row.safeParse(item);
    return row.success ? [{ pid: row.data.ProcessId, parentPid: row.data.ParentProcessId ?? null, createdAt: parseCimDate(row.data.CreationDate) }] : [];
  });
}

/** When the root lived: its children are processes created in this window with its pid as parent. */
export interface RootWindow {
  readonly notBeforeMs: number;
  /** When it was seen gone (a child cannot be created after its parent died); null when unknown. */
  readonly notAfterMs: number | null;
}

/**
 * Pids descended from `rootPid` (not the root itself): its children created within `window`, then
 * theirs, each created no earlier than its parent. A process keeps its parent's pid after that
 * parent died, so a creation time before the parent's means the pid was reused: not followed.
 */
export function descendantsOf(rows: readonly WindowsProcessRow[], rootPid: number, window: RootWindow): number[] {
  const found: number[] = [];
  const seen = new Set<number>([rootPid]);
  const inWindow = (ms: number) => ms >= window.notBeforeMs && (window.notAfterMs === null || ms <= window.notAfterMs);
  let level: Array<{ pid: number; createdMs: number | null }> = [{ pid: rootPid, createdMs: null }];
  while (level.length > 0) {
    const next: Array<{ pid: number; createdMs: number }> = [];
    for (const parent of level) {
      for (const row of rows) {
        if (row.parentPid !== parent.pid || row.createdAt === null || seen.has(row.pid)) continue;
        const createdMs = Date.parse(row.createdAt);
        if (parent.createdMs === null ? !inWindow(createdMs) : createdMs < parent.createdMs) continue;
        seen.add(row.pid);
        found.push(row.pid);
        next.push({ pid: row.pid, createdMs });
      }
    }
    level = next;
  }
  return found;
}
