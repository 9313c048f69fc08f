import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireStateLock } from './state-lock.ts';

describe('state lock', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const lockPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-lock-'));
    dirs.push(dir);
    return join(dir, 'supervisor.lock');
  };

  it('is taken, refused to a second owner with the first pid, and released', async () => {
    const path = lockPath();
    const lock = await acquireStateLock(path);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    // A live process (ourselves, seen as another pid) holds it: the refusal names its pid.
    await expect(acquireStateLock(path, process.pid + 1_000_000)).rejects.toThrow(new RegExp(`pid ${process.pid}`));
    await lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a stale lock left by a dead process', async () => {
    const path = lockPath();
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => child.once('exit', () => resolve(child.pid ?? 0)));
    writeFileSync(path, `${deadPid}\n`);
    const lock = await acquireStateLock(path);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    await lock.release();
  });
});
