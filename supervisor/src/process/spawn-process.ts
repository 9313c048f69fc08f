// Starts one service process: argv only (never a shell), its own process group, stdin closed,
// stdout/stderr piped for line capture. Effectful edge of the process concern.
//
// node:child_process directly, not execa (issue 9): execa's per-call set-up (option
// normalisation, stream wrappers, its result promise) cost 2–5 ms more per spawn on the loop
// thread, and none of it is used here — no buffering, no encoding, no rejection, no cleanup hook
// (the supervisor kills its groups itself). execa stays where it earns its place: exec probes
// (probe-once.ts), which want its timeout and captured output, and Windows, where it finds the
// command through PATHEXT and runs .cmd/.bat files (npm, npx…) through cmd.exe with escaped
// arguments — node:child_process alone refuses batch files (EINVAL) and only tries .exe/.com.
import { spawn, type ChildProcess } from 'node:child_process';
import { spawnFailed, type SpawnedProcess, type SpawnRequest } from './spawned-process.ts';
import { nextSpawnTurn } from './spawn-turn.ts';
import { SpawnerThread } from './spawner-thread.ts';
import type { ProcessExit } from './exit-info.ts';
import { BerthError } from '../errors.ts';

export type { SpawnedProcess, SpawnRequest } from './spawned-process.ts';

/**
 * How a service process is started. 'node': node:child_process on the supervisor's loop, one spawn
 * per turn (spawn-turn.ts). 'thread': on the spawner thread (spawner-thread.ts). 'auto' (POSIX):
 * on the loop, and on the thread once a burst has queued SPAWN_THREAD_AFTER_QUEUED spawns.
 * 'execa': execa on the loop (Windows; see above).
 */
export type Spawner = 'auto' | 'node' | 'thread' | 'execa';

/** The spawner for this platform. */
export function platformSpawner(platform: NodeJS.Platform = process.platform): Spawner {
  return platform === 'win32' ? 'execa' : 'auto';
}

/**
 * Spawns waiting on the loop at which the spawner thread takes the next ones. The thread costs
 * ~50–70 ms to boot and ~15–20 MB of memory, about what 16 spawns block the loop for (3–5 ms
 * each): an app of a few services never pays for it, a level of 50–200 services does, and the
 * loop spawns the first 16 while the thread boots.
 */
export const SPAWN_THREAD_AFTER_QUEUED = 16;

let spawnerThread: SpawnerThread | null = null;
/** Spawns on the loop that have not finished yet (waiting for their turn or running). */
let queuedOnLoop = 0;

/** Which way a spawn goes: the thread once it is up or a burst calls for it, else the loop. Pure. */
export function spawnRoute(spawner: Spawner, state: { readonly threadUp: boolean; readonly queuedOnLoop: number }): 'thread' | 'loop' {
  if (spawner === 'thread') return 'thread';
  return spawner === 'auto' && (state.threadUp || state.queuedOnLoop >= SPAWN_THREAD_AFTER_QUEUED) ? 'thread' : 'loop';
}

async function startChild(request: SpawnRequest, posix: boolean, spawner: Spawner): Promise<ChildProcess> {
  const execa = spawner === 'execa' ? (await import('execa')).execa : null;
  try {
    if (execa !== null) {
      const subprocess = execa(request.file, [...request.args], { cwd: request.cwd, env: request.env, extendEnv: false, detached: posix, cleanup: false, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false, windowsHide: true, encoding: 'buffer' });
      // Its result promise settles after the pipes end and never rejects (reject: false); unused here.
      subprocess.catch(() => undefined);
      return subprocess.nodeChildProcess;
    }
    // detached on POSIX = setsid(): the service leads its own process group (signal-group.ts).
    return spawn(request.file, request.args, { cwd: request.cwd, env: request.env, detached: posix, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  } catch (error) {
    // Invalid arguments (a NUL byte in argv or env) throw synchronously instead of emitting 'error'.
    throw spawnFailed(request, error as NodeJS.ErrnoException);
  }
}

/** Spawns the process and resolves once the OS confirms it started (else SPAWN_FAILED). */
export async function spawnProcess(request: SpawnRequest, spawner: Spawner = platformSpawner()): Promise<SpawnedProcess> {
  if (spawnRoute(spawner, { threadUp: spawnerThread !== null, queuedOnLoop }) === 'thread') {
    spawnerThread ??= new SpawnerThread();
    return spawnerThread.spawn(request);
  }
  queuedOnLoop += 1;
  try {
    return await spawnOnLoop(request, spawner);
  } finally {
    queuedOnLoop -= 1;
  }
}

async function spawnOnLoop(request: SpawnRequest, spawner: Spawner): Promise<SpawnedProcess> {
  // On this loop a spawn blocks everything else: one per turn (spawn-turn.ts).
  await nextSpawnTurn();
  const posix = process.platform !== 'win32';
  const child = await startChild(request, posix, spawner);
  // The leader's 'exit', not the end of the pipes: a grandchild holding stdout open must not
  // make a dead service look alive.
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
  });
  // Node sets `pid` only when the OS started the process; otherwise 'error' follows (ENOENT…).
  if (child.pid === undefined) {
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => child.once('error', resolve));
    throw spawnFailed(request, error);
  }
  const { pid, stdout, stderr } = child;
  if (stdout === null || stderr === null) throw new BerthError('SPAWN_FAILED', `${request.where}: "${request.file}" started without its pipes`);
  return { pid, pgid: posix ? pid : null, stdout, stderr, exited };
}
