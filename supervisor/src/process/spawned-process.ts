// What every spawner takes and gives back: the request, the started process, and the one error
// that says it could not start.
import type { Readable } from 'node:stream';
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
  /** Resolves once, when the process has exited (the leader's exit, not the end of its pipes). */
  readonly exited: Promise<ProcessExit>;
}

/** SPAWN_FAILED for `request`, worded from the OS error (ENOENT → "not found"). */
export function spawnFailed(request: SpawnRequest, error: { readonly code?: string | undefined; readonly message: string }, cause?: unknown): BerthError {
  const why = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'not executable' : error.message;
  return new BerthError('SPAWN_FAILED', `${request.where}: cannot run "${request.file}": ${why}${error.code === undefined ? '' : ` (${error.code})`}`, { cause: cause ?? error });
}
