// The one error type the dashboard's clients throw: a control API error code plus, over HTTP,
// the status. Screens switch on `code`, never on messages.

/** Code used when the supervisor could not be reached at all (network failure, no reply). */
export const UNREACHABLE = 'UNREACHABLE';
/** Code the control API uses for a missing or wrong token (HTTP 401). */
export const UNAUTHORIZED = 'UNAUTHORIZED';
/** Code passed to a subscription's onError when events were lost and /status must be refetched. */
export const RESYNC = 'RESYNC';
/** Code used when a reply did not match the contract. */
export const BAD_RESPONSE = 'BAD_RESPONSE';

/** An error from a RuntimeClient call, carrying the API's `code` and (HTTP only) its status. */
export class ClientError extends Error {
  readonly code: string;
  readonly status: number | null;

  constructor(code: string, message: string, options: { status?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientError';
    this.code = code;
    this.status = options.status ?? null;
  }
}

/** The `code` of any thrown value (errors rebuilt by the preload carry one too), else null. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

/** True when the error means the token/cookie was refused. */
export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === UNAUTHORIZED || (error instanceof ClientError && error.status === 401);
}

/** Codes meaning "no supervisor answered": ours over HTTP, the shell's over IPC. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  UNREACHABLE,
  'SUPERVISOR_NOT_RUNNING',
  'SUPERVISOR_EXITED',
  'SUPERVISOR_CRASH_LOOP',
  'SPAWN_FAILED',
  'HANDSHAKE_TIMEOUT',
  'CONTROL_REQUEST_FAILED',
]);

/** True when the error means the supervisor did not answer at all. */
export function isUnreachable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && UNREACHABLE_CODES.has(code);
}

/** A message safe to show for any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
