// `<stateDir>/control.json` (0600, or an ACL naming the current user alone on Windows; written
// atomically): how local CLI clients find the running supervisor and its token. Written once the
// API listens, removed at exit.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../errors.ts';
import { writeJsonAtomic } from '../fs/atomic-write.ts';
import { restrictToOwner } from '../permissions/index.ts';
import { ControlFile } from './contract-core.ts';

/** Path of control.json inside a state directory. */
export function controlFilePath(stateDir: string): string {
  return join(stateDir, 'control.json');
}

/**
 * Writes control.json (mode 0600; the owner-only ACL on Windows) atomically, without fsyncs: it describes this live process, so a
 * power loss makes it stale whatever was synced, and the desktop handshake waits for this write.
 */
export async function writeControlFile(stateDir: string, fields: { url: string; token: string; pid: number; startedAt?: string }): Promise<void> {
  const value = ControlFile.parse({ url: fields.url, token: fields.token, pid: fields.pid, startedAt: fields.startedAt ?? new Date().toISOString() });
  await writeJsonAtomic(controlFilePath(stateDir), value, { mode: 0o600, durable: false });
  // Created 0600 already; on Windows the mode means nothing and the ACL comes from here.
  if (process.platform === 'win32') await restrictToOwner(controlFilePath(stateDir), 'file');
}

/** Removes control.json, but only when it is still ours (`pid`); never throws. */
export async function removeControlFile(stateDir: string, pid: number = process.pid): Promise<void> {
  const current = await readControlFile(stateDir).catch(() => null);
  if (current !== null && current.pid !== pid) return;
  await rm(controlFilePath(stateDir), { force: true }).catch(() => undefined);
}

/** Reads control.json; null when absent, CONTROL_REQUEST_FAILED when unreadable or malformed. */
export async function readControlFile(stateDir: string): Promise<ControlFile | null> {
  let text: string;
  try {
    text = await readFile(controlFilePath(stateDir), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw new BerthError('CONTROL_REQUEST_FAILED', `Cannot read ${controlFilePath(stateDir)}.`, { cause: error });
  }
  try {
    return ControlFile.parse(JSON.parse(text));
  } catch (cause) {
    throw new BerthError('CONTROL_REQUEST_FAILED', `${controlFilePath(stateDir)} is malformed; is another program writing it?`, { cause });
  }
}
