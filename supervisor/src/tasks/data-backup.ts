// The copy of data/ taken before upgrade tasks run, and the way back when one fails. Take the
// backup while no service runs (the runtime stops the old services first), so the copy is
// consistent. A backup is copied under a temporary name and renamed, so a crash mid-copy never
// leaves something that looks like a complete backup.
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

const BACKUP_PREFIX = 'data.backup-';
const STAMP = /-(\d{8}T\d{6}\.\d{3}Z)$/;

/** `20261125T153012.123Z` for a date (sortable, file-name safe). */
function stampOf(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '');
}

/** Copies `<stateDir>/data` to `<stateDir>/data.backup-<fromVersion>-<timestamp>`; returns its path. */
export async function backupData(stateDir: string, fromVersion: string, at: Date = new Date()): Promise<string> {
  const name = `${BACKUP_PREFIX}${fromVersion.replace(/[^A-Za-z0-9.+_-]/g, '_')}-${stampOf(at)}`;
  const target = join(stateDir, name);
  const partial = join(stateDir, `.${name}.partial`);
  await rm(partial, { recursive: true, force: true });
  try {
    await cp(join(stateDir, 'data'), partial, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true, verbatimSymlinks: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(partial, { recursive: true, force: true });
      throw error;
    }
    await mkdir(partial, { recursive: true }); // no data/ yet: an empty backup restores to empty
  }
  await rename(partial, target);
  return target;
}

/**
 * Puts a backup back as `<stateDir>/data`: copy the backup beside data/, move data/ aside to
 * data.failed-<ts>, move the copy in, then remove the failed data. data/ is never missing for
 * longer than two renames, and the backup itself stays for another attempt.
 */
export async function restoreData(stateDir: string, backupPath: string, at: Date = new Date()): Promise<void> {
  const stamp = stampOf(at);
  const data = join(stateDir, 'data');
  const incoming = join(stateDir, `.data.restoring-${stamp}`);
  const failed = join(stateDir, `data.failed-${stamp}`);
  await rm(incoming, { recursive: true, force: true });
  await cp(backupPath, incoming, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  let movedAside = true;
  await rename(data, failed).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    movedAside = false;
  });
  await rename(incoming, data);
  if (movedAside) await rm(failed, { recursive: true, force: true });
}

/** Backups in the state dir, newest first. */
export async function listBackups(stateDir: string): Promise<string[]> {
  const names = (await readdir(stateDir).catch(() => [] as string[])).filter((name) => name.startsWith(BACKUP_PREFIX) && STAMP.test(name));
  const stamp = (name: string) => STAMP.exec(name)?.[1] ?? '';
  return names.sort((a, b) => stamp(b).localeCompare(stamp(a))).map((name) => join(stateDir, name));
}

/** Removes all but the newest `keep` backups; returns the removed paths. */
export async function pruneBackups(stateDir: string, keep = 3): Promise<string[]> {
  const removed = (await listBackups(stateDir)).slice(Math.max(0, keep));
  for (const path of removed) await rm(path, { recursive: true, force: true });
  return removed;
}
