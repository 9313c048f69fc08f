import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../logging/logger.ts';
import { parseProcStatStartTicks, parseProcStatState, readProcessStartTicks } from './process-info.ts';
import { createRunId, isRunId } from './run-id.ts';
import { RunRecorder, readRunRecord } from './run-records.ts';

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
  it('records a real process start and end atomically, lists newest first, skips corrupt files', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore', detached: true });
    try {
      const pid = child.pid ?? -1;
      let clock = Date.UTC(2026, 10, 25, 15, 30, 0);
      const recorder = new RunRecorder(join(dir, 'runs'), { now: () => new Date((clock += 1000)) });
      const first = await recorder.start({ service: 'api', pid, pgid: pid, restartCount: 0, previousRunId: null });
      if (process.platform === 'linux') expect(first.processStartTicks).toMatch(/^\d+$/);
      expect(first.processStartTicks).toBe(await readProcessStartTicks(pid));
      expect(first).toMatchObject({ status: 'running', supervisorPid: process.pid, endedAt: null });
      const ended = await recorder.finish(first, { exitCode: null, signal: 'SIGKILL', reason: 'killed' });
      const second = await recorder.start({ service: 'api', pid, pgid: pid, restartCount: 1, previousRunId: first.runId });

      await mkdir(join(dir, 'runs', 'api', '20200101T000000.000Z-abcd'));
      await writeFile(join(dir, 'runs', 'api', '20200101T000000.000Z-abcd', 'run-info.json'), '{"runId": 3');
      const warnings: string[] = [];
      const listed = await new RunRecorder(join(dir, 'runs'), { logger: recordingLogger(warnings) }).list('api');
      expect(listed.map((record) => record.runId)).toEqual([second.runId, first.runId]);
      expect(listed[1]).toEqual(ended);
      expect(listed[1]).toMatchObject({ status: 'exited', signal: 'SIGKILL', endedAt: '2026-11-25T15:30:02.000Z' });
      expect(listed[0]?.previousRunId).toBe(first.runId);
      expect(warnings).toHaveLength(1);
      expect(await readdir(recorder.dirOf(first))).toEqual(['run-info.json']); // no temp files left
      expect(await recorder.listAll()).toHaveLength(2);
      expect(await recorder.list('never-ran')).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('marks a record reaped and refuses unsafe service names', async () => {
    const recorder = new RunRecorder(join(dir, 'runs'));
    const record = await recorder.start({ service: 'db', pid: null, pgid: null, restartCount: 0, previousRunId: null });
    const reaped = await recorder.markReaped(record, { reason: 'supervisor died' });
    expect(await readRunRecord(join(recorder.dirOf(record), 'run-info.json'))).toEqual(reaped);
    expect(reaped).toMatchObject({ status: 'reaped', signal: 'SIGKILL', reason: 'supervisor died' });
    await expect(recorder.start({ service: '../x', pid: null, pgid: null, restartCount: 0, previousRunId: null })).rejects.toThrow(/run folder name/);
  });
});
