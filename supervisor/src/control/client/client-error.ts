// The one error a control-API client throws, in the CLI, in Electron main and in the dashboard
// alike: the API's own `code` when it answered with an error body, else a code of the client's
// (below), plus the HTTP status when there was a reply. Programs switch on `code`, never on
// messages. No imports: the preload and supervisor/src/errors.ts load this file alone.

/** No answer at all: connection refused or reset, the stream dropped or ended. */
export const UNREACHABLE = 'UNREACHABLE';
/** No complete answer within the transport's `timeoutMs`. */
export const TIMEOUT = 'TIMEOUT';
/** An answer that is not the contract's: not JSON, the wrong shape, or an error status without an error body. */
export const BAD_RESPONSE = 'BAD_RESPONSE';

/** An error from a control-API call: `code` from the API's error body or one of the codes above. */
export class ControlClientError extends Error {
  readonly code: string;
  /** The reply's HTTP status, or null when there was no reply. */
  readonly status: number | null;

  constructor(code: string, message: string, options: { status?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ControlClientError';
    this.code = code;
    this.status = options.status ?? null;
  }
}

/** The `code` of any thrown value (errors rebuilt from IPC replies carry one too), else null. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

/** A message safe to show for any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
