// Where the CLI meets the client core: a ControlClientError becomes the BerthError whose code
// decides the exit code (SERVICE_UNKNOWN → 2, an unreachable supervisor → 1, …).
// client-error.ts alone, not the core's index: every CLI start loads this file, and zod must wait.
import { ControlClientError, TIMEOUT, UNREACHABLE } from '../control/client/client-error.ts';
import { BerthError, type BerthErrorCode } from '../errors.ts';

/** API codes the CLI keeps as they are; any other becomes CONTROL_REQUEST_FAILED. */
const API_CODES: ReadonlySet<string> = new Set<BerthErrorCode>([
  'BAD_REQUEST', 'SECRET_INVALID', 'SECRET_MISSING', 'CONFIG_INVALID', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'SERVICE_UNKNOWN',
  'METHOD_NOT_ALLOWED', 'TRANSITION_INVALID', 'PAYLOAD_TOO_LARGE', 'INTERNAL', 'SPAWN_FAILED', 'PORT_IN_USE',
]);

/** The BerthError for a client failure; any other value is returned unchanged. */
export function toBerthError(error: unknown): unknown {
  if (!(error instanceof ControlClientError)) return error;
  if (error.code === UNREACHABLE || error.code === TIMEOUT) {
    return new BerthError('SUPERVISOR_NOT_RUNNING', `The supervisor does not answer; it may have exited. ${error.message}`, { cause: error });
  }
  if (API_CODES.has(error.code)) return new BerthError(error.code as BerthErrorCode, error.message, { cause: error });
  return new BerthError('CONTROL_REQUEST_FAILED', `${error.code}: ${error.message}`, { cause: error });
}
