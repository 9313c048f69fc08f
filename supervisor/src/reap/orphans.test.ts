import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.ts';
import { RunRecorder, isProcessAlive } from '../runs/index.ts';
import { recordStart, writeLegacyRecord } from '../runs/run-records.test-helper.ts';
import { reapOrphans } from './orphans.ts';

let dir: string;
const groups: number[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-reap-'));
});
afterEach(async () => {
  for (const pgid of groups.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(dir, { recursive: true, force: true });
});

/** A detached group: a node process that starts a grandchild (same group), prints its pid, sleeps. */
async function spawnGroup(): Promise<{ pid: number; grandchild: number }> {
  const script = `const { spawn } = require('node:child_process');
    const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    console.log(g.pid); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  groups.push(child.pid ?? 0);
  const [data] = (await once(child.stdout, 'data')) as [Buffer];
  return { pid: child.pid ?? 0, grandchild: Number(data.toString().trim()) };
}

/** The pid of a process that has already exited (a dead supervisor). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid ?? 0;
}

describe('reapOrphans', () => {
  it('kills the whole group of a dead supervisor’s run and marks the record reaped', async () => {
    const { pid, grandchild } = await spawnGroup();
    await recordStart(join(dir, 'runs'), await deadPid(), { service: 'api', pid, pgid: pid });

    const updated = await reapOrphans({ runsDir: join(dir, 'runs'), logger: silentLogger });
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ status: 'reaped', signal: 'SIGKILL' });
    expect(await isProcessAlive(pid)).toBe(false);
    expect(await isProcessAlive(grandchild)).toBe(false);
    expect((await new RunRecorder(join(dir, 'runs')).list('api'))[0]?.status).toBe('reaped');
  });

  it('kills a grandchild that outlived the run’s leader', async () => {
    const { pid, grandchild } = await spawnGroup();
    await recordStart(join(dir, 'runs'), await deadPid(), { service: 'api', pid, pgid: pid });
    process.kill(pid, 'SIGKILL');
    while (await isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await isProcessAlive(grandchild)).toBe(true);

    const updated = await reapOrphans({ runsDir: join(dir, 'runs'), logger: silentLogger });
    expect(updated[0]).toMatchObject({ status: 'reaped' });
    expect(updated[0]?.reason).toMatch(/leftover/);
    expect(await isProcessAlive(grandchild)).toBe(false);
  });

  it('never kills a reused pid, closes records of gone processes, leaves a live supervisor’s records', async () => {
    const { pid } = await spawnGroup();
    const dead = await deadPid();
    const runsDir = join(dir, 'runs');
    // An earlier version's record (a run folder), of a pid that started at another time since.
    const reused = await recordStart(join(dir, 'scratch'), dead, { service: 'reused', pid, pgid: pid });
    await writeLegacyRecord(runsDir, { ...reused, processStartTicks: '1' });
    await recordStart(runsDir, dead, { service: 'gone', pid: await deadPid() });
    await recordStart(runsDir, pid, { service: 'alive-supervisor' });

    const updated = await reapOrphans({ runsDir, logger: silentLogger });
    expect(updated.map((record) => [record.service, record.status]).sort()).toEqual([['gone', 'exited'], ['reused', 'exited']]);
    expect(await isProcessAlive(pid)).toBe(true);
    expect((await new RunRecorder(runsDir).list('reused'))[0]?.reason).toMatch(/another process/);
    expect(updated.find((record) => record.service === 'gone')?.reason).toBe('supervisor died');
    expect((await new RunRecorder(runsDir).list('alive-supervisor'))[0]?.status).toBe('running');
  });
});

describe('reapOrphans with Windows records (a pid and its creation time, no group), on a faked ProcessInfo', () => {
  const CREATED = '2026-09-22T11:46:11.033Z';

  it('kills the tree of a pid created when recorded; never a reused pid; a dead leader’s record is only closed', async () => {
    const runsDir = join(dir, 'runs');
    for (const [service, pid] of [['ours', 4242], ['reused', 4343], ['gone', 4444]] as const) {
      const record = await recordStart(join(dir, 'scratch'), 4100, { service, pid });
      await writeLegacyRecord(runsDir, { ...record, pgid: null, processStartTicks: CREATED });
    }
    const alive = new Set([4242, 4343]);
    const created = new Map([[4242, CREATED], [4343, '2026-09-23T08:00:00.000Z']]);
    const kills: number[] = [];
    const updated = await reapOrphans({
      runsDir,
      logger: silentLogger,
      processInfo: { isAlive: async (pid) => alive.has(pid), startTime: async (pid) => created.get(pid) ?? null },
      kill: (target) => {
        kills.push(target);
        alive.delete(target);
      },
    });
    expect(kills).toEqual([4242]);
    const byService = Object.fromEntries(updated.map((record) => [record.service, [record.status, record.reason]]));
    expect(byService).toEqual({
      ours: ['reaped', 'supervisor died; process tree killed on the next start'],
      reused: ['exited', 'supervisor died; pid 4343 now belongs to another process (start time differs), not killed'],
      gone: ['exited', 'supervisor died'],
    });
  });
});

