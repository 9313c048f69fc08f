import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGcCommand } from '../cli/commands/gc.ts';
import type { RunRecord } from '../control/contract.ts';
import { writeJsonAtomic } from '../fs/atomic-write.ts';
import { segmentFileName } from '../runs/run-journal.ts';
import { runGc } from './gc.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-gc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const BASE: Omit<RunRecord, 'runId' | 'service'> = { pid: 10, pgid: 10, processStartTicks: '1', supervisorPid: 9, startedAt: daysAgo(30), endedAt: daysAgo(30), status: 'exited', exitCode: 0, signal: null, reason: null, restartCount: 0, previousRunId: null };
/** A pid above Linux's pid_max (4194304): no process has it, so its segment's writer is gone. */
const DEAD_WRITER = 4_999_999;

/** Writes a crafted run record as an earlier version did (a run folder); returns the folder relative to the state dir. */
async function craft(service: string, runId: string, patch: Partial<RunRecord>): Promise<string> {
  const record: RunRecord = { ...BASE, runId, service, ...patch };
  await mkdir(join(dir, 'runs', service, runId), { recursive: true });
  await writeJsonAtomic(join(dir, 'runs', service, runId, 'run-info.json'), record);
  return join('runs', service, runId);
}

/** Writes crafted records as a journal segment of a supervisor that is gone; returns their logical paths. */
async function craftJournal(service: string, runIds: readonly string[]): Promise<string[]> {
  const lines = runIds.map((runId) => JSON.stringify({ ...BASE, runId, service, status: 'running', endedAt: null }) + '\n' + JSON.stringify({ ...BASE, runId, service }) + '\n');
  await mkdir(join(dir, 'runs'), { recursive: true });
  await writeFile(join(dir, 'runs', segmentFileName(new Date(NOW - 30 * DAY), DEAD_WRITER, 0)), lines.join(''));
  return runIds.map((runId) => join('runs', service, runId));
}

/** Creates a file with the given age (mtime). */
async function aged(relativePath: string, days: number): Promise<string> {
  const path = join(dir, relativePath);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, 'x\n');
  const when = new Date(NOW - days * DAY);
  await utimes(path, when, when);
  return relativePath;
}

/** A state dir with one of everything gc must judge; returns what a 7-day pass must remove. */
async function seed(): Promise<{ expected: string[]; failed: string }> {
  const oldOk = await craft('api', '20261026T000000.000Z-0001', {});
  const failed = await craft('api', '20261026T000000.000Z-0002', { exitCode: 1 });
  await craft('api', '20261124T000000.000Z-0003', { endedAt: daysAgo(1) });
  await craft('api', '20261026T000000.000Z-0004', { status: 'running', endedAt: null });
  await craft('db', '20261026T000000.000Z-0005', {}); // current run per isRunning below
  const onlyOld = await craft('old', '20261026T000000.000Z-0006', { status: 'reaped', signal: 'SIGKILL' });
  await mkdir(join(dir, 'runs', 'api', '20261026T000000.000Z-0007')); // unreadable record: kept
  await writeFile(join(dir, 'runs', 'api', '20261026T000000.000Z-0007', 'run-info.json'), '{');
  const journaled = await craftJournal('jr', ['20261026T000000.000Z-0008', '20261026T000000.000Z-0009']);
  const oldLog = await aged('logs/api.log.2', 10);
  await aged('logs/api.log.1', 2);
  await aged('logs/api.log', 30); // current file: never
  await aged('logs/supervisor.log.1', 30).then(() => undefined);
  const oldTelemetry = await aged('telemetry.jsonl.3', 9);
  await aged('telemetry.jsonl', 30);
  await aged('data/app.log.1', 30); // not gc's business
  return { expected: [oldOk, failed, onlyOld, ...journaled, oldLog, 'logs/supervisor.log.1', oldTelemetry].map((path) => join(dir, path)).sort(), failed: join(dir, failed) };
}

const isRunning = (service: string, runId: string) => service === 'db' && runId === '20261026T000000.000Z-0005';

describe('runGc', () => {
  it('dry run reports exactly what a real pass then removes', async () => {
    const { expected } = await seed();
    const dry = await runGc({ stateDir: dir, olderThanMs: 7 * DAY, dryRun: true, isRunning, now: NOW });
    expect([...dry.removed].sort()).toEqual(expected);
    expect(await readdir(join(dir, 'runs', 'old'))).toHaveLength(1); // nothing deleted

    const real = await runGc({ stateDir: dir, olderThanMs: 7 * DAY, isRunning, now: NOW });
    expect([...real.removed].sort()).toEqual(expected);
    expect(real.kept).toBe(dry.kept);
    expect((await readdir(join(dir, 'runs'))).sort()).toEqual(['api', 'db']); // empty service folder gone
    expect((await readdir(join(dir, 'runs', 'api'))).sort()).toEqual(['20261026T000000.000Z-0004', '20261026T000000.000Z-0007', '20261124T000000.000Z-0003']);
    expect((await readdir(join(dir, 'logs'))).sort()).toEqual(['api.log', 'api.log.1']);
    expect((await readdir(dir)).sort()).toEqual(['data', 'logs', 'runs', 'telemetry.jsonl']);
  });

  it('keeps failures with keepFailed', async () => {
    const { expected, failed } = await seed();
    const result = await runGc({ stateDir: dir, olderThanMs: 7 * DAY, keepFailed: true, isRunning, now: NOW });
    expect([...result.removed].sort()).toEqual(expected.filter((path) => path !== failed && !path.includes('-0006')));
  });
});

describe('berth gc command', () => {
  const io = () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const read = (stream: PassThrough) => () => String(stream.read() ?? '');
    return { io: { stdout, stderr, env: {}, cwd: dir }, out: read(stdout), err: read(stderr) };
  };

  it('refuses a bad duration naming the option, exit 2', async () => {
    const { io: streams, err } = io();
    expect(await runGcCommand({ stateDir: dir, olderThan: '7 days' }, streams)).toBe(2);
    expect(err()).toMatch(/--older-than: "7 days" is not a duration/);
  });

  it('prints JSON of what it removed', async () => {
    await aged('logs/api.log.1', 10);
    const { io: streams, out } = io();
    expect(await runGcCommand({ stateDir: dir, olderThan: '1d', json: true }, streams)).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ stateDir: dir, dryRun: false, removed: [join(dir, 'logs', 'api.log.1')], kept: 0 });
  });

  it('says what it would remove in a dry run', async () => {
    await aged('logs/api.log.1', 10);
    const { io: streams, out } = io();
    expect(await runGcCommand({ stateDir: dir, dryRun: true }, streams)).toBe(0);
    expect(out()).toMatch(/would remove logs\/api\.log\.1\nwould remove 1 item\(s\) older than 168 h/);
  });
});
