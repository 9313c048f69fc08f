// Start-up step "reap orphans of a crashed previous run" (DESIGN §2): every run record still
// marked running by a supervisor that is gone is settled. Processes that provably are that run's
// (pid and start time match) lose their whole group to SIGKILL (their tree to `taskkill /T /F` on
// Windows) and the record says `reaped`; otherwise the record says `exited`, reason "supervisor
// died". Never throws for one bad record.
import type { RunRecord } from '../control/contract.ts';
import type { Logger } from '../logging/logger.ts';
import { systemKiller } from '../process/seam.ts';
import { RunRecorder, systemProcessInfo, type ProcessInfo } from '../runs/index.ts';
import { decideOrphan } from './decide-orphan.ts';
import type { OrphanFacts } from './decide-orphan.ts';
import { livingGroupMembers, waitUntilGone } from './process-group.ts';

/** Inputs of the reaper. */
export interface ReapOptions {
  runsDir: string;
  logger: Logger;
  /** This supervisor's pid: its own records are never touched (default process.pid). */
  ownPid?: number;
  /** How long to wait for a killed group to disappear (default 5 s). */
  waitMs?: number;
  /** What the OS says about pids (default: this machine). */
  processInfo?: ProcessInfo;
  /** Kills a verdict's target: -pgid (a group) or a pid (with its tree on Windows). */
  kill?: (target: number) => void;
}

/** SIGKILL to a group (negative target) or a pid on POSIX; `taskkill /PID n /T /F` on Windows. */
function killTarget(target: number): void {
  if (process.platform === 'win32') return systemKiller.signal(Math.abs(target), 'SIGKILL');
  try {
    process.kill(target, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Settles the records of dead supervisors; returns the records it updated. */
export async function reapOrphans(options: ReapOptions): Promise<RunRecord[]> {
  const logger = options.logger.child({ concern: 'reap' });
  const recorder = new RunRecorder(options.runsDir, { logger });
  const running = (await recorder.listAll()).filter((record) => record.status === 'running');
  const updated: RunRecord[] = [];
  for (const record of running) {
    try {
      const result = await settle(record, recorder, logger, options);
      if (result) updated.push(result);
    } catch (error) {
      logger.error('could not settle an orphaned run record', { service: record.service, runId: record.runId, error: (error as Error).message });
    }
  }
  await recorder.close();
  return updated;
}

async function settle(record: RunRecord, recorder: RunRecorder, logger: Logger, options: ReapOptions): Promise<RunRecord | null> {
  const info = options.processInfo ?? systemProcessInfo;
  const verdict = decideOrphan(await gatherFacts(record, options.ownPid ?? process.pid, info));
  const fields = { service: record.service, runId: record.runId, pid: record.pid, pgid: record.pgid };
  if (verdict.action === 'skip') {
    if (record.supervisorPid !== (options.ownPid ?? process.pid)) logger.warn(`run record left as running: ${verdict.why}`, fields);
    return null;
  }
  if (verdict.action === 'mark-exited') {
    logger.info(`orphaned run record closed: ${verdict.reason}`, fields);
    return recorder.finish(record, { exitCode: null, signal: null, reason: verdict.reason });
  }
  (options.kill ?? killTarget)(verdict.target);
  const gone = await waitUntilGone(record.pid, record.pgid, options.waitMs ?? 5000, info.isAlive);
  if (gone) logger.warn('killed the leftover processes of a run whose supervisor died', fields);
  else logger.error('leftover processes still alive after SIGKILL', fields);
  return recorder.markReaped(record, { reason: gone ? verdict.reason : `${verdict.reason} (some processes still alive after SIGKILL)`, signal: 'SIGKILL' });
}

async function gatherFacts(record: RunRecord, ownPid: number, info: ProcessInfo): Promise<OrphanFacts> {
  const pidAlive = record.pid !== null && (await info.isAlive(record.pid));
  return {
    recordPid: record.pid,
    recordPgid: record.pgid,
    recordTicks: record.processStartTicks,
    supervisorPid: record.supervisorPid,
    ownPid,
    supervisorAlive: record.supervisorPid !== ownPid && (await info.isAlive(record.supervisorPid)),
    pidAlive,
    currentTicks: pidAlive && record.pid !== null ? await info.startTime(record.pid) : null,
    groupAlive: record.pgid !== null && (await livingGroupMembers(record.pgid)).length > 0,
    groupLeaderAlive: record.pgid !== null && (record.pgid === record.pid ? pidAlive : await info.isAlive(record.pgid)),
  };
}
