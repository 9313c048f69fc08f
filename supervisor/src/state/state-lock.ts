// One supervisor per state dir: a lock file holding the owner's pid, created with O_EXCL. A lock
// whose pid is dead is stale and taken over; a live one is refused with its pid.
import { open, readFile, rm } from 'node:fs/promises';
import { BerthError } from '../errors.ts';
import { pidExists } from '../process/process-alive.ts';

/** A held lock; `release` removes the file (only if it is still ours). */
export interface StateLock {
  readonly path: string;
  release(): Promise<void>;
}

async function readOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock at `path` for this process, or throws STATE_LOCKED naming the live owner. */
export async function acquireStateLock(path: string, pid = process.pid): Promise<StateLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // No fsync: after a power loss the owner is dead and an empty or torn lock is taken over
      // (below), so syncing only delayed every start by a disk flush.
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(`${pid}\n`);
      await handle.close();
      return {
        path,
        async release() {
          if ((await readOwner(path)) === pid) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    if (owner !== undefined && owner !== pid && pidExists(owner)) {
      throw new BerthError('STATE_LOCKED', `another supervisor (pid ${owner}) is using this state dir (${path}); stop it first or pass another --state-dir`);
    }
    // Stale (dead owner, our own pid, or unreadable after a crash mid-write): take it over.
    await rm(path, { force: true });
  }
  throw new BerthError('STATE_LOCKED', `could not take the lock ${path}: another process keeps re-creating it`);
}
