// Start-up step "reap orphans of a crashed previous run" (DESIGN §2): every run record still
// marked running by a supervisor that is gone is settled. Processes that provably are that run's
// (pid and start time match) lose their whole group to SIGKILL and the record says `reaped`;
// otherwise the record says `exited`, reason "supervisor died". Never throws for one bad record.
import type { RunRecord } from '../control/contract.ts';
import type { Logger } from '../logging/logger.ts';
import { RunRecorder, isProcessAlive, readProcessStartTicks } from '../runs/index.ts';
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
  return updated;
}

async function settle(record: RunRecord, recorder: RunRecorder, logger: Logger, options: ReapOptions): Promise<RunRecord | null> {
  const verdict = decideOrphan(await gatherFacts(record, options.ownPid ?? process.pid));
  const fields = { service: record.service, runId: record.runId, pid: record.pid, pgid: record.pgid };
  if (verdict.action === 'skip') {
    if (record.supervisorPid !== (options.ownPid ?? process.pid)) logger.warn(`run record left as running: ${verdict.why}`, fields);
    return null;
  }
  if (verdict.action === 'mark-exited') {
    logger.info(`orphaned run record closed: ${verdict.reason}`, fields);
    return recorder.finish(record, { exitCode: null, signal: null, reason: verdict.reason });
  }
  try {
    process.kill(verdict.target, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  const gone = await waitUntilGone(record.pid, record.pgid, options.waitMs ?? 5000);
  if (gone) logger.warn('killed the leftover processes of a run whose supervisor died', fields);
  else logger.error('leftover processes still alive after SIGKILL', fields);
  return recorder.markReaped(record, { reason: gone ? verdict.reason : `${verdict.reason} (some processes still alive after SIGKILL)`, signal: 'SIGKILL' });
}

async function gatherFacts(record: RunRecord, ownPid: number): Promise<OrphanFacts> {
  const pidAlive = record.pid !== null && (await isProcessAlive(record.pid));
  return {
    recordPid: record.pid,
    recordPgid: record.pgid,
    recordTicks: record.processStartTicks,
    supervisorPid: record.supervisorPid,
    ownPid,
    supervisorAlive: record.supervisorPid !== ownPid && (await isProcessAlive(record.supervisorPid)),
    pidAlive,
    currentTicks: pidAlive && record.pid !== null ? await readProcessStartTicks(record.pid) : null,
    groupAlive: record.pgid !== null && (await livingGroupMembers(record.pgid)).length > 0,
    groupLeaderAlive: record.pgid !== null && (record.pgid === record.pid ? pidAlive : await isProcessAlive(record.pgid)),
  };
}
