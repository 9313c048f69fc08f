// Starts one service process: argv only (never a shell), its own process group, stdin closed,
// stdout/stderr piped for line capture. Effectful edge of the process concern.
import type { Readable } from 'node:stream';
import { execa } from 'execa';
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
}

/** A started process. */
export interface SpawnedProcess {
  readonly pid: number;
  /** The process group (= pid on POSIX, where every service leads its own group). */
  readonly pgid: number | null;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once, when the process has exited and its pipes are drained. */
  readonly exited: Promise<ProcessExit>;
}

/** Spawns the process and resolves once the OS confirms it started (else SPAWN_FAILED). */
export async function spawnProcess(request: SpawnRequest): Promise<SpawnedProcess> {
  const posix = process.platform !== 'win32';
  const subprocess = execa(request.file, [...request.args], {
    cwd: request.cwd,
    env: request.env,
    extendEnv: false,
    detached: posix,
    cleanup: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    windowsHide: true,
    encoding: 'buffer',
  });
  // The leader's 'exit', not the end of the pipes: a grandchild holding stdout open must not
  // make a dead service look alive. (The result promise still settles later; never rejects.)
  const child = subprocess.nodeChildProcess;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
  });
  subprocess.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'not executable' : error.message;
      reject(new BerthError('SPAWN_FAILED', `${request.where}: cannot run "${request.file}": ${why}${error.code === undefined ? '' : ` (${error.code})`}`, { cause: error }));
    });
  });
  const pid = subprocess.pid;
  if (pid === undefined || subprocess.stdout === null || subprocess.stderr === null) {
    throw new BerthError('SPAWN_FAILED', `${request.where}: "${request.file}" started without a pid`);
  }
  return { pid, pgid: posix ? pid : null, stdout: subprocess.stdout, stderr: subprocess.stderr, exited };
}
