// One run-info.json per start of a service (runs/<service>/<run-id>/run-info.json): pid, pgid,
// the process start time (pid-reuse guard for the reaper), start/end, exit, reason, restart
// count and the previous run. Every write is atomic; reading validates with zod and skips a
// corrupt file with a warning instead of failing.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RunRecord } from '../control/contract-core.ts';
import { BerthError } from '../errors.ts';
import { writeJsonAtomic } from '../fs/atomic-write.ts';
import { silentLogger } from '../logging/logger.ts';
import type { Logger } from '../logging/logger.ts';
import { readProcessStartTicks } from './process-info.ts';
import { createRunId, isRunId } from './run-id.ts';

/** File name of a run record inside its run folder. */
export const RUN_INFO_FILE = 'run-info.json';

/** What the runtime knows right after spawning a service. */
export interface RunStart {
  service: string;
  pid: number | null;
  pgid: number | null;
  restartCount: number;
  previousRunId: string | null;
}

/** How a run ended (`signal` as a name such as "SIGKILL"). */
export interface RunEnd {
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Reads and validates one run-info.json; null (and a warning) when missing or corrupt. */
export async function readRunRecord(file: string, logger: Logger = silentLogger): Promise<RunRecord | null> {
  try {
    const parsed = RunRecord.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
    logger.warn('run record is not valid; skipped', { file, problem: parsed.error.issues[0]?.message });
  } catch (error) {
    logger.warn('run record unreadable; skipped', { file, error: (error as Error).message });
  }
  return null;
}

/** Creates, updates and lists the run records under one runs/ folder. */
export class RunRecorder {
  readonly runsDir: string;
  private readonly logger: Logger;
  private readonly supervisorPid: number;
  private readonly now: () => Date;

  constructor(runsDir: string, options: { logger?: Logger; supervisorPid?: number; now?: () => Date } = {}) {
    this.runsDir = runsDir;
    this.logger = options.logger ?? silentLogger;
    this.supervisorPid = options.supervisorPid ?? process.pid;
    this.now = options.now ?? (() => new Date());
  }

  /** Writes the record of a run that just started (status running); call right after spawn. */
  async start(input: RunStart): Promise<RunRecord> {
    const startedAt = this.now();
    const record: RunRecord = {
      runId: createRunId(startedAt),
      service: checkName(input.service),
      pid: input.pid,
      pgid: input.pgid,
      processStartTicks: input.pid === null ? null : await readProcessStartTicks(input.pid),
      supervisorPid: this.supervisorPid,
      startedAt: startedAt.toISOString(),
      endedAt: null,
      status: 'running',
      exitCode: null,
      signal: null,
      reason: null,
      restartCount: input.restartCount,
      previousRunId: input.previousRunId,
    };
    await mkdir(this.dirOf(record), { recursive: true });
    await this.write(record);
    return record;
  }

  /** Records how a run ended (status exited). */
  finish(record: RunRecord, end: RunEnd): Promise<RunRecord> {
    return this.write({ ...record, ...end, status: 'exited', endedAt: this.now().toISOString() });
  }

  /** Records that a run's leftovers were killed by the reaper (status reaped). */
  markReaped(record: RunRecord, end: { reason: string; signal?: string | null }): Promise<RunRecord> {
    return this.write({ ...record, status: 'reaped', signal: end.signal ?? 'SIGKILL', reason: end.reason, endedAt: this.now().toISOString() });
  }

  /** Every valid record of a service, newest first. */
  async list(service: string): Promise<RunRecord[]> {
    const serviceDir = join(this.runsDir, checkName(service));
    const names = (await readdir(serviceDir).catch(() => [] as string[])).filter(isRunId).sort().reverse();
    const records = await Promise.all(names.map((name) => readRunRecord(join(serviceDir, name, RUN_INFO_FILE), this.logger)));
    return records.filter((record) => record !== null);
  }

  /** Names of the services that have run folders. */
  async services(): Promise<string[]> {
    const entries = await readdir(this.runsDir, { withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isDirectory() && SAFE_NAME.test(entry.name)).map((entry) => entry.name).sort();
  }

  /** Every valid record of every service (per service newest first). */
  async listAll(): Promise<RunRecord[]> {
    const perService = await Promise.all((await this.services()).map((service) => this.list(service)));
    return perService.flat();
  }

  /** The folder of one run. */
  dirOf(record: Pick<RunRecord, 'service' | 'runId'>): string {
    return join(this.runsDir, checkName(record.service), checkName(record.runId));
  }

  private async write(record: RunRecord): Promise<RunRecord> {
    await writeJsonAtomic(join(this.dirOf(record), RUN_INFO_FILE), record);
    return record;
  }
}

function checkName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new BerthError('INTERNAL', `not a usable run folder name: ${JSON.stringify(name)}`);
  return name;
}
