// The run records of a state dir (DESIGN §7): for every start of a service, its pid, pgid, the
// process start time (pid-reuse guard for the reaper), start/end, exit, reason, restart count and
// the previous run. New records go to the service's journal (run-journal.ts, journal-writer.ts);
// the one-folder-per-run layout of earlier versions (runs/<service>/<run-id>/run-info.json) is
// still read, reaped and collected, never written. Reading validates with zod and skips a corrupt
// record with a warning instead of failing.
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RunRecord } from '../control/contract-core.ts';
import { BerthError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { silentLogger } from '../logging/logger.ts';
import type { Logger } from '../logging/logger.ts';
import { pidExists } from '../process/process-alive.ts';
import { acquireJournalWriter, releaseJournalWriter, type JournalWriter } from './journal-writer.ts';
import { readProcessStartTicks } from './process-info.ts';
import { createRunId, isRunId } from './run-id.ts';
import { compareSegments, foldRuns, journalLine, parseSegment, segmentWriterPid, type ParsedSegment } from './run-journal.ts';

/** File name of a run record inside its run folder (the layout of earlier versions). */
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

/** The records as stored: an earlier version's run folders and the journal segments. */
interface StoredRuns {
  /** Run id → its legacy folder. */
  readonly folders: Map<string, string>;
  /** The segments, oldest first, each with what it holds. */
  readonly segments: Array<{ readonly name: string } & ParsedSegment>;
  /** Each run's latest record (journal lines supersede a legacy folder's record). */
  readonly records: Map<string, RunRecord>;
}

/** What `remove` did: the runs taken out, by their logical path runs/<service>/<run-id>. */
export interface RemovedRuns {
  readonly removed: string[];
  /** Runs asked for that have a line in a segment a live supervisor may still append to. */
  readonly kept: number;
}

/** Creates, updates, lists and removes the run records under one runs/ folder. */
export class RunRecorder {
  readonly runsDir: string;
  private readonly logger: Logger;
  private readonly supervisorPid: number;
  private readonly now: () => Date;
  /** Taken at the first write (a recorder that only reads holds nothing). */
  private writer: JournalWriter | null = null;

  constructor(runsDir: string, options: { logger?: Logger; supervisorPid?: number; now?: () => Date } = {}) {
    this.runsDir = runsDir;
    this.logger = options.logger ?? silentLogger;
    this.supervisorPid = options.supervisorPid ?? process.pid;
    this.now = options.now ?? (() => new Date());
  }

  /** Records a run that just started (status running); call right after spawn. */
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
    return this.write(record);
  }

  /** Records how a run ended (status exited). */
  finish(record: RunRecord, end: RunEnd): Promise<RunRecord> {
    return Promise.resolve(this.write({ ...record, ...end, status: 'exited', endedAt: this.now().toISOString() }));
  }

  /** Records that a run's leftovers were killed by the reaper (status reaped). */
  markReaped(record: RunRecord, end: { reason: string; signal?: string | null }): Promise<RunRecord> {
    return Promise.resolve(this.write({ ...record, status: 'reaped', signal: end.signal ?? 'SIGKILL', reason: end.reason, endedAt: this.now().toISOString() }));
  }

  /** Syncs what this recorder wrote and lets go of the journal (a later write takes it again). */
  async close(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    if (writer !== null) await releaseJournalWriter(writer);
  }

  /** Every valid record of a service, newest first. */
  async list(service: string): Promise<RunRecord[]> {
    checkName(service);
    return newestFirst([...(await this.read()).records.values()].filter((record) => record.service === service));
  }

  /** Names of the services that have records. */
  async services(): Promise<string[]> {
    return [...new Set([...(await this.read()).records.values()].map((record) => record.service))].sort();
  }

  /** Every valid record of every service (per service newest first). */
  async listAll(): Promise<RunRecord[]> {
    const records = newestFirst([...(await this.read()).records.values()]);
    return records.sort((a, b) => a.service.localeCompare(b.service));
  }

  /**
   * Removes these runs (`berth gc`): a legacy run's folder, and its lines from every segment no
   * live supervisor may append to — one whose writer is gone, or that its writer has moved on
   * from. A segment left empty is deleted; one that keeps lines is rewritten atomically. A run
   * with a line in a segment still being written is kept (and counted).
   */
  async remove(runIds: ReadonlySet<string>, options: { dryRun?: boolean } = {}): Promise<RemovedRuns> {
    const stored = await this.read();
    const open = openSegments(stored.segments.map((segment) => segment.name));
    const blocked = new Set(stored.segments.filter((segment) => open.has(segment.name)).flatMap((segment) => segment.records.map((record) => record.runId).filter((runId) => runIds.has(runId))));
    const removable = [...runIds].filter((runId) => !blocked.has(runId) && stored.records.has(runId));
    if (!options.dryRun) {
      const gone = new Set(removable);
      for (const runId of removable) {
        const folder = stored.folders.get(runId);
        if (folder !== undefined) await rm(folder, { recursive: true, force: true });
      }
      for (const { name, records, bad } of stored.segments) {
        if (open.has(name)) continue;
        const left = records.filter((record) => !gone.has(record.runId));
        if (left.length === records.length) continue;
        const path = join(this.runsDir, name);
        if (left.length === 0 && bad === 0) await rm(path, { force: true });
        else await writeFileAtomic(path, left.map(journalLine).join(''));
      }
    }
    const pathOf = (runId: string) => join(this.runsDir, stored.records.get(runId)?.service ?? '', runId);
    return { removed: removable.map(pathOf).sort(), kept: blocked.size };
  }

  private async read(): Promise<StoredRuns> {
    const entries = await readdir(this.runsDir, { withFileTypes: true }).catch(() => []);
    const names = entries.filter((entry) => entry.isFile() && segmentWriterPid(entry.name) !== null).map((entry) => entry.name).sort(compareSegments);
    const folders = new Map<string, string>();
    for (const entry of entries.filter((item) => item.isDirectory() && SAFE_NAME.test(item.name))) {
      const runIds = await readdir(join(this.runsDir, entry.name)).catch(() => [] as string[]);
      for (const runId of runIds.filter(isRunId)) folders.set(runId, join(this.runsDir, entry.name, runId));
    }
    const legacy = await Promise.all([...folders].sort(([a], [b]) => a.localeCompare(b)).map(([, folder]) => readRunRecord(join(folder, RUN_INFO_FILE), this.logger)));
    const segments = await Promise.all(names.map(async (name) => ({ name, ...parseSegment(await readFile(join(this.runsDir, name), 'utf8').catch(() => '')) })));
    const lines: RunRecord[] = legacy.filter((record) => record !== null);
    for (const { name, records, bad } of segments) {
      if (bad > 0) this.logger.warn('run journal lines are not valid records; skipped', { file: join(this.runsDir, name), lines: bad });
      lines.push(...records.filter((record) => SAFE_NAME.test(record.service) && SAFE_NAME.test(record.runId)));
    }
    return { folders, segments, records: foldRuns(lines) };
  }

  private write(record: RunRecord): RunRecord {
    this.writer ??= acquireJournalWriter(this.runsDir);
    this.writer.append(record);
    return record;
  }
}

function newestFirst(records: RunRecord[]): RunRecord[] {
  return records.sort((a, b) => b.runId.localeCompare(a.runId));
}

/**
 * The segments a live supervisor may still append to: for each writer pid, its newest segment,
 * unless that writer is gone (this process's own are live: its pid exists).
 */
function openSegments(segments: readonly string[]): Set<string> {
  const newest = new Map<number, string>();
  for (const name of segments) {
    const pid = segmentWriterPid(name);
    if (pid !== null) newest.set(pid, name); // segments come oldest first
  }
  return new Set([...newest].filter(([pid]) => pidExists(pid)).map(([, name]) => name));
}

function checkName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new BerthError('INTERNAL', `not a usable run record name: ${JSON.stringify(name)}`);
  return name;
}
