// How the dashboard reads an error from either client (HTTP: the core's ControlClientError; IPC:
// errors the preload rebuilt with the shell's or the API's code). Screens switch on these, never
// on messages.
import { UNREACHABLE, TIMEOUT, errorCode } from '../../../supervisor/src/control/client/index.ts';

/** True when the token/cookie was refused. */
export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

/** Codes meaning "no supervisor answered": the client core's, and the shell's over IPC. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  UNREACHABLE,
  TIMEOUT,
  'SUPERVISOR_NOT_RUNNING',
  'SUPERVISOR_EXITED',
  'SUPERVISOR_CRASH_LOOP',
  'SPAWN_FAILED',
  'HANDSHAKE_TIMEOUT',
]);

/** True when the error means the supervisor did not answer at all. */
export function isUnreachable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && UNREACHABLE_CODES.has(code);
}
