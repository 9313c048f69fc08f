// Spawning the supervisors under test: detached (own process group, so a signal to the bench
// never reaches them by accident), output to a file, exit observable as a promise.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** A spawned supervisor process. */
export interface Spawned {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** True once it has exited. */
  hasExited(): boolean;
}

/**
 * Spawns `file args` detached with stdout+stderr appended to `logFile`. stdin is ignored, or with
 * `stdin: 'pipe'` a pipe the harness keeps open until the process exits (a desktop-profile Berth
 * stops when its stdin ends: that pipe is its parent's lifeline).
 */
export function spawnLogged(file: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; stdin?: 'ignore' | 'pipe' }): Spawned {
  const fd = openSync(options.logFile, 'a');
  let done = false;
  try {
    const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, detached: true, stdio: [options.stdin ?? 'ignore', fd, fd] });
    // Closed only once the process has gone (EPIPE and the like are of no interest here).
    child.stdin?.on('error', () => undefined);
    child.once('exit', () => child.stdin?.destroy());
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => {
        done = true;
        resolve(code);
      });
      child.once('error', () => {
        done = true;
        resolve(null);
      });
    });
    if (child.pid === undefined) throw new Error(`cannot spawn ${file}`);
    return { child, pid: child.pid, exited, hasExited: () => done };
  } finally {
    closeSync(fd);
  }
}

/** Runs a command to completion (output to logFile); resolves with its exit code. */
export async function runLogged(file: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; timeoutMs?: number }): Promise<number | null> {
  const spawned = spawnLogged(file, args, options);
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    return await spawned.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves true if `promise` settles within ms, else false. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
