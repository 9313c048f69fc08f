// Shared helpers of the electron/ tests: fixture command lines, temp dirs and process checks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SupervisorCommand } from '../main/supervision/command.ts';

/** Whether this Node runs .ts files (type stripping): the stand-in shell processes need it. */

/** The fake supervisor script. */
export const FAKE_SUPERVISOR = fileURLToPath(new URL('./fixtures/fake-supervisor.mjs', import.meta.url));
/** Repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A command running the fake supervisor in a mode under plain Node. */
export function fakeSupervisorCommand(mode: string, extraEnv: Record<string, string> = {}): SupervisorCommand {
  return { command: process.execPath, args: [FAKE_SUPERVISOR], env: { PATH: process.env.PATH ?? '', FAKE_MODE: mode, ...extraEnv } };
}

/** Whether a pid is alive (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until every pid is gone (or throws after timeoutMs). */
export async function waitGone(pids: readonly number[], timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) throw new Error(`still alive: ${pids.filter(isAlive).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until a condition holds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Pids recorded by the fake supervisor in its pid file (supervisor and service). */
export async function recordedPids(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => /^(sup|svc) \d+$/.test(line)).map((line) => Number(line.split(' ')[1]));
}

/** Kills pids left behind by a failed test. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
}

/** A temp dir and its removal. */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `berth-electron-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
