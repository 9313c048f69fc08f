import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logging/logger.ts';
import { createTaskGate } from './task-gate.ts';
import { readTaskRecord } from './task-state.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-task-gate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tasks = { migrate: ['first-start', 'upgrade'], boot: undefined, later: ['upgrade'] } as const;
const gateFor = (appVersion: string, extra: Partial<Parameters<typeof createTaskGate>[0]> = {}) =>
  createTaskGate({ stateDir: dir, appVersion, tasks, logger: silentLogger, ...extra });

describe('createTaskGate', () => {
  it('runs first-start tasks once, backs up before an upgrade, restores data/ when an upgrade task fails', async () => {
    const first = gateFor('1.0.0');
    expect(await first.beforeRun('migrate')).toEqual({ run: true });
    expect(await first.beforeRun('boot')).toEqual({ run: true });
    expect(await first.beforeRun('later')).toMatchObject({ run: false, reason: expect.stringMatching(/^up to date/) });
    await first.afterRun('migrate', true);
    expect(first.backupPath).toBeNull();
    expect((await readTaskRecord(dir, 'migrate'))?.lastCompletedVersion).toBe('1.0.0');
    expect((await readTaskRecord(dir, 'later'))?.lastCompletedVersion).toBe('1.0.0'); // baseline

    const again = gateFor('1.0.0');
    expect(await again.beforeRun('migrate')).toMatchObject({ run: false });
    expect(await again.beforeRun('boot')).toEqual({ run: true });

    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'notes.db'), 'v1');
    const beforeRestore = vi.fn(async () => undefined);
    const onRestore = vi.fn();
    const upgrade = gateFor('2.0.0', { beforeRestore, onRestore });
    await upgrade.prepare();
    expect(upgrade.backupPath).toMatch(/data\.backup-1\.0\.0-\d{8}T/);
    expect(await upgrade.beforeRun('migrate')).toEqual({ run: true });
    expect(await upgrade.beforeRun('later')).toEqual({ run: true });
    await writeFile(join(dir, 'data', 'notes.db'), 'half-migrated');
    await upgrade.afterRun('migrate', false);
    expect(await readFile(join(dir, 'data', 'notes.db'), 'utf8')).toBe('v1');
    expect(beforeRestore).toHaveBeenCalledOnce();
    expect(onRestore.mock.calls[0]?.[0]).toMatchObject({ task: 'migrate', ok: true, message: expect.stringContaining(upgrade.backupPath ?? '?') });
    expect((await readTaskRecord(dir, 'migrate'))?.lastCompletedVersion).toBe('1.0.0'); // failure never recorded

    const retry = gateFor('2.0.0');
    expect(await retry.beforeRun('migrate')).toEqual({ run: true });
    await retry.afterRun('migrate', true);
    expect((await readTaskRecord(dir, 'migrate'))?.lastCompletedVersion).toBe('2.0.0');
    expect((await readdir(dir)).filter((name) => name.startsWith('data.backup-'))).toHaveLength(2);
  });
});
