// The secrets folder on disk: `<stateDir>/secrets/` (0700) holding `generated/<NAME>` (0600,
// kept across starts) and `run/<service>/<NAME>` (0600 in 0700 folders, removed at shutdown). On
// Windows each of them gets an ACL naming the current user alone instead (permissions/).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { restrictToOwner } from '../permissions/index.ts';

/** `<stateDir>/secrets`. */
export function secretsDir(stateDir: string): string {
  return join(stateDir, 'secrets');
}

/** `<stateDir>/secrets/run`: every injected file lives below it. */
export function runSecretsDir(stateDir: string): string {
  return join(secretsDir(stateDir), 'run');
}

/** Creates a folder chain private to the current user on each level below `stateDir` (0700, umask-proof; an ACL on Windows). */
export async function ensurePrivateDir(stateDir: string, ...segments: string[]): Promise<string> {
  let dir = stateDir;
  await mkdir(dir, { recursive: true });
  for (const segment of segments) {
    dir = join(dir, segment);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await restrictToOwner(dir, 'dir');
  }
  return dir;
}

/** Writes one secret file private to the current user (0600; an ACL on Windows), atomically, so a reader never sees half a value. */
export async function writeSecretFile(path: string, value: string): Promise<void> {
  await writeFileAtomic(path, value, { mode: 0o600 });
  await restrictToOwner(path, 'file');
}

/** Reads `generated/<NAME>`, or creates it with `bytes` random bytes (base64url) the first time. */
export async function loadOrGenerate(stateDir: string, name: string, bytes: number): Promise<string> {
  const dir = await ensurePrivateDir(stateDir, 'secrets', 'generated');
  const path = join(dir, name);
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (existing.length > 0) {
      await restrictToOwner(path, 'file');
      return existing;
    }
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
      throw new BerthError('STATE_DIR_UNWRITABLE', `Cannot read the generated secret ${name} in ${dir}.`, { cause: error });
    }
  }
  const value = randomBytes(bytes).toString('base64url');
  await writeSecretFile(path, value);
  return value;
}

/** Removes every injected secret file (`secrets/run/`). */
export async function removeRunSecrets(stateDir: string): Promise<void> {
  await rm(runSecretsDir(stateDir), { recursive: true, force: true });
}
