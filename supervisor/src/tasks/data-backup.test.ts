import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupData, listBackups, pruneBackups, restoreData } from './data-backup.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-backup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 15, minute, 0));

describe('data backup', () => {
  it('backs up data/, restores it after a failed upgrade, and prunes to the newest 3', async () => {
    await mkdir(join(dir, 'data', 'nested'), { recursive: true });
    await writeFile(join(dir, 'data', 'notes.db'), 'v1 rows');
    await writeFile(join(dir, 'data', 'nested', 'x.txt'), 'x');
    const backup = await backupData(dir, '1.0.0', at(1));
    expect(backup).toBe(join(dir, 'data.backup-1.0.0-20261125T150100.000Z'));

    // the upgrade task wrecks data/
    await writeFile(join(dir, 'data', 'notes.db'), 'half-migrated');
    await writeFile(join(dir, 'data', 'junk'), 'junk');
    await restoreData(dir, backup, at(2));
    expect(await readFile(join(dir, 'data', 'notes.db'), 'utf8')).toBe('v1 rows');
    expect(await readFile(join(dir, 'data', 'nested', 'x.txt'), 'utf8')).toBe('x');
    expect((await readdir(join(dir, 'data'))).sort()).toEqual(['nested', 'notes.db']);
    expect((await readdir(dir)).sort()).toEqual(['data', 'data.backup-1.0.0-20261125T150100.000Z']); // no failed/partial leftovers

    for (const minute of [3, 4, 5]) await backupData(dir, `1.0.${minute}`, at(minute));
    const removed = await pruneBackups(dir);
    expect(removed).toEqual([backup]);
    expect((await listBackups(dir)).map((path) => path.slice(dir.length + 1))).toEqual([
      'data.backup-1.0.5-20261125T150500.000Z',
      'data.backup-1.0.4-20261125T150400.000Z',
      'data.backup-1.0.3-20261125T150300.000Z',
    ]);
  });

  it('backs up a missing data/ as an empty folder and restores it as empty', async () => {
    const backup = await backupData(dir, '0.1.0', at(1));
    expect(await readdir(backup)).toEqual([]);
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'created-by-upgrade'), '1');
    await restoreData(dir, backup, at(2));
    expect(await readdir(join(dir, 'data'))).toEqual([]);
  });

  it('leaves data/ untouched when the backup to restore is missing', async () => {
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'keep'), 'k');
    await expect(restoreData(dir, join(dir, 'data.backup-nope'))).rejects.toThrow();
    expect(await readFile(join(dir, 'data', 'keep'), 'utf8')).toBe('k');
  });
});
