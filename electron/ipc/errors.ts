// The desktop shell's one error type: a closed union of codes, shared by main and the preload
// (which rebuilds errors from IPC replies). Pure: no Node or Electron imports.

/** Every error code the shell raises or forwards; programs switch on these, never on messages. */
export type ShellErrorCode =
  | 'SPAWN_FAILED'
  | 'HANDSHAKE_TIMEOUT'
  | 'HANDSHAKE_INVALID'
  | 'SUPERVISOR_EXITED'
  | 'SUPERVISOR_CRASH_LOOP'
  | 'SUPERVISOR_NOT_RUNNING'
  | 'BAD_RESPONSE'
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'SECRETS_UNAVAILABLE'
  | 'UPDATE_FAILED'
  | 'INTERNAL';

/** The shell's error class; `code` is a ShellErrorCode or a code forwarded from the control API. */
export class ShellError extends Error {
  readonly code: string;
  /** The supervisor's exit code, when the error is about its exit. */
  readonly exitCode: number | null;

  constructor(code: ShellErrorCode | (string & {}), message: string, options: { cause?: unknown; exitCode?: number | null } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShellError';
    this.code = code;
    this.exitCode = options.exitCode ?? null;
  }
}

/** The code of any thrown value (`INTERNAL` when it has none). */
export function codeOf(error: unknown): string {
  if (error instanceof ShellError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'INTERNAL';
}
