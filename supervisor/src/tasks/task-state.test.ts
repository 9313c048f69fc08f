import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { readTaskRecord, readTaskState, recordTaskSuccess } from './task-state.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-task-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('task state', () => {
  it('is empty when missing, records successes atomically, never loses parallel updates', async () => {
    expect(await readTaskState(dir)).toEqual({ schemaVersion: 1, tasks: {} });
    await Promise.all(['a', 'b', 'c', 'd'].map((task) => recordTaskSuccess(dir, task, '1.0.0', new Date('2026-11-25T00:00:00.000Z'))));
    await recordTaskSuccess(dir, 'a', '2.0.0');
    const state = await readTaskState(dir);
    expect(Object.keys(state.tasks).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(await readTaskRecord(dir, 'b')).toEqual({ lastCompletedVersion: '1.0.0', lastCompletedAt: '2026-11-25T00:00:00.000Z' });
    expect((await readTaskRecord(dir, 'a'))?.lastCompletedVersion).toBe('2.0.0');
    expect(await readTaskRecord(dir, 'never')).toBeUndefined();
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('keeps keys written by other concerns', async () => {
    await writeFile(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 1, tasks: {}, other: { x: 1 } }));
    await recordTaskSuccess(dir, 'migrate', '1.0.0');
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toMatchObject({ other: { x: 1 }, tasks: { migrate: { lastCompletedVersion: '1.0.0' } } });
  });

  it('refuses a corrupt state.json with a message naming the file and the fix', async () => {
    await writeFile(join(dir, 'state.json'), '{"tasks": {"a": 3}}');
    const error = await readTaskState(dir).catch((caught: unknown) => caught);
    expect(isBerthError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/state\.json.*delete it/);
  });
});
