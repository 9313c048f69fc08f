import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../logging/logger.ts';
import { parseProcStatStartTicks, parseProcStatState, readProcessStartTicks } from './process-info.ts';
import { JournalWriter } from './journal-writer.ts';
import { recordStart, writeLegacyRecord } from './run-records.test-helper.ts';
import { createRunId, isRunId } from './run-id.ts';
import { compareSegments, JOURNAL_EXT, parseSegment, segmentFileName, segmentWriterPid } from './run-journal.ts';
import { RunRecorder } from './run-records.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-runs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A logger that remembers warnings. */
function recordingLogger(warnings: string[]): Logger {
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message: string, fields?: LogFields) => warnings.push(`${message} ${String(fields?.file ?? '')}`),
    error() {},
    child: () => logger,
  };
  return logger;
}

const STAT = '1234 (we ird) (name) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 12345678 100 ...';

describe('process info parsing', () => {
  it('reads field 22 even when the command name holds spaces and parentheses', () => {
    expect(parseProcStatStartTicks(STAT)).toBe('987654');
    expect(parseProcStatState(STAT)).toBe('S');
    expect(parseProcStatStartTicks('1 (x) S 1')).toBeNull();
  });

  it('run ids sort by time', () => {
    const early = createRunId(new Date('2026-11-25T15:30:12.123Z'), 'ffff');
    const late = createRunId(new Date('2026-11-25T15:30:12.124Z'), '0000');
    expect(early).toBe('20261125T153012.123Z-ffff');
    expect([late, early].sort()).toEqual([early, late]);
    expect(isRunId(early)).toBe(true);
    expect(isRunId('../etc')).toBe(false);
  });
});

describe('RunRecorder', () => {
  it('journals a real process start and end, lists newest first, skips what is not a record', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore', detached: true });
    try {
      const pid = child.pid ?? -1;
      let clock = Date.UTC(2026, 10, 25, 15, 30, 0);
      // (Closed in the test's course; a recorder that stays open holds the journal's fd.)
      const runsDir = join(dir, 'runs');
      const recorder = new RunRecorder(runsDir, { now: () => new Date((clock += 1000)) });
      const first = await recorder.start({ service: 'api', pid, pgid: pid, restartCount: 0, previousRunId: null });
      if (process.platform === 'linux') expect(first.processStartTicks).toMatch(/^\d+$/);
      expect(first.processStartTicks).toBe(await readProcessStartTicks(pid));
      expect(first).toMatchObject({ status: 'running', supervisorPid: process.pid, endedAt: null });
      // Appended in the same turn: a reader (the next supervisor's reaper) sees it at once.
      const [segment = ''] = (await readdir(runsDir)).filter((name) => name.endsWith(JOURNAL_EXT));
      expect(segmentWriterPid(segment)).toBe(process.pid);
      expect(parseSegment(await readFile(join(runsDir, segment), 'utf8')).records).toEqual([first]);

      const ended = await recorder.finish(first, { exitCode: null, signal: 'SIGKILL', reason: 'killed' });
      const second = await recorder.start({ service: 'api', pid, pgid: pid, restartCount: 1, previousRunId: first.runId });
      await recorder.close();
      // A torn last line (a power loss mid-append) and an earlier version's corrupt run folder.
      await appendFile(join(runsDir, segment), '{"runId": "2026');
      await mkdir(join(runsDir, 'api', '20200101T000000.000Z-abcd'), { recursive: true });
      await writeFile(join(runsDir, 'api', '20200101T000000.000Z-abcd', 'run-info.json'), '{"runId": 3');

      const warnings: string[] = [];
      const listed = await new RunRecorder(runsDir, { logger: recordingLogger(warnings) }).list('api');
      expect(listed.map((record) => record.runId)).toEqual([second.runId, first.runId]);
      expect(listed[1]).toEqual(ended);
      expect(listed[1]).toMatchObject({ status: 'exited', signal: 'SIGKILL', endedAt: '2026-11-25T15:30:02.000Z' });
      expect(listed[0]?.previousRunId).toBe(first.runId);
      expect(warnings).toHaveLength(2);
      expect(await readdir(runsDir)).toEqual([segment, 'api']); // one segment (all services), the legacy folder: no temp files
      expect(await recorder.listAll()).toHaveLength(2);
      expect(await recorder.list('never-ran')).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('reads an earlier version’s run folders, and its reaped record supersedes the folder’s', async () => {
    const runsDir = join(dir, 'runs');
    const legacy = await recordStart(join(dir, 'scratch'), 1, { service: 'db' });
    await writeLegacyRecord(runsDir, legacy);
    const recorder = new RunRecorder(runsDir);
    expect(await recorder.list('db')).toEqual([legacy]);
    const reaped = await recorder.markReaped(legacy, { reason: 'supervisor died' });
    expect(reaped).toMatchObject({ status: 'reaped', signal: 'SIGKILL', reason: 'supervisor died' });
    expect(await recorder.list('db')).toEqual([reaped]);
    await recorder.close();
    await expect(recorder.start({ service: '../x', pid: null, pgid: null, restartCount: 0, previousRunId: null })).rejects.toThrow(/run record name/);
  });

  it('removes runs from segments no live writer appends to, keeps the lines of one that may', async () => {
    const runsDir = join(dir, 'runs');
    const dead = await deadPid();
    // A dead supervisor's segment (crafted: its writer pid is in the name) with two runs, one of them a legacy folder too.
    const ended = { status: 'exited', endedAt: new Date().toISOString(), exitCode: 0 } as const;
    const old = { ...(await recordStart(join(dir, 'scratch'), dead, { service: 'api' })), ...ended };
    const kept = { ...(await recordStart(join(dir, 'scratch'), dead, { service: 'api', restartCount: 1, previousRunId: old.runId })), ...ended };
    const legacyFolder = await writeLegacyRecord(runsDir, old);
    const deadSegment = join(runsDir, segmentFileName(new Date('2026-01-01T00:00:00Z'), dead, 0));
    await writeFile(deadSegment, [old, kept].map((record) => `${JSON.stringify(record)}\n`).join(''));
    // This process's segment (live) with a third run.
    const recorder = new RunRecorder(runsDir);
    const live = await recorder.finish(await recorder.start({ service: 'api', pid: null, pgid: null, restartCount: 2, previousRunId: kept.runId }), { exitCode: 0, signal: null, reason: null });

    const dry = await recorder.remove(new Set([old.runId, live.runId]), { dryRun: true });
    expect(dry).toEqual({ removed: [join(runsDir, 'api', old.runId)], kept: 1 });
    expect(await recorder.list('api')).toHaveLength(3);

    expect(await recorder.remove(new Set([old.runId, live.runId]))).toEqual(dry);
    expect((await recorder.list('api')).map((record) => record.runId)).toEqual([live.runId, kept.runId]);
    expect(parseSegment(await readFile(deadSegment, 'utf8')).records).toEqual([kept]);
    await expect(readdir(legacyFolder)).rejects.toThrow(/ENOENT/);
    // The last run of a dead segment goes, and the segment with it.
    await recorder.remove(new Set([kept.runId]));
    await expect(readFile(deadSegment)).rejects.toThrow(/ENOENT/);
    await recorder.close();
  });

  it('opens a new segment after SEGMENT_LINES lines, so a long-lived supervisor’s older records can be collected', async () => {
    const writer = new JournalWriter(join(dir, 'runs'), { segmentLines: 2 });
    for (let index = 0; index < 5; index++) writer.append(await recordStart(join(dir, 'scratch'), process.pid, { service: 'api', restartCount: index }));
    await writer.close();
    const segments = (await readdir(join(dir, 'runs'))).sort(compareSegments);
    expect(segments).toHaveLength(3);
    const counts = await Promise.all(segments.map(async (name) => parseSegment(await readFile(join(dir, 'runs', name), 'utf8')).records.length));
    expect(counts).toEqual([2, 2, 1]);
  });
});

/** A pid no process has (a child that has exited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}
