// Starts one service process: argv only (never a shell), its own process group, stdin closed (or
// a pipe the supervisor holds, for `shutdown.stdin`), stdout/stderr piped for line capture.
// Effectful edge of the process concern.
//
// node:child_process directly, not execa: execa's per-call set-up (option normalisation, stream
// wrappers, its result promise) costs more per spawn on the loop thread (bench/RESULTS.md), and
// none of it is used here — no buffering, no encoding, no rejection, no cleanup hook (the
// supervisor kills its groups itself). execa stays where it earns its place: exec probes
// (probe-once.ts), which want its timeout and captured output, and Windows, where it finds the
// command through PATHEXT and runs .cmd/.bat files (npm, npx…) through cmd.exe with escaped
// arguments — node:child_process alone refuses batch files (EINVAL) and only tries .exe/.com.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { BerthError } from '../errors.ts';
import type { ProcessExit } from './exit-info.ts';

/** What to start. `env` is the complete environment (nothing is inherited implicitly). */
export interface SpawnRequest {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Used in error messages, e.g. "services.api". */
  readonly where: string;
  /** 'pipe': a stdin pipe the supervisor holds and closes to ask for a stop; default 'ignore'. */
  readonly stdin?: 'ignore' | 'pipe';
  /** Give the process a pipe at fd 3 to say it is ready on (readiness `notify: "fd"`). */
  readonly notifyFd?: boolean;
}

/** A started process. */
export interface SpawnedProcess {
  readonly pid: number;
  /** The process group (= pid on POSIX, where every service leads its own group). */
  readonly pgid: number | null;
  /** Wall-clock ms taken just before the spawn: nothing of its tree was created earlier. */
  readonly spawnedAtMs: number;
  /** Its stdin pipe when one was asked for, else null. */
  readonly stdin: Writable | null;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** The read end of the fd-3 pipe when `notifyFd` was asked for, else null. */
  readonly notify: Readable | null;
  /** Resolves once, when the process has exited (the leader's exit, not the end of its pipes). */
  readonly exited: Promise<ProcessExit>;
}

/** Spawn errors that retrying cannot fix: the program (or the cwd) is missing or not executable. */
const CANNOT_RUN_CODES: ReadonlySet<string> = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'EISDIR']);

/** True when a spawn failed because the command cannot run at all (not a passing failure). */
export function isCannotRun(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code !== undefined && CANNOT_RUN_CODES.has(cause.code);
}

function spawnFailed(request: SpawnRequest, error: NodeJS.ErrnoException): BerthError {
  const why = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'not executable' : error.message;
  return new BerthError('SPAWN_FAILED', `${request.where}: cannot run "${request.file}": ${why}${error.code === undefined ? '' : ` (${error.code})`}`, { cause: error });
}

/** How a service process is started: node:child_process (POSIX), execa (Windows; see above). */
export type SpawnMethod = 'node' | 'execa';

/** The spawn method for this platform. */
export function platformSpawnMethod(platform: NodeJS.Platform = process.platform): SpawnMethod {
  return platform === 'win32' ? 'execa' : 'node';
}

async function startChild(request: SpawnRequest, posix: boolean, method: SpawnMethod): Promise<ChildProcess> {
  const execa = method === 'execa' ? (await import('execa')).execa : null;
  // stdin closed (or a pipe for shutdown.stdin), stdout/stderr captured, and fd 3 for a notify-readiness service.
  const stdin = request.stdin ?? 'ignore';
  const stdio: readonly ['ignore' | 'pipe', 'pipe', 'pipe', ...'pipe'[]] = request.notifyFd === true ? [stdin, 'pipe', 'pipe', 'pipe'] : [stdin, 'pipe', 'pipe'];
  try {
    if (execa !== null) {
      const subprocess = execa(request.file, [...request.args], { cwd: request.cwd, env: request.env, extendEnv: false, detached: posix, cleanup: false, stdio, buffer: false, reject: false, windowsHide: true, encoding: 'buffer' });
      // Its result promise settles after the pipes end and never rejects (reject: false); unused here.
      subprocess.catch(() => undefined);
      return subprocess.nodeChildProcess;
    }
    // detached on POSIX = setsid(): the service leads its own process group (signal-group.ts).
    return spawn(request.file, request.args, { cwd: request.cwd, env: request.env, detached: posix, stdio: [...stdio], windowsHide: true });
  } catch (error) {
    // Invalid arguments (a NUL byte in argv or env) throw synchronously instead of emitting 'error'.
    throw spawnFailed(request, error as NodeJS.ErrnoException);
  }
}

/** Spawns the process and resolves once the OS confirms it started (else SPAWN_FAILED). */
export async function spawnProcess(request: SpawnRequest, method: SpawnMethod = platformSpawnMethod()): Promise<SpawnedProcess> {
  const posix = process.platform !== 'win32';
  const spawnedAtMs = Date.now();
  const child = await startChild(request, posix, method);
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
  const { pid, stdin, stdout, stderr } = child;
  if (stdout === null || stderr === null) throw new BerthError('SPAWN_FAILED', `${request.where}: "${request.file}" started without its pipes`);
  // Closing a pipe whose reader is gone fails with EPIPE: the process is ending anyway.
  stdin?.on('error', () => undefined);
  const notify = request.notifyFd === true ? ((child.stdio[3] ?? null) as Readable | null) : null;
  return { pid, pgid: posix ? pid : null, spawnedAtMs, stdin: request.stdin === 'pipe' ? stdin : null, stdout, stderr, notify, exited };
}
