// What to do with a run record left "running" by an earlier supervisor (pure). A process is
// killed only when its pid AND start time still match the record, so a reused pid is never hit.

/** What the OS says now about a record's processes. */
export interface OrphanFacts {
  recordPid: number | null;
  recordPgid: number | null;
  recordTicks: string | null;
  supervisorPid: number;
  ownPid: number;
  supervisorAlive: boolean;
  pidAlive: boolean;
  /** Start time of the live process now holding recordPid (null = unknown or gone). */
  currentTicks: string | null;
  /** A live, non-zombie process is still in group recordPgid. */
  groupAlive: boolean;
  /** The process whose pid equals recordPgid is alive (then the group id may belong to someone else). */
  groupLeaderAlive: boolean;
}

/** The reaper's verdict for one record. */
export type OrphanVerdict =
  | { action: 'skip'; why: string }
  | { action: 'kill-group'; target: number; reason: string }
  | { action: 'mark-exited'; reason: string };

/** Decides how to treat one "running" record (pure). */
export function decideOrphan(facts: OrphanFacts): OrphanVerdict {
  if (facts.supervisorPid === facts.ownPid) return { action: 'skip', why: 'recorded by this supervisor' };
  if (facts.supervisorAlive) return { action: 'skip', why: `its supervisor (pid ${facts.supervisorPid}) is still alive` };
  if (facts.recordPid === null) return { action: 'mark-exited', reason: 'supervisor died' };
  const target = facts.recordPgid === null ? facts.recordPid : -facts.recordPgid;
  if (facts.pidAlive) {
    if (facts.recordTicks === null || facts.currentTicks === null) {
      return { action: 'mark-exited', reason: `supervisor died; pid ${facts.recordPid} is alive but its start time cannot be checked here, so it was left alone` };
    }
    if (facts.recordTicks !== facts.currentTicks) {
      return { action: 'mark-exited', reason: `supervisor died; pid ${facts.recordPid} now belongs to another process (start time differs), not killed` };
    }
    return { action: 'kill-group', target, reason: `supervisor died; process ${facts.recordPgid === null ? 'tree' : 'group'} killed on the next start` };
  }
  // The leader is gone. While no process has the group's id as pid, no new group can take that
  // id, so living members are leftovers of this run (a grandchild that outlived its parent).
  if (facts.recordPgid !== null && facts.groupAlive && !facts.groupLeaderAlive) {
    return { action: 'kill-group', target: -facts.recordPgid, reason: 'supervisor died; leftover processes of the group killed on the next start' };
  }
  return { action: 'mark-exited', reason: 'supervisor died' };
}
