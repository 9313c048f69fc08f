// One error type for the whole supervisor: a closed union of codes, the exit code and HTTP
// status each maps to, and the original cause kept for logs.

/** Every error code Berth raises; callers switch on these, never on messages. */
export type BerthErrorCode =
  | 'MANIFEST_NOT_FOUND'
  | 'MANIFEST_INVALID'
  | 'GRAPH_CYCLE'
  | 'CONFIG_INVALID'
  | 'EXPORT_INVALID'
  | 'ENV_FILE_INVALID'
  | 'ENV_MISSING'
  | 'STATE_LOCKED'
  | 'STATE_DIR_UNWRITABLE'
  | 'PORT_IN_USE'
  | 'PORT_RANGE_EXHAUSTED'
  | 'SPAWN_FAILED'
  | 'SECRET_MISSING'
  | 'BUNDLE_INVALID'
  | 'BUNDLE_NOT_INSTALLED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_FAILED'
  | 'FEED_FAILED'
  | 'SECRET_INVALID'
  | 'SERVICE_UNKNOWN'
  | 'TRANSITION_INVALID'
  | 'SUPERVISOR_NOT_RUNNING'
  | 'CONTROL_REQUEST_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'INTERNAL';

/** Codes that mean "the input was wrong": the CLI exits 2 for these, 1 for everything else. */
const INVALID_INPUT_CODES: ReadonlySet<BerthErrorCode> = new Set<BerthErrorCode>([
  'MANIFEST_NOT_FOUND',
  'MANIFEST_INVALID',
  'GRAPH_CYCLE',
  'CONFIG_INVALID',
  'EXPORT_INVALID',
  'ENV_FILE_INVALID',
  'ENV_MISSING',
  'SECRET_INVALID',
  'SERVICE_UNKNOWN',
  'BAD_REQUEST',
  'BUNDLE_INVALID',
  'BUNDLE_NOT_INSTALLED',
]);

/** The single error class of the supervisor; `code` is what programs look at. */
export class BerthError extends Error {
  readonly code: BerthErrorCode;
  /** Extra lines shown under the message (one problem per line, last output lines…). */
  readonly details: readonly string[];

  constructor(code: BerthErrorCode, message: string, options: { cause?: unknown; details?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.code = code;
    this.details = options.details ?? [];
  }
}

/** Exit code for a CLI failure: 2 for invalid input, 1 for a runtime failure. */
export function exitCodeFor(error: unknown): 1 | 2 {
  return error instanceof BerthError && INVALID_INPUT_CODES.has(error.code) ? 2 : 1;
}

/** Narrowing helper for `catch (error)` blocks. */
export function isBerthError(error: unknown, code?: BerthErrorCode): error is BerthError {
  return error instanceof BerthError && (code === undefined || error.code === code);
}

/** A message safe to show for any thrown value: the one definition, in the pure client core so every layer shares it. */
export { messageOf } from './control/client/client-error.ts';
