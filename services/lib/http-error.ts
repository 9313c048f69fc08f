// The one error type of the example services, with the HTTP status table in one place. Every
// error a client sees is JSON `{ "error": { "code", "message", ...details } }`.

/** Every code the services answer with; clients switch on these, never on messages. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'FORBIDDEN_STATEMENT'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'EMPTY_STATEMENT'
  | 'MULTIPLE_STATEMENTS'
  | 'TRANSACTION_CONTROL'
  | 'RESULT_TOO_LARGE'
  | 'SQL_ERROR'
  | 'CONSTRAINT'
  | 'BUSY'
  | 'DB_UNAVAILABLE'
  | 'DB_ERROR'
  | 'API_UNAVAILABLE'
  | 'SHUTTING_DOWN'
  | 'INTERNAL';

/** HTTP status for each code. */
export const STATUS_FOR_CODE: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  FORBIDDEN_STATEMENT: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EMPTY_STATEMENT: 400,
  MULTIPLE_STATEMENTS: 400,
  TRANSACTION_CONTROL: 400,
  RESULT_TOO_LARGE: 400,
  SQL_ERROR: 400,
  CONSTRAINT: 409,
  BUSY: 503,
  DB_UNAVAILABLE: 503,
  DB_ERROR: 502,
  API_UNAVAILABLE: 502,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

/** An error meant for the client: its code picks the status, `details` are merged into the body. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  /** Extra response headers (Allow, WWW-Authenticate…). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.code = code;
    this.status = STATUS_FOR_CODE[code];
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }
}

/** The JSON body of an error response. */
export function errorBody(error: HttpError): { error: Record<string, unknown> } {
  return { error: { ...error.details, code: error.code, message: error.message } };
}
