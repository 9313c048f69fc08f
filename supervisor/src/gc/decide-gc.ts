// Which run records `berth gc` may remove (pure). A record goes only when it ended before the
// cutoff; never while it says running or the live supervisor reports its run as current; with
// keepFailed, never a failure (non-zero exit, a signal, or reaped).
import type { RunRecord } from '../control/contract.ts';

/** The rules of one gc pass. */
export interface GcRules {
  /** Records that ended before this time (ms since epoch) are old enough. */
  cutoffMs: number;
  keepFailed: boolean;
  isRunning?: (service: string, runId: string) => boolean;
}

/** True for a run that failed: non-zero exit code, ended by a signal, or reaped. */
export function isFailedRun(record: RunRecord): boolean {
  return record.status === 'reaped' || record.signal !== null || (record.exitCode !== null && record.exitCode !== 0);
}

/** Whether gc removes this record, and why not when it keeps it (pure). */
export function decideGcRecord(record: RunRecord, rules: GcRules): { remove: true } | { remove: false; why: string } {
  if (record.status === 'running') return { remove: false, why: 'still running' };
  if (rules.isRunning?.(record.service, record.runId) === true) return { remove: false, why: 'current run of a running service' };
  const endedMs = record.endedAt === null ? Number.NaN : Date.parse(record.endedAt);
  if (Number.isNaN(endedMs)) return { remove: false, why: 'no end time' };
  if (endedMs >= rules.cutoffMs) return { remove: false, why: 'newer than the cutoff' };
  if (rules.keepFailed && isFailedRun(record)) return { remove: false, why: 'failed run kept (--keep-failed)' };
  return { remove: true };
}
